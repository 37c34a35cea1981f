"""Export of all user data to one JSON file, and merging such a file back in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reader.atomic_files import write_atomically
from reader.i18n import _
from reader.userdata.checklist_format import checklist_to_json, merged
from reader.userdata.checklists import Checklist, read_checklists, unique_name, write_mark
from reader.userdata.connection import StoreConnection
from reader.userdata.events import SELECT_EVENTS, event_from_row, upsert_event
from reader.userdata.export_format import EXPORT_FORMAT, EXPORT_VERSION, event_to_json, read_export
from reader.userdata.records import (
    ImportSummary,
    UserDataError,
    parse_ts,
    same_event_content,
    ts,
    utc_now,
)


class TransferStore(StoreConnection):
    """The JSON export and import methods of :class:`reader.userdata.store.UserStore`."""

    def export_json(self, path: Path) -> int:
        """Write everything to one JSON file (atomically); returns the number of items."""
        with self._read() as conn:
            bookmarks = conn.execute(
                "SELECT kind, target_id, created FROM bookmarks ORDER BY created, rowid"
            ).fetchall()
            notes = conn.execute(
                "SELECT section_id, text, updated FROM notes ORDER BY updated, rowid"
            ).fetchall()
            events = [
                event_from_row(row)
                for row in conn.execute(f"SELECT {SELECT_EVENTS} ORDER BY start, uid")
            ]
            checklists = read_checklists(conn)
        payload = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported": ts(utc_now()),
            "bookmarks": [{"kind": k, "target_id": t, "created": c} for k, t, c in bookmarks],
            "notes": [{"section_id": s, "text": t, "updated": u} for s, t, u in notes],
            "events": [event_to_json(event) for event in events],
            "checklists": [checklist_to_json(checklist) for checklist in checklists],
        }
        data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
        try:
            write_atomically(Path(path), data)
        except OSError as exc:
            raise UserDataError(
                _("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            ) from exc
        return len(bookmarks) + len(notes) + len(events) + len(checklists)

    def import_json(self, path: Path) -> ImportSummary:
        """Merge a file written by :meth:`export_json` into this store.

        The whole file is checked first; on any problem UserDataError names the file and the
        item, and nothing is changed. Then everything is merged in one transaction: bookmarks
        are united, and for notes and events (by uid) the newer ``updated`` wins. A checklist
        (by id) takes the newer name and, indicator by indicator, the newer tick and note.
        """
        content = read_export(Path(path))
        added = updated = unchanged = 0
        with self._transaction() as conn:
            for kind, target_id, created in content.bookmarks:
                cursor = conn.execute(
                    "INSERT INTO bookmarks (kind, target_id, created) VALUES (?, ?, ?) "
                    "ON CONFLICT (kind, target_id) DO NOTHING",
                    (kind, target_id, ts(created)),
                )
                if cursor.rowcount:
                    added += 1
                else:
                    unchanged += 1
            for note in content.notes:
                row = conn.execute(
                    "SELECT text, updated FROM notes WHERE section_id = ?", (note.section_id,)
                ).fetchone()
                if row is None:
                    added += 1
                elif row[0] != note.text and note.updated > parse_ts(row[1]):
                    updated += 1
                else:
                    unchanged += 1
                    continue
                conn.execute(
                    "INSERT INTO notes (section_id, text, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT (section_id) DO UPDATE SET text = excluded.text, "
                    "updated = excluded.updated",
                    (note.section_id, note.text, ts(note.updated)),
                )
            for event in content.events:
                row = conn.execute(f"SELECT {SELECT_EVENTS} WHERE uid = ?", (event.uid,)).fetchone()
                assert event.updated is not None
                if row is None:
                    added += 1
                else:
                    current = event_from_row(row)
                    assert current.updated is not None
                    if same_event_content(current, event) or event.updated <= current.updated:
                        unchanged += 1
                        continue
                    updated += 1
                upsert_event(conn, event, event.updated)
            for checklist in content.checklists:
                outcome = _merge_checklist(conn, checklist)
                added += outcome == "added"
                updated += outcome == "updated"
                unchanged += outcome == "unchanged"
        return ImportSummary(added, updated, unchanged)


def _merge_checklist(conn: sqlite3.Connection, incoming: Checklist) -> str:
    """Merge one imported checklist; "added", "updated" or "unchanged"."""
    found = read_checklists(conn, incoming.id)
    if not found:
        conn.execute(
            "INSERT INTO checklists (id, name, created, renamed) VALUES (?, ?, ?, ?)",
            (
                incoming.id,
                unique_name(conn, incoming.name, incoming.id),
                ts(incoming.created),
                ts(incoming.renamed),
            ),
        )
        for mark in incoming.entries.values():
            write_mark(conn, incoming.id, mark)
        return "added"
    current = found[0]
    result = merged(current, incoming)
    if result.name == current.name and result.entries == current.entries:
        return "unchanged"
    if result.name != current.name:
        conn.execute(
            "UPDATE checklists SET name = ?, renamed = ? WHERE id = ?",
            (unique_name(conn, result.name, current.id), ts(result.renamed), current.id),
        )
    for key, mark in result.entries.items():
        if current.entries.get(key) != mark:
            write_mark(conn, current.id, mark)
    return "updated"
