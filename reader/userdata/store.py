"""The user's own data: bookmarks, notes and own events, in one SQLite file.

Nothing the user saved may be lost, so:

- the file is in WAL mode with ``synchronous=FULL``: a change is on disk when its call returns,
  and a crash or power cut at any moment leaves the file consistent;
- every change is one transaction (``BEGIN IMMEDIATE``), so two windows or two running copies of
  the app on the same file wait for each other (``busy_timeout``) instead of losing writes;
- ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` takes a database from version
  N to N + 1, each step in its own transaction;
- a file that is not a database or fails ``PRAGMA quick_check`` is never overwritten: it is moved
  aside to a timestamped backup next to it, whatever can still be read from it is copied into the
  new file, and :attr:`UserStore.open_report` tells the user what happened and where the old file
  is. A file from a newer version of the app is refused, not "repaired".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.i18n import _, ngettext
from reader.search.analysis import fold

log = logging.getLogger(__name__)

EXPORT_FORMAT = "strom-reader-userdata"
EXPORT_VERSION = 1
BOOKMARK_KINDS = ("section", "event")
MIN_YEAR = 1900
MAX_YEAR = 2200
MAX_JSON_BYTES = 64 * 1024 * 1024
BUSY_TIMEOUT_MS = 5000
LOCAL_UID_SUFFIX = "@strom-reader"

# SQLite primary result codes that mean "this file is damaged / not a database".
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class UserDataError(Exception):
    """Clear message for the user: what is wrong and where."""


@dataclass(frozen=True)
class Bookmark:
    kind: str  # "section" or "event"
    target_id: str  # section id, pack event id, or own-event uid
    created: dt.datetime  # UTC, timezone-aware


@dataclass(frozen=True)
class Note:
    section_id: str
    text: str
    updated: dt.datetime  # UTC aware


@dataclass(frozen=True)
class OwnEvent:
    uid: str  # uuid4 hex + "@strom-reader" for local ones; the .ics UID for imported ones
    title: str
    start: dt.date
    end: dt.date | None = None  # inclusive end date (multi-day); None = same day
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    description: str = ""
    updated: dt.datetime | None = None  # UTC aware; set by the store


@dataclass(frozen=True)
class OpenReport:
    recovered_from: Path | None  # where a damaged database was moved (timestamped backup)
    message: str  # user-facing explanation when recovered_from is set, else ""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


# --------------------------------------------------------------------------- schema


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one inside the current transaction.

    (``Connection.executescript`` would commit the open transaction first.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def _migrate_0_to_1(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA_V1)


# The first version's schema, exactly as version 1 databases have it (tests create one from it).
SCHEMA_V1 = """
CREATE TABLE bookmarks (
    kind TEXT NOT NULL CHECK (kind IN ('section', 'event')),
    target_id TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (kind, target_id)
);
CREATE TABLE notes (
    section_id TEXT NOT NULL PRIMARY KEY,
    text TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE events (
    uid TEXT NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
CREATE INDEX events_by_start ON events (start, start_time);
"""

# MIGRATIONS[n] takes a database from schema version n to n + 1. It runs inside a transaction
# that also sets user_version, so a crash halfway leaves the old version intact.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _migrate_0_to_1,
}


# --------------------------------------------------------------------------- small helpers


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_event_uid() -> str:
    """A fresh UID for an event created in the app."""
    return uuid.uuid4().hex + LOCAL_UID_SUFFIX


def _ts(value: dt.datetime) -> str:
    """A timestamp as stored: UTC, always the same width, so text order is time order."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_ts(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _opt_time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def _opt_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def event_problem(event: OwnEvent) -> str | None:
    """What is wrong with an event, in plain words, or None if it can be saved."""
    if not event.title.strip():
        return _("the event has no title")
    if not MIN_YEAR <= event.start.year <= MAX_YEAR:
        return _(
            "the start date {date} is out of range (only years {first} to {last} are supported)"
        ).format(date=event.start.isoformat(), first=MIN_YEAR, last=MAX_YEAR)
    if event.end is not None and not MIN_YEAR <= event.end.year <= MAX_YEAR:
        return _(
            "the end date {date} is out of range (only years {first} to {last} are supported)"
        ).format(date=event.end.isoformat(), first=MIN_YEAR, last=MAX_YEAR)
    if event.end is not None and event.end < event.start:
        return _("the event ends before it starts")
    if event.end_time is not None and event.start_time is None:
        return _("the event has an end time but no start time")
    for t in (event.start_time, event.end_time):
        if t is not None and t.tzinfo is not None:
            return _("event times must be local times without a time zone")
    same_day = event.end is None or event.end == event.start
    if (
        same_day
        and event.start_time is not None
        and event.end_time is not None
        and event.end_time < event.start_time
    ):
        return _("the event ends before it starts")
    return None


def _normalized(event: OwnEvent) -> OwnEvent:
    return replace(
        event,
        title=event.title.strip(),
        end=None if event.end == event.start else event.end,
    )


def _same_event_content(a: OwnEvent, b: OwnEvent) -> bool:
    """True if two events say the same thing (``updated`` is not compared)."""
    return replace(_normalized(a), updated=None) == replace(_normalized(b), updated=None)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that it is either the old or the complete new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _backup_name(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    return candidate


def _salvageable(table: str, row: tuple[Any, ...]) -> bool:
    """True if a row read from a damaged file holds valid values (it is copied then)."""
    try:
        if table == "bookmarks":
            kind, target, created = row
            _parse_ts(created)
            return kind in BOOKMARK_KINDS and isinstance(target, str) and bool(target)
        if table == "notes":
            section, text, updated = row
            _parse_ts(updated)
            return isinstance(section, str) and bool(section) and isinstance(text, str)
        event = UserStore._event_from_row(row)
        return isinstance(event.uid, str) and bool(event.uid) and event_problem(event) is None
    except (TypeError, ValueError):
        return False


class _DamagedDatabaseError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# --------------------------------------------------------------------------- the store


class UserStore:
    """Bookmarks, notes and own events of one user, in one SQLite file.

    Every method is safe to call from any thread; each change is one transaction.
    """

    SCHEMA_VERSION: int = 1

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.open_report = OpenReport(None, "")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserDataError(
                _(
                    "Cannot create the folder {folder} for your bookmarks and notes: {reason}"
                ).format(folder=self.path.parent, reason=exc.strerror or exc)
            ) from exc
        try:
            self._conn = self._open_checked()
        except _DamagedDatabaseError as damaged:
            backup = self._move_aside()
            try:
                self._conn = self._open_checked()
            except _DamagedDatabaseError as again:
                raise UserDataError(
                    _("Cannot start a new user data file at {path}: {reason}").format(
                        path=self.path, reason=again.detail
                    )
                ) from again
            recovered = self._salvage(backup)
            what_happened = _(
                "The file with your bookmarks, notes and own events ({path}) was damaged "
                "({reason}). It was moved to {backup} and a new file was started."
            ).format(path=self.path, reason=damaged.detail, backup=backup)
            if recovered:
                outcome = ngettext(
                    "{count} item(s) could be recovered from the damaged file.",
                    "{count} item(s) could be recovered from the damaged file.",
                    recovered,
                ).format(count=recovered)
            else:
                outcome = _(
                    "Nothing could be read from the damaged file; it is kept there in case it"
                    " can be repaired."
                )
            message = f"{what_happened} {outcome}"
            self.open_report = OpenReport(backup, message)
            log.warning(message)

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # guarded by self._lock
        )
        return conn

    def _open_checked(self) -> sqlite3.Connection:
        """Open, configure, check and migrate the file; raises _DamagedDatabaseError if damaged."""
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise self._open_error(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise _DamagedDatabaseError("; ".join(str(r) for r in result[:3]))
            self._refuse_newer(conn)  # before anything (even the journal mode) is changed
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            if _is_corruption(exc):
                raise _DamagedDatabaseError(str(exc)) from exc
            raise self._open_error(exc) from exc
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_error(self, exc: sqlite3.Error) -> UserDataError:
        return UserDataError(
            _(
                "Cannot open the file with your bookmarks, notes and own events ({path}): {reason}"
            ).format(path=self.path, reason=exc)
        )

    def _refuse_newer(self, conn: sqlite3.Connection) -> None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > self.SCHEMA_VERSION:
            raise UserDataError(
                _(
                    "The file {path} was saved by a newer version of STROM Reader "
                    "(data version {version}; this version understands up to "
                    "{supported}). Please update STROM Reader; the file was not changed."
                ).format(path=self.path, version=version, supported=self.SCHEMA_VERSION)
            )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        self._refuse_newer(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        while version < self.SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another copy of the app may have migrated while we waited for the lock.
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if version < self.SCHEMA_VERSION:
                    MIGRATIONS[version](conn)
                    version += 1
                    conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise

    def _move_aside(self) -> Path:
        backup = _backup_name(self.path)
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
        try:
            uri = f"{backup.resolve().as_uri()}?mode=ro"
            old = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error:
            return 0
        rows: dict[str, list[tuple[Any, ...]]] = {"bookmarks": [], "notes": [], "events": []}
        columns = {
            "bookmarks": "kind, target_id, created",
            "notes": "section_id, text, updated",
            "events": 'uid, title, start, "end", start_time, end_time, place, description, updated',
        }
        try:
            for table, cols in columns.items():
                try:
                    cursor = old.execute(f"SELECT {cols} FROM {table}")
                    while True:
                        row = cursor.fetchone()
                        if row is None:
                            break
                        rows[table].append(tuple(row))
                except sqlite3.Error:
                    continue  # keep the rows read before the damage
        finally:
            old.close()
        count = 0
        with self._transaction() as conn:
            for table, cols in columns.items():
                marks = ", ".join("?" * len(cols.split(",")))
                for row in rows[table]:
                    if not _salvageable(table, row):
                        continue
                    try:
                        cursor = conn.execute(
                            f"INSERT OR IGNORE INTO {table} ({cols}) VALUES ({marks})", row
                        )
                    except sqlite3.Error:
                        continue  # a damaged row (e.g. NULL where text is required)
                    count += cursor.rowcount
        return count

    # -- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def schema_version(self) -> int:
        with self._read() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the write lock is taken at once, so writers queue up."""
        with self._in_transaction("BEGIN IMMEDIATE", writing=True) as conn:
            yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for reading several tables."""
        with self._in_transaction("BEGIN", writing=False) as conn:
            yield conn

    @contextlib.contextmanager
    def _in_transaction(self, begin: str, *, writing: bool) -> Iterator[sqlite3.Connection]:
        """Run the block in a transaction: commit at the end, roll back on any error."""
        with self._lock:
            conn = self._require_open()
            try:
                conn.execute(begin)
            except sqlite3.Error as exc:
                raise self._failure(exc, writing=writing) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._failure(exc, writing=writing) from exc
                raise

    def _require_open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise UserDataError(
                _("The user data file {path} is already closed.").format(path=self.path)
            )
        return self._conn

    def _failure(self, exc: sqlite3.Error, *, writing: bool) -> UserDataError:
        if _is_corruption(exc):
            if writing:
                template = _(
                    "Could not save to {path}: the file is damaged. Restart STROM Reader to "
                    "move it aside and recover what can be read."
                )
            else:
                template = _(
                    "Could not read {path}: the file is damaged. Restart STROM Reader to "
                    "move it aside and recover what can be read."
                )
            return UserDataError(template.format(path=self.path))
        if writing:
            template = _("Could not save to {path}: {reason}")
        else:
            template = _("Could not read {path}: {reason}")
        return UserDataError(template.format(path=self.path, reason=exc))

    # -- bookmarks -------------------------------------------------------------------------

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
                (kind, target_id, _ts(utc_now())),
            )
            row = conn.execute(
                "SELECT kind, target_id, created FROM bookmarks WHERE kind = ? AND target_id = ?",
                (kind, target_id),
            ).fetchone()
        return Bookmark(row[0], row[1], _parse_ts(row[2]))

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
        return [Bookmark(r[0], r[1], _parse_ts(r[2])) for r in rows]

    # -- notes -----------------------------------------------------------------------------

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
                (section_id, text, _ts(updated)),
            )
        return Note(section_id, text, _parse_ts(_ts(updated)))

    def note(self, section_id: str) -> Note | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT section_id, text, updated FROM notes WHERE section_id = ?", (section_id,)
            ).fetchone()
        return Note(row[0], row[1], _parse_ts(row[2])) if row else None

    def notes(self) -> list[Note]:
        """All notes, the most recently changed first."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT section_id, text, updated FROM notes ORDER BY updated DESC, rowid DESC"
            ).fetchall()
        return [Note(r[0], r[1], _parse_ts(r[2])) for r in rows]

    def search_notes(self, text: str) -> list[Note]:
        """Notes containing ``text``, ignoring case and diacritics; all notes for empty text."""
        needle = fold(text.strip())
        return [n for n in self.notes() if needle in fold(n.text)]

    # -- own events ------------------------------------------------------------------------

    @staticmethod
    def _validated(event: OwnEvent) -> OwnEvent:
        if not event.uid:
            event = replace(event, uid=new_event_uid())
        problem = event_problem(event)
        if problem:
            title = event.title.strip()
            where = _("Event {title}").format(title=repr(title)) if title else _("The event")
            raise UserDataError(
                _("{where} cannot be saved: {problem}.").format(where=where, problem=problem)
            )
        return _normalized(event)

    @staticmethod
    def _upsert_event(conn: sqlite3.Connection, event: OwnEvent, updated: dt.datetime) -> None:
        conn.execute(
            'INSERT INTO events (uid, title, start, "end", start_time, end_time, place, '
            "description, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uid) DO UPDATE SET title = excluded.title, start = excluded.start, "
            '"end" = excluded."end", start_time = excluded.start_time, '
            "end_time = excluded.end_time, place = excluded.place, "
            "description = excluded.description, updated = excluded.updated",
            (
                event.uid,
                event.title,
                event.start.isoformat(),
                event.end.isoformat() if event.end else None,
                event.start_time.isoformat() if event.start_time else None,
                event.end_time.isoformat() if event.end_time else None,
                event.place,
                event.description,
                _ts(updated),
            ),
        )

    def save_event(self, event: OwnEvent) -> OwnEvent:
        """Insert or update an event by uid (an empty uid gets a new one); returns it as stored."""
        return self.save_events([event])[0]

    def save_events(self, events: list[OwnEvent]) -> list[OwnEvent]:
        """Insert or update several events in one transaction; all are checked first."""
        checked = [self._validated(event) for event in events]
        updated = _parse_ts(_ts(utc_now()))
        with self._transaction() as conn:
            for event in checked:
                self._upsert_event(conn, event, updated)
        return [replace(event, updated=updated) for event in checked]

    def delete_event(self, uid: str) -> bool:
        """Delete an own event and its bookmark; True if it existed."""
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM events WHERE uid = ?", (uid,))
            conn.execute("DELETE FROM bookmarks WHERE kind = 'event' AND target_id = ?", (uid,))
            return cursor.rowcount > 0

    _EVENT_COLUMNS = (
        'uid, title, start, "end", start_time, end_time, place, description, updated FROM events'
    )

    @staticmethod
    def _event_from_row(row: tuple[Any, ...]) -> OwnEvent:
        return OwnEvent(
            uid=row[0],
            title=row[1],
            start=dt.date.fromisoformat(row[2]),
            end=_opt_date(row[3]),
            start_time=_opt_time(row[4]),
            end_time=_opt_time(row[5]),
            place=row[6],
            description=row[7],
            updated=_parse_ts(row[8]),
        )

    def own_event(self, uid: str) -> OwnEvent | None:
        with self._read() as conn:
            row = conn.execute(f"SELECT {self._EVENT_COLUMNS} WHERE uid = ?", (uid,)).fetchone()
        return self._event_from_row(row) if row else None

    def own_events(self) -> list[OwnEvent]:
        """All own events by start date (then start time, all-day first, then title)."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {self._EVENT_COLUMNS} ORDER BY start, start_time, title, uid"
            ).fetchall()
        return [self._event_from_row(row) for row in rows]

    # -- export / import -------------------------------------------------------------------

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
                self._event_from_row(row)
                for row in conn.execute(f"SELECT {self._EVENT_COLUMNS} ORDER BY start, uid")
            ]
        payload = {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported": _ts(utc_now()),
            "bookmarks": [{"kind": k, "target_id": t, "created": c} for k, t, c in bookmarks],
            "notes": [{"section_id": s, "text": t, "updated": u} for s, t, u in notes],
            "events": [_event_to_json(event) for event in events],
        }
        data = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
        try:
            write_atomically(Path(path), data)
        except OSError as exc:
            raise UserDataError(
                _("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
            ) from exc
        return len(bookmarks) + len(notes) + len(events)

    def import_json(self, path: Path) -> ImportSummary:
        """Merge a file written by :meth:`export_json` into this store.

        The whole file is checked first; on any problem UserDataError names the file and the
        item, and nothing is changed. Then everything is merged in one transaction: bookmarks
        are united, and for notes and events (by uid) the newer ``updated`` wins.
        """
        content = _read_export(Path(path))
        added = updated = unchanged = 0
        with self._transaction() as conn:
            for kind, target_id, created in content.bookmarks:
                cursor = conn.execute(
                    "INSERT INTO bookmarks (kind, target_id, created) VALUES (?, ?, ?) "
                    "ON CONFLICT (kind, target_id) DO NOTHING",
                    (kind, target_id, _ts(created)),
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
                elif row[0] != note.text and note.updated > _parse_ts(row[1]):
                    updated += 1
                else:
                    unchanged += 1
                    continue
                conn.execute(
                    "INSERT INTO notes (section_id, text, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT (section_id) DO UPDATE SET text = excluded.text, "
                    "updated = excluded.updated",
                    (note.section_id, note.text, _ts(note.updated)),
                )
            for event in content.events:
                row = conn.execute(
                    f"SELECT {self._EVENT_COLUMNS} WHERE uid = ?", (event.uid,)
                ).fetchone()
                assert event.updated is not None
                if row is None:
                    added += 1
                else:
                    current = self._event_from_row(row)
                    assert current.updated is not None
                    if _same_event_content(current, event) or event.updated <= current.updated:
                        unchanged += 1
                        continue
                    updated += 1
                self._upsert_event(conn, event, event.updated)
        return ImportSummary(added, updated, unchanged)


# --------------------------------------------------------------------------- JSON format


def _event_to_json(event: OwnEvent) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "start_time": event.start_time.isoformat() if event.start_time else None,
        "end_time": event.end_time.isoformat() if event.end_time else None,
        "place": event.place,
        "description": event.description,
        "updated": _ts(event.updated) if event.updated else None,
    }


@dataclass
class _ExportContent:
    bookmarks: list[tuple[str, str, dt.datetime]]
    notes: list[Note]
    events: list[OwnEvent]


class _Invalid(Exception):
    """A problem in one field of an imported file; turned into a UserDataError with the file."""


def _field(item: dict[str, Any], key: str, *, required: bool = True) -> Any:
    if key not in item or item[key] is None:
        if required:
            raise _Invalid(_("{key} is missing").format(key=repr(key)))
        return None
    return item[key]


def _text_field(item: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = _field(item, key, required=required)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Invalid(_("{key} must be text").format(key=repr(key)))
    if required and not value.strip():
        raise _Invalid(_("{key} is empty").format(key=repr(key)))
    return value


def _checked_year(key: str, value: dt.date) -> None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _Invalid(
            _(
                "{key} has the year {year}, which is out of range "
                "(only years {first} to {last} are supported)"
            ).format(key=repr(key), year=value.year, first=MIN_YEAR, last=MAX_YEAR)
        )


def _timestamp_field(item: dict[str, Any], key: str) -> dt.datetime:
    value = _text_field(item, key)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid date and time: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None
    _checked_year(key, parsed)
    return _parse_ts(value)


def _date_field(item: dict[str, Any], key: str, *, required: bool = True) -> dt.date | None:
    value = _text_field(item, key, required=required)
    if not value:
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid date such as 2024-07-30: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None
    _checked_year(key, parsed)
    return parsed


def _time_field(item: dict[str, Any], key: str) -> dt.time | None:
    value = _text_field(item, key, required=False)
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid time such as 14:30: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None


def _items(raw: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise UserDataError(_("{path}: {key} must be a list.").format(path=path, key=repr(key)))
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise UserDataError(
                _("{path}: item {number} in {key} is not an object.").format(
                    path=path, number=number, key=repr(key)
                )
            )
    return value


def _read_export(path: Path) -> _ExportContent:
    """Read and check a whole export file; raises UserDataError naming the file and the item."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise UserDataError(
                _("{path} is too large ({size} MiB) to be a STROM Reader user data file.").format(
                    path=path, size=size // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserDataError(
            _("Could not read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserDataError(
            _("{path}:{line}: the file is not UTF-8 text.").format(path=path, line=line)
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserDataError(
            _(
                "{path}:{line}: the file is damaged or not a STROM Reader user data file "
                "({reason} at line {line}, column {column})."
            ).format(path=path, line=exc.lineno, reason=exc.msg, column=exc.colno)
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise UserDataError(
            _("{path} is not a STROM Reader user data file (it has no {marker} marker).").format(
                path=path, marker=f'"format": "{EXPORT_FORMAT}"'
            )
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserDataError(_("{path}: the file has no valid format version.").format(path=path))
    if version > EXPORT_VERSION:
        raise UserDataError(
            _(
                "{path} was written by a newer version of STROM Reader (format version {version}); "
                "please update STROM Reader to import it."
            ).format(path=path, version=version)
        )

    content = _ExportContent([], [], [])
    seen_bookmarks: set[tuple[str, str]] = set()
    for number, item in enumerate(_items(raw, "bookmarks", path), start=1):
        try:
            kind = _text_field(item, "kind")
            if kind not in BOOKMARK_KINDS:
                raise _Invalid(
                    _("'kind' must be 'section' or 'event', not {value}").format(value=repr(kind))
                )
            target = _text_field(item, "target_id")
            created = _timestamp_field(item, "created")
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: bookmark {number}: {problem}.").format(
                    path=path, number=number, problem=problem
                )
            ) from None
        if (kind, target) not in seen_bookmarks:
            seen_bookmarks.add((kind, target))
            content.bookmarks.append((kind, target, created))
    notes: dict[str, Note] = {}
    for number, item in enumerate(_items(raw, "notes", path), start=1):
        try:
            note = Note(
                _text_field(item, "section_id"),
                _text_field(item, "text"),
                _timestamp_field(item, "updated"),
            )
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: note {number}: {problem}.").format(
                    path=path, number=number, problem=problem
                )
            ) from None
        if note.section_id not in notes or note.updated > notes[note.section_id].updated:
            notes[note.section_id] = note
    content.notes = list(notes.values())
    events: dict[str, OwnEvent] = {}
    for number, item in enumerate(_items(raw, "events", path), start=1):
        title = item.get("title")
        if isinstance(title, str) and title.strip():
            label = _("event {number} ({title})").format(number=number, title=repr(title.strip()))
        else:
            label = _("event {number}").format(number=number)
        try:
            start = _date_field(item, "start")
            assert start is not None
            event = OwnEvent(
                uid=_text_field(item, "uid"),
                title=_text_field(item, "title"),
                start=start,
                end=_date_field(item, "end", required=False),
                start_time=_time_field(item, "start_time"),
                end_time=_time_field(item, "end_time"),
                place=_text_field(item, "place", required=False),
                description=_text_field(item, "description", required=False),
                updated=_timestamp_field(item, "updated"),
            )
            wrong = event_problem(event)
            if wrong:
                raise _Invalid(wrong)
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: {label}: {problem}.").format(path=path, label=label, problem=problem)
            ) from None
        event = _normalized(event)
        assert event.updated is not None
        previous = events.get(event.uid)
        if previous is None or (previous.updated is not None and event.updated > previous.updated):
            events[event.uid] = event
    content.events = list(events.values())
    return content
