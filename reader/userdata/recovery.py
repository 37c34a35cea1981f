"""A damaged user data file: moved aside to a timestamped backup, and what can be read salvaged.

A file that is not a database or fails ``PRAGMA quick_check`` is never overwritten: it is moved
aside next to itself, and every row that can still be read and holds valid values is copied
into the new file.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from reader.i18n import _
from reader.userdata.checklists import checked_name, mark_from_row
from reader.userdata.connection import StoreConnection
from reader.userdata.events import event_from_row
from reader.userdata.records import BOOKMARK_KINDS, UserDataError, event_problem, parse_ts
from reader.userdata.schema import (
    BOOKMARK_COLUMNS,
    CHECKLIST_COLUMNS,
    EVENT_COLUMNS,
    EVENT_COLUMNS_V1,
    MARK_COLUMNS,
    NOTE_COLUMNS,
)

# What is copied from a damaged file, table by table.
_SALVAGED_COLUMNS = {
    "bookmarks": BOOKMARK_COLUMNS,
    "notes": NOTE_COLUMNS,
    "events": EVENT_COLUMNS,
    "checklists": CHECKLIST_COLUMNS,  # before their marks, which refer to them
    "checklist_marks": MARK_COLUMNS,
}
# What is read instead from a damaged file of an older schema (missing columns get defaults).
_OLDER_COLUMNS = {"events": (EVENT_COLUMNS_V1, (0,))}


def backup_name(path: Path) -> Path:
    """A free name next to ``path`` for the damaged file: ``<name>.corrupt-<time>[-<n>]``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    return candidate


def salvageable(table: str, row: tuple[Any, ...]) -> bool:
    """True if a row read from a damaged file holds valid values (it is copied then)."""
    try:
        if table == "bookmarks":
            kind, target, created = row
            parse_ts(created)
            return kind in BOOKMARK_KINDS and isinstance(target, str) and bool(target)
        if table == "notes":
            section, text, updated = row
            parse_ts(updated)
            return isinstance(section, str) and bool(section) and isinstance(text, str)
        if table == "checklists":
            checklist_id, name, created, renamed = row
            parse_ts(created)
            parse_ts(renamed)
            return isinstance(checklist_id, str) and bool(checklist_id) and bool(checked_name(name))
        if table == "checklist_marks":
            mark_from_row(row[1:])
            return isinstance(row[0], str) and bool(row[0])
        event = event_from_row(row)
        return isinstance(event.uid, str) and bool(event.uid) and event_problem(event) is None
    except (TypeError, ValueError, AttributeError, UserDataError):
        return False


def _readable_rows(backup: Path) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every row that can still be read from the damaged file, table by table.

    None if the file cannot be opened at all.
    """
    try:
        uri = f"{backup.resolve().as_uri()}?mode=ro"
        old = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _SALVAGED_COLUMNS}
    try:
        for table, cols in _SALVAGED_COLUMNS.items():
            defaults: tuple[Any, ...] = ()
            try:
                try:
                    cursor = old.execute(f"SELECT {cols} FROM {table}")
                except sqlite3.OperationalError:
                    if table not in _OLDER_COLUMNS:
                        raise
                    older, defaults = _OLDER_COLUMNS[table]  # a file from before a migration
                    cursor = old.execute(f"SELECT {older} FROM {table}")
                while True:
                    row = cursor.fetchone()
                    if row is None:
                        break
                    rows[table].append(tuple(row) + defaults)
            except sqlite3.Error:
                continue  # keep the rows read before the damage
    finally:
        old.close()
    return rows


class RecoveringStore(StoreConnection):
    """Moving a damaged file aside and salvaging it, for :class:`UserStore`'s opening."""

    def _move_aside(self) -> Path:
        backup = backup_name(self.path)
        try:
            os.replace(self.path, backup)
            for suffix in ("-wal", "-shm", "-journal"):
                companion = Path(f"{self.path}{suffix}")
                if companion.exists():
                    os.replace(companion, Path(f"{backup}{suffix}"))
        except OSError as exc:
            raise UserDataError(
                _(
                    "The file with your bookmarks, notes and own events ({path}) is damaged, "
                    "and it could not be moved aside to {backup}: {reason}"
                ).format(path=self.path, backup=backup, reason=exc.strerror or exc)
            ) from exc
        return backup

    def _salvage(self, backup: Path) -> int:
        """Copy whatever rows can still be read from a damaged file; returns how many."""
        rows = _readable_rows(backup)
        if rows is None:
            return 0
        count = 0
        with self._transaction() as conn:
            for table, cols in _SALVAGED_COLUMNS.items():
                marks = ", ".join("?" * len(cols.split(",")))
                for row in rows[table]:
                    if not salvageable(table, row):
                        continue
                    try:
                        cursor = conn.execute(
                            f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})", row
                        )
                    except sqlite3.Error:
                        continue  # a damaged row (e.g. NULL where text is required)
                    count += cursor.rowcount
        return count
