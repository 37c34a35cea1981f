"""Indicator checklists: named lists (one per case) with a tick and a note per indicator.

A checklist refers to indicators by their ids only. A mark on an indicator that a newer edition
of the handbook no longer has is kept as it is; the interface shows it as no longer in the
handbook. A mark that is neither ticked nor has a note is not stored (unticking and clearing the
note deletes it), so "reset" is deleting a checklist's marks.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.i18n import _
from reader.userdata.connection import StoreConnection
from reader.userdata.records import UserDataError, parse_ts, ts, utc_now
from reader.userdata.schema import CHECKLIST_COLUMNS, MARK_COLUMNS

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class Mark:
    """What the user marked on one indicator of one checklist."""

    indicator_id: str
    ticked: bool
    note: str
    updated: dt.datetime  # UTC aware


@dataclass(frozen=True)
class Checklist:
    id: str  # uuid4 hex, the same on every PC the checklist is exported to
    name: str
    created: dt.datetime  # UTC aware
    renamed: dt.datetime  # when the name was last set (decides which name wins on import)
    entries: Mapping[str, Mark] = field(default_factory=dict)  # by indicator id

    def marks(self) -> dict[str, tuple[bool, str]]:
        """Indicator id -> (ticked, note), for every indicator with a tick or a note."""
        return {key: (mark.ticked, mark.note) for key, mark in self.entries.items()}

    def mark(self, indicator_id: str) -> Mark | None:
        return self.entries.get(indicator_id)

    @property
    def ticked_count(self) -> int:
        return sum(1 for mark in self.entries.values() if mark.ticked)


def new_checklist_id() -> str:
    return uuid.uuid4().hex


def checked_name(name: str) -> str:
    """The name as stored (spaces trimmed); UserDataError if it cannot be a checklist's name."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserDataError(_("A checklist needs a name, for example a case number."))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise UserDataError(
            _("The checklist name is too long ({length} characters; at most {limit}).").format(
                length=len(cleaned), limit=MAX_NAME_LENGTH
            )
        )
    return cleaned


def mark_from_row(row: tuple[Any, ...]) -> Mark:
    """A mark from the last four columns of :data:`MARK_COLUMNS` (indicator id onwards)."""
    indicator_id, ticked, note, updated = row
    if ticked not in (0, 1):
        raise ValueError(f"ticked must be 0 or 1, not {ticked!r}")
    if not isinstance(indicator_id, str) or not indicator_id or not isinstance(note, str):
        raise ValueError("a mark needs an indicator id and a text note")
    return Mark(indicator_id, bool(ticked), note, parse_ts(updated))


def unique_name(conn: sqlite3.Connection, name: str, own_id: str = "") -> str:
    """``name``, or ``name (2)``, ``name (3)``... if another checklist already has it."""
    taken = {
        str(row[0]).casefold()
        for row in conn.execute("SELECT name FROM checklists WHERE id != ?", (own_id,))
    }
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate


def write_mark(conn: sqlite3.Connection, checklist_id: str, mark: Mark) -> None:
    """Store one mark (a mark with no tick and no note is deleted)."""
    if not mark.ticked and not mark.note.strip():
        conn.execute(
            "DELETE FROM checklist_marks WHERE checklist_id = ? AND indicator_id = ?",
            (checklist_id, mark.indicator_id),
        )
        return
    conn.execute(
        f"INSERT INTO checklist_marks ({MARK_COLUMNS}) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (checklist_id, indicator_id) DO UPDATE SET ticked = excluded.ticked, "
        "note = excluded.note, updated = excluded.updated",
        (checklist_id, mark.indicator_id, int(mark.ticked), mark.note, ts(mark.updated)),
    )


def read_checklists(conn: sqlite3.Connection, checklist_id: str | None = None) -> list[Checklist]:
    """Checklists (all, or the one with ``checklist_id``) with their marks, by name."""
    where, params = ("WHERE id = ?", (checklist_id,)) if checklist_id else ("", ())
    rows = conn.execute(
        f"SELECT {CHECKLIST_COLUMNS} FROM checklists {where} ORDER BY name COLLATE NOCASE, id",
        params,
    ).fetchall()
    marks: dict[str, dict[str, Mark]] = {row[0]: {} for row in rows}
    mark_where = "WHERE checklist_id = ?" if checklist_id else ""
    for row in conn.execute(
        f"SELECT {MARK_COLUMNS} FROM checklist_marks {mark_where} ORDER BY rowid", params
    ):
        if row[0] in marks:
            mark = mark_from_row(tuple(row[1:]))
            marks[row[0]][mark.indicator_id] = mark
    return [
        Checklist(row[0], row[1], parse_ts(row[2]), parse_ts(row[3]), marks[row[0]]) for row in rows
    ]


