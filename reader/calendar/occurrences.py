"""Calendar entries (the pack's events and the user's own) and their dates in a range.

Plain data and date arithmetic; no I/O and no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.content.model import EventDef, EventText, Pack
from reader.userdata.store import OwnEvent

YEARLY_BASE_YEAR = 2000  # a leap year, so 29 February exists


@dataclass(frozen=True)
class CalendarEntry:
    """One event as the calendar shows it."""

    uid: str  # pack event id, or own-event uid
    source: str  # "pack" or "own"
    title: str
    description: str
    place: str
    chapter: str  # section/chapter id to open ("" for own events)
    yearly: bool
    start: dt.date  # for yearly events: the date in the `since` year or 2000 (month/day matter)
    end: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    precision: str  # "day" or "month"
    since: int | None


@dataclass(frozen=True)
class Occurrence:
    entry: CalendarEntry
    start: dt.date  # actual date of this occurrence
    end: dt.date  # inclusive (== start for one-day events)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def yearly_date(month: int, day: int, year: int) -> dt.date:
    """The date of a yearly event in ``year``; 29 February is 28 February in other years."""
    if month == 2 and day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _yearly_start(month: int, day: int, since: int | None) -> dt.date:
    year = since if since is not None and dt.MINYEAR <= since <= dt.MAXYEAR else YEARLY_BASE_YEAR
    if month == 2 and day == 29:
        while not _is_leap(year) and year < dt.MAXYEAR:
            year += 1  # keep 29 February: only the month and day of a yearly start matter
    return dt.date(year, month, day)


def _text_for(pack: Pack, event_id: str, lang: str) -> EventText:
    for code in (lang, pack.source_language):
        edition = pack.edition(code)
        if edition is not None and event_id in edition.event_texts:
            return edition.event_texts[event_id]
    for edition in pack.editions.values():  # any language is better than a bare id
        if event_id in edition.event_texts:
            return edition.event_texts[event_id]
    return EventText(title=event_id)


def entry_from_event_def(event: EventDef, text: EventText) -> CalendarEntry | None:
    """The calendar entry of one pack event, or None if its dates are incomplete."""
    if event.recurrence == "yearly":
        if event.month is None or event.day is None:
            return None
        start = _yearly_start(event.month, event.day, event.since)
        end = None
        yearly = True
    else:
        if event.start is None:
            return None
        start, end, yearly = event.start, event.end, False
    return CalendarEntry(
        uid=event.id,
        source="pack",
        title=text.title,
        description=text.description,
        place=text.place,
        chapter=event.chapter,
        yearly=yearly,
        start=start,
        end=end if end is not None and end > start else None,
        start_time=None,
        end_time=None,
        precision=event.precision if event.precision in ("day", "month") else "day",
        since=event.since if yearly else None,
    )


def entries_from_pack(pack: Pack, lang: str) -> list[CalendarEntry]:
    """The pack's events with their texts in ``lang``, else in the pack's source language."""
    entries = []
    for event in pack.events:
        entry = entry_from_event_def(event, _text_for(pack, event.id, lang))
        if entry is not None:
            entries.append(entry)
    return entries


def entries_from_own(events: list[OwnEvent]) -> list[CalendarEntry]:
    return [
        CalendarEntry(
            uid=event.uid,
            source="own",
            title=event.title,
            description=event.description,
            place=event.place,
            chapter="",
            yearly=event.yearly,
            start=event.start,
            end=event.end if event.end is not None and event.end > event.start else None,
            start_time=event.start_time,
            end_time=event.end_time,
            precision="day",
            since=event.start.year if event.yearly else None,
        )
        for event in events
    ]


def _span_days(entry: CalendarEntry) -> int:
    return max(0, (entry.end - entry.start).days) if entry.end is not None else 0


def _entry_occurrences(entry: CalendarEntry, first: dt.date, last: dt.date) -> list[Occurrence]:
    span = dt.timedelta(days=_span_days(entry))
    if not entry.yearly:
        end = entry.start + span
        if entry.start <= last and end >= first:
            return [Occurrence(entry, entry.start, end)]
        return []
    found = []
    # One year back, for a multi-day yearly event that began last year and runs into `first`.
    lowest = max(dt.MINYEAR, first.year - 1, entry.since or dt.MINYEAR)
    for year in range(lowest, last.year + 1):
        start = yearly_date(entry.start.month, entry.start.day, year)
        try:
            end = start + span
        except OverflowError:
            end = dt.date.max
        if start <= last and end >= first:
            found.append(Occurrence(entry, start, end))
    return found


def occurrences(entries: list[CalendarEntry], first: dt.date, last: dt.date) -> list[Occurrence]:
    """Every occurrence overlapping [first, last], sorted by (start, title).

    Yearly events recur every year, not before their ``since`` year; 29 February falls on
    28 February in non-leap years. Multi-day events span their days.
    """
    if first > last:
        return []
    found: list[Occurrence] = []
    for entry in entries:
        found.extend(_entry_occurrences(entry, first, last))
    found.sort(key=lambda occ: (occ.start, occ.entry.title, occ.entry.uid))
    return found


def days_with_events(
    occs: list[Occurrence], first: dt.date, last: dt.date
) -> dict[dt.date, list[Occurrence]]:
    """Each day in [first, last] covered by an occurrence, with its occurrences in list order."""
    days: dict[dt.date, list[Occurrence]] = {}
    one = dt.timedelta(days=1)
    for occ in occs:
        day = max(occ.start, first)
        end = min(occ.end, last)
        while day <= end:
            days.setdefault(day, []).append(occ)
            if day == dt.date.max:
                break
            day += one
    return dict(sorted(days.items()))
