"""The open SQLite connection of a store: opening, checking, migrating and transactions.

The file is in WAL mode with ``synchronous=FULL``: a change is on disk when its call returns.
Every change is one transaction (``BEGIN IMMEDIATE``), so two windows or two running copies of
the app on the same file wait for each other (``busy_timeout``) instead of losing writes.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Self

from reader.i18n import _
from reader.userdata.records import OpenReport, UserDataError
from reader.userdata.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite file

# SQLite primary result codes that mean "this file is damaged / not a database".
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


class DamagedDatabaseError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class StoreConnection:
    """The connection to one user data file and the transactions on it.

    Every method is safe to call from any thread (guarded by one lock). The subclass opens the
    file with :meth:`_open_checked` in its ``__init__``.
    """

    SCHEMA_VERSION: int = SCHEMA_VERSION

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file we opened
        self.open_report = OpenReport(None, "")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserDataError(
                _(
                    "Cannot create the folder {folder} for your bookmarks and notes: {reason}"
                ).format(folder=self.path.parent, reason=exc.strerror or exc)
            ) from exc

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
        """Open, configure, check and migrate the file; raises DamagedDatabaseError if damaged."""
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise self._open_error(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise DamagedDatabaseError("; ".join(str(r) for r in result[:3]))
            self._refuse_newer(conn)  # before anything (even the journal mode) is changed
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            if is_corruption(exc):
                raise DamagedDatabaseError(str(exc)) from exc
            raise self._open_error(exc) from exc
        except BaseException:
            conn.close()
            raise
        self._identity = self._file_identity()
        return conn

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def _file_is_gone(self) -> bool:
        """True if another program replaced the file or wrote over it since we opened it.

        SQLite keeps reading its own cache and writing its log in that case, and would report
        changes saved into a file that no longer holds them; this is checked before each write.
        """
        if self._file_identity() != self._identity:
            return True
        try:
            with self.path.open("rb") as handle:
                head = handle.read(len(SQLITE_MAGIC))
        except OSError:
            return True
        return head not in (b"", SQLITE_MAGIC)  # empty: a new file whose pages are in the log

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

    # -- plumbing --------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
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
            if writing and self._file_is_gone():
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise UserDataError(
                    _(
                        "Could not save to {path}: another program replaced the file or wrote"
                        " over it. Restart STROM Reader to move it aside and recover what can be"
                        " read."
                    ).format(path=self.path)
                )
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
        if is_corruption(exc):
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
