"""Faults put under a running store, where SQLite itself meets them.

Each fault is a context manager: the fault holds inside the ``with`` block and is gone after it.
They act on the store's own connection (the one the app writes through) or on its file, so the
app sees exactly the error a real read-only file, a lock held by another program or a full disk
gives: SQLITE_READONLY, SQLITE_BUSY, SQLITE_FULL.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.userdata import OwnEvent, UserDataError, UserStore

SHORT_WAIT_MS = 200  # the store waits 5 s for a lock; the tests need not


def connection(store: UserStore) -> sqlite3.Connection:
    conn = store._conn  # the fault goes where the store meets SQLite
    assert conn is not None
    return conn


@contextmanager
def read_only_file(store: UserStore) -> Iterator[None]:
    """Every write is refused as for a file that can only be read (SQLITE_READONLY)."""
    conn = connection(store)
    conn.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        conn.execute("PRAGMA query_only = OFF")


@contextmanager
def locked(store: UserStore) -> Iterator[None]:
    """Another program holds the write lock on the file (SQLITE_BUSY once the wait is over)."""
    conn = connection(store)
    conn.execute(f"PRAGMA busy_timeout = {SHORT_WAIT_MS}")
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        conn.execute("PRAGMA busy_timeout = 5000")


@contextmanager
def disk_full(store: UserStore) -> Iterator[None]:
    """No page can be added to the file (SQLITE_FULL), as on a full disk or USB stick.

    The file may not grow; then the free room left in it is used up, in a table of its own and
    in the store's own tables (through the store, with rows nobody sees), so that the next
    bookmark, note, event or checklist mark of the test needs a page that cannot be had.
    """
    conn = connection(store)
    filler = store.create_checklist("fault-fill")  # its marks use up the checklists' room
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    conn.execute("CREATE TABLE fault_fill (junk BLOB)")
    for size in (4000, 1000, 100, 10, 1):
        try:
            while True:
                conn.execute("INSERT INTO fault_fill VALUES (zeroblob(?))", (size,))
        except sqlite3.OperationalError as exc:
            assert "full" in str(exc)
    fillers = [
        lambda i: store.add_bookmark("event", f"fault-fill-{i}"),
        lambda i: store.set_note(f"fault-fill-{i}", "x"),
        lambda i: store.save_event(
            OwnEvent(uid=f"fault-fill-{i}", title="x", start=dt.date(1901, 1, 1))
        ),
        lambda i: store.set_ticked(filler.id, f"fault-fill-{i}", True),
    ]
    for fill in fillers:
        for i in range(100_000):
            try:
                fill(i)
            except UserDataError:
                break
    try:
        yield
    finally:
        conn.execute("PRAGMA max_page_count = 1073741823")
        conn.execute("DROP TABLE fault_fill")
        for bookmark in store.bookmarks("event"):
            if bookmark.target_id.startswith("fault-fill-"):
                store.remove_bookmark("event", bookmark.target_id)
        for note in store.notes():
            if note.section_id.startswith("fault-fill-"):
                store.set_note(note.section_id, "")
        for event in store.own_events():
            if event.uid.startswith("fault-fill-"):
                store.delete_event(event.uid)
        store.delete_checklist(filler.id)


@contextmanager
def garbage_file(store: UserStore) -> Iterator[None]:
    """Another program writes garbage over the whole file while the app has it open."""
    size = store.path.stat().st_size
    with store.path.open("r+b") as handle:
        handle.write(os.urandom(size))
    yield  # the garbage is not taken away: the next start moves the file aside


def make_unwritable(path: Path) -> bool:
    """Make a file or folder unwritable even for root (chmod, or the immutable flag); False if
    this machine allows neither."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return True
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    return done.returncode == 0


def make_writable(path: Path) -> None:
    if os.geteuid() != 0:
        path.chmod(0o755 if path.is_dir() else 0o644)
    elif shutil.which("chattr") is not None:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
