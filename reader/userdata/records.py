"""What the user keeps: bookmarks, notes and own events, and the rules an event must follow.

Plain data, timestamps as stored, and the checks shared by saving, importing and recovering.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from reader.i18n import _

BOOKMARK_KINDS = ("section", "event")
MIN_YEAR = 1900
MAX_YEAR = 2200
LOCAL_UID_SUFFIX = "@strom-reader"


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
    yearly: bool = False  # repeats every year on the month and day of ``start``


@dataclass(frozen=True)
class OpenReport:
    recovered_from: Path | None  # where a damaged database was moved (timestamped backup)
    message: str  # user-facing explanation when recovered_from is set, else ""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


# --------------------------------------------------------------------------- small helpers


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_event_uid() -> str:
    """A fresh UID for an event created in the app."""
    return uuid.uuid4().hex + LOCAL_UID_SUFFIX


def ts(value: dt.datetime) -> str:
    """A timestamp as stored: UTC, always the same width, so text order is time order."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def parse_ts(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def opt_time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def opt_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# --------------------------------------------------------------------------- event rules


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
    if event.yearly and event.end is not None and event.end >= _a_year_after(event.start):
        return _("an event that repeats every year cannot last a year or longer")
    same_day = event.end is None or event.end == event.start
    if (
        same_day
        and event.start_time is not None
        and event.end_time is not None
        and event.end_time < event.start_time
    ):
        return _("the event ends before it starts")
    return None


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return dt.date(day.year + 1, 3, 1)


def normalized(event: OwnEvent) -> OwnEvent:
    return replace(
        event,
        title=event.title.strip(),
        end=None if event.end == event.start else event.end,
    )


def same_event_content(a: OwnEvent, b: OwnEvent) -> bool:
    """True if two events say the same thing (``updated`` is not compared)."""
    return replace(normalized(a), updated=None) == replace(normalized(b), updated=None)
