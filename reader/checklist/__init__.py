"""The indicators checklist as the user sees it: rows by category, filtered. No Qt here."""

from reader.checklist.rows import DROPPED, Group, Row, checklist_groups

__all__ = ["DROPPED", "Group", "Row", "checklist_groups"]
