"""The tables of the user data file, their versions and the migrations between them.

``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` takes a database from version
N to N + 1, each step in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 3


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


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Own events can repeat every year (imported from an .ics yearly rule, or made so)."""
    conn.execute(
        "ALTER TABLE events ADD COLUMN yearly INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1))"
    )


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Named indicator checklists, one per case, with a tick and a note per indicator."""
    run_script(conn, SCHEMA_V3_CHECKLISTS)


# Version 3 adds these tables. An indicator is referenced by its id only, so a mark on an
# indicator that a later edition drops is kept (and shown as no longer in the handbook).
SCHEMA_V3_CHECKLISTS = """
CREATE TABLE checklists (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    renamed TEXT NOT NULL
);
CREATE TABLE checklist_marks (
    checklist_id TEXT NOT NULL REFERENCES checklists (id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL,
    ticked INTEGER NOT NULL DEFAULT 0 CHECK (ticked IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    PRIMARY KEY (checklist_id, indicator_id)
);
"""


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
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}

# The columns of each table, in the order the code reads and writes them.
BOOKMARK_COLUMNS = "kind, target_id, created"
NOTE_COLUMNS = "section_id, text, updated"
EVENT_COLUMNS_V1 = 'uid, title, start, "end", start_time, end_time, place, description, updated'
EVENT_COLUMNS = f"{EVENT_COLUMNS_V1}, yearly"
CHECKLIST_COLUMNS = "id, name, created, renamed"
MARK_COLUMNS = "checklist_id, indicator_id, ticked, note, updated"
