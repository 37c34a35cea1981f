"""Print documents (section, chapter, handbook, checklist) built without Qt; see documents.py."""

from reader.printing.documents import (
    Marks,
    PrintDocument,
    PrintError,
    TocEntry,
    chapter_document,
    checklist_document,
    handbook_document,
    section_document,
)

__all__ = [
    "Marks",
    "PrintDocument",
    "PrintError",
    "TocEntry",
    "chapter_document",
    "checklist_document",
    "handbook_document",
    "section_document",
]
