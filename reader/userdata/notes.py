"""Notes on sections: one per section, searchable ignoring case and diacritics."""

from __future__ import annotations

from reader.i18n import _
from reader.search.analysis import fold
from reader.userdata.connection import StoreConnection
from reader.userdata.records import Note, UserDataError, parse_ts, ts, utc_now


class NoteStore(StoreConnection):
    """The note methods of :class:`reader.userdata.store.UserStore`."""

    def set_note(self, section_id: str, text: str) -> Note | None:
        """Save the note of a section; empty or whitespace-only text deletes it (returns None)."""
        if not section_id:
            raise UserDataError(_("A note needs the section it belongs to."))
        with self._transaction() as conn:
            if not text.strip():
                conn.execute("DELETE FROM notes WHERE section_id = ?", (section_id,))
                return None
            updated = utc_now()
            conn.execute(
                "INSERT INTO notes (section_id, text, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (section_id) DO UPDATE SET text = excluded.text, "
                "updated = excluded.updated",
                (section_id, text, ts(updated)),
            )
        return Note(section_id, text, parse_ts(ts(updated)))

    def note(self, section_id: str) -> Note | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT section_id, text, updated FROM notes WHERE section_id = ?", (section_id,)
            ).fetchone()
        return Note(row[0], row[1], parse_ts(row[2])) if row else None

    def notes(self) -> list[Note]:
        """All notes, the most recently changed first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT section_id, text, updated FROM notes ORDER BY updated DESC, rowid DESC"
            ).fetchall()
        return [Note(r[0], r[1], parse_ts(r[2])) for r in rows]

    def search_notes(self, text: str) -> list[Note]:
        """Notes containing ``text``, ignoring case and diacritics; all notes for empty text."""
        needle = fold(text.strip())
        return [n for n in self.notes() if needle in fold(n.text)]
