"""The user's own events (and, when one is deleted, its bookmark)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from typing import Any

from reader.i18n import _
from reader.userdata.connection import StoreConnection
from reader.userdata.records import (
    OwnEvent,
    UserDataError,
    event_problem,
    new_event_uid,
    normalized,
    opt_date,
    opt_time,
    parse_ts,
    ts,
    utc_now,
)
from reader.userdata.schema import EVENT_COLUMNS

SELECT_EVENTS = f"{EVENT_COLUMNS} FROM events"


def event_from_row(row: tuple[Any, ...]) -> OwnEvent:
    """An event from a row of :data:`reader.userdata.schema.EVENT_COLUMNS`."""
    return OwnEvent(
        uid=row[0],
        title=row[1],
        start=dt.date.fromisoformat(row[2]),
        end=opt_date(row[3]),
        start_time=opt_time(row[4]),
        end_time=opt_time(row[5]),
        place=row[6],
        description=row[7],
        updated=parse_ts(row[8]),
        yearly=_yearly_value(row[9]) if len(row) > 9 else False,
    )


def _yearly_value(value: Any) -> bool:
    if value not in (0, 1):
        raise ValueError(f"yearly must be 0 or 1, not {value!r}")
    return bool(value)


def validated(event: OwnEvent) -> OwnEvent:
    """The event ready to save (a new uid if it has none); UserDataError if it cannot be saved."""
    if not event.uid:
        event = replace(event, uid=new_event_uid())
    problem = event_problem(event)
    if problem:
        title = event.title.strip()
        where = _("Event {title}").format(title=repr(title)) if title else _("The event")
        raise UserDataError(
            _("{where} cannot be saved: {problem}.").format(where=where, problem=problem)
        )
    return normalized(event)


def upsert_event(conn: sqlite3.Connection, event: OwnEvent, updated: dt.datetime) -> None:
    conn.execute(
        'INSERT INTO events (uid, title, start, "end", start_time, end_time, place, '
        "description, updated, yearly) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (uid) DO UPDATE SET title = excluded.title, start = excluded.start, "
        '"end" = excluded."end", start_time = excluded.start_time, '
        "end_time = excluded.end_time, place = excluded.place, "
        "description = excluded.description, updated = excluded.updated, "
        "yearly = excluded.yearly",
        (
            event.uid,
            event.title,
            event.start.isoformat(),
            event.end.isoformat() if event.end else None,
            event.start_time.isoformat() if event.start_time else None,
            event.end_time.isoformat() if event.end_time else None,
            event.place,
            event.description,
            ts(updated),
            int(event.yearly),
        ),
    )


class EventStore(StoreConnection):
    """The own-event methods of :class:`reader.userdata.store.UserStore`."""

    def save_event(self, event: OwnEvent) -> OwnEvent:
        """Insert or update an event by uid (an empty uid gets a new one); returns it as stored."""
        return self.save_events([event])[0]

    def save_events(self, events: list[OwnEvent]) -> list[OwnEvent]:
        """Insert or update several events in one transaction; all are checked first."""
        checked = [validated(event) for event in events]
        updated = parse_ts(ts(utc_now()))
        with self._transaction() as conn:
            for event in checked:
                upsert_event(conn, event, updated)
        return [replace(event, updated=updated) for event in checked]

    def delete_event(self, uid: str) -> bool:
        """Delete an own event and its bookmark; True if it existed."""
        with self._transaction() as conn:
            cursor = conn.execute("DELETE FROM events WHERE uid = ?", (uid,))
            conn.execute("DELETE FROM bookmarks WHERE kind = 'event' AND target_id = ?", (uid,))
            return cursor.rowcount > 0

    def own_event(self, uid: str) -> OwnEvent | None:
        with self._read() as conn:
            row = conn.execute(f"SELECT {SELECT_EVENTS} WHERE uid = ?", (uid,)).fetchone()
        return event_from_row(row) if row else None

    def own_events(self) -> list[OwnEvent]:
        """All own events by start date (then start time, all-day first, then title)."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {SELECT_EVENTS} ORDER BY start, start_time, title, uid"
            ).fetchall()
        return [event_from_row(row) for row in rows]