class ChecklistStore(StoreConnection):
    """The checklist methods of :class:`reader.userdata.store.UserStore`.

    Every change is one transaction and returns the checklist as it is now stored.
    """

    def create_checklist(self, name: str) -> Checklist:
        """A new, empty checklist; a name already in use gets a number: "Case 12 (2)"."""
        wanted = checked_name(name)
        now = ts(utc_now())
        checklist_id = new_checklist_id()
        with self._transaction() as conn:
            conn.execute(
                f"INSERT INTO checklists ({CHECKLIST_COLUMNS}) VALUES (?, ?, ?, ?)",
                (checklist_id, unique_name(conn, wanted), now, now),
            )
            return read_checklists(conn, checklist_id)[0]

    def rename_checklist(self, checklist_id: str, name: str) -> Checklist:
        wanted = checked_name(name)
        with self._transaction() as conn:
            self._require_checklist(conn, checklist_id)
            conn.execute(
                "UPDATE checklists SET name = ?, renamed = ? WHERE id = ?",
                (unique_name(conn, wanted, checklist_id), ts(utc_now()), checklist_id),
            )
            return read_checklists(conn, checklist_id)[0]

    def delete_checklist(self, checklist_id: str) -> bool:
        """Delete a checklist with all its ticks and notes; True if it existed."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM checklist_marks WHERE checklist_id = ?", (checklist_id,))
            cursor = conn.execute("DELETE FROM checklists WHERE id = ?", (checklist_id,))
            return cursor.rowcount > 0

    def reset_checklist(self, checklist_id: str) -> Checklist:
        """Untick every indicator and delete every note of a checklist; its name stays."""
        with self._transaction() as conn:
            self._require_checklist(conn, checklist_id)
            conn.execute("DELETE FROM checklist_marks WHERE checklist_id = ?", (checklist_id,))
            return read_checklists(conn, checklist_id)[0]

    def set_ticked(self, checklist_id: str, indicator_id: str, ticked: bool) -> Checklist:
        """Tick or untick one indicator (its note stays)."""
        return self._change_mark(checklist_id, indicator_id, ticked=ticked)

    def set_indicator_note(self, checklist_id: str, indicator_id: str, note: str) -> Checklist:
        """Set the note on one indicator (blank text deletes it; the tick stays)."""
        return self._change_mark(checklist_id, indicator_id, note=note if note.strip() else "")

    def checklists(self) -> list[Checklist]:
        """Every checklist with its marks, by name."""
        with self._read() as conn:
            return read_checklists(conn)

    def checklist(self, checklist_id: str) -> Checklist | None:
        with self._read() as conn:
            found = read_checklists(conn, checklist_id)
        return found[0] if found else None

    def _change_mark(
        self,
        checklist_id: str,
        indicator_id: str,
        *,
        ticked: bool | None = None,
        note: str | None = None,
    ) -> Checklist:
        if not indicator_id:
            raise UserDataError(_("A tick or note in a checklist needs the indicator it is on."))
        with self._transaction() as conn:
            checklist = self._require_checklist(conn, checklist_id)
            old = checklist.mark(indicator_id)
            mark = Mark(
                indicator_id,
                ticked if ticked is not None else (old.ticked if old else False),
                note if note is not None else (old.note if old else ""),
                parse_ts(ts(utc_now())),
            )
            write_mark(conn, checklist_id, mark)
            return read_checklists(conn, checklist_id)[0]

    def _require_checklist(self, conn: sqlite3.Connection, checklist_id: str) -> Checklist:
        found = read_checklists(conn, checklist_id)
        if not found:
            raise UserDataError(
                _(
                    "The checklist was not found in {path}; it may have been deleted in another"
                    " window."
                ).format(path=self.path)
            )
        return found[0]
