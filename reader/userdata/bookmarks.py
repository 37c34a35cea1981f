"""Bookmarks of sections and events, newest first."""

from __future__ import annotations

from reader.i18n import _
from reader.userdata.connection import StoreConnection
from reader.userdata.records import BOOKMARK_KINDS, Bookmark, UserDataError, parse_ts, ts, utc_now


class BookmarkStore(StoreConnection):
    """The bookmark methods of :class:`reader.userdata.store.UserStore`."""

    @staticmethod
    def _check_bookmark(kind: str, target_id: str) -> None:
        if kind not in BOOKMARK_KINDS:
            raise UserDataError(
                _("Unknown bookmark kind {kind}; expected 'section' or 'event'.").format(
                    kind=repr(kind)
                )
            )
        if not target_id:
            raise UserDataError(_("A bookmark needs a target (a section or an event)."))

    def add_bookmark(self, kind: str, target_id: str) -> Bookmark:
        """Bookmark a section or event; bookmarking it again returns the existing bookmark."""
        self._check_bookmark(kind, target_id)
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO bookmarks (kind, target_id, created) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, target_id) DO NOTHING",
                (kind, target_id, ts(utc_now())),
            )
            row = conn.execute(
                "SELECT kind, target_id, created FROM bookmarks WHERE kind = ? AND target_id = ?",
                (kind, target_id),
            ).fetchone()
        return Bookmark(row[0], row[1], parse_ts(row[2]))

    def remove_bookmark(self, kind: str, target_id: str) -> bool:
        with self._transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM bookmarks WHERE kind = ? AND target_id = ?", (kind, target_id)
            )
            return cursor.rowcount > 0

    def is_bookmarked(self, kind: str, target_id: str) -> bool:
        with self._read() as conn:
            row = conn.execute(
                "SELECT 1 FROM bookmarks WHERE kind = ? AND target_id = ?", (kind, target_id)
            ).fetchone()
        return row is not None

    def bookmarks(self, kind: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first; only those of ``kind`` if given."""
        sql = "SELECT kind, target_id, created FROM bookmarks"
        params: tuple[str, ...] = ()
        if kind is not None:
            sql += " WHERE kind = ?"
            params = (kind,)
        sql += " ORDER BY created DESC, rowid DESC"
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [Bookmark(r[0], r[1], parse_ts(r[2])) for r in rows]
