"""Writing calendar files (.ics, RFC 5545) of calendar entries. Uses icalendar.

Export writes what Outlook, Thunderbird and phone calendars import: CRLF line endings, lines
folded at 75 octets, a UID and DTSTAMP on every event, all-day events as ``VALUE=DATE`` with an
exclusive DTEND, timed events as floating local times, yearly events with ``RRULE:FREQ=YEARLY``
(the last day of February for 29 February), which :mod:`reader.calendar.ics` reads back as
yearly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event

from reader.calendar.ics import MIDNIGHT, ONE_DAY, PACK_UID_SUFFIX
from reader.calendar.ics_file import CalendarFileError
from reader.calendar.occurrences import CalendarEntry
from reader.i18n import _
from reader.userdata.store import utc_now, write_atomically

PRODID = "-//STROM Reader//EN"


def pack_event_uid(event_id: str) -> str:
    return f"{event_id}{PACK_UID_SUFFIX}"


def _vevent(entry: CalendarEntry, lang: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", pack_event_uid(entry.uid) if entry.source == "pack" else entry.uid)
    event.add("dtstamp", stamp)
    language: dict[str, str] = {"LANGUAGE": lang} if lang else {}
    event.add("summary", entry.title, parameters=language)
    if entry.description:
        event.add("description", entry.description, parameters=language)
    if entry.place:
        event.add("location", entry.place, parameters=language)
    last_day = entry.end if entry.end is not None and entry.end > entry.start else entry.start
    if entry.start_time is None:
        event.add("dtstart", entry.start)
        event.add("dtend", last_day + ONE_DAY)
    else:
        event.add("dtstart", dt.datetime.combine(entry.start, entry.start_time))
        if entry.end_time is not None:
            event.add("dtend", dt.datetime.combine(last_day, entry.end_time))
        elif last_day > entry.start:
            # Several days with a start time only: until the end of the last day.
            event.add("dtend", dt.datetime.combine(last_day + ONE_DAY, MIDNIGHT))
    if entry.yearly:
        if entry.start.month == 2 and entry.start.day == 29:
            # The last day of February: the 29th in leap years, the 28th otherwise, as shown.
            event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
        else:
            event.add("rrule", {"freq": "yearly"})
    return event


def export_ics(entries: list[CalendarEntry], path: Path, lang: str) -> int:
    """Write the entries to an .ics file (atomically); returns the number of events."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = utc_now().replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_vevent(entry, lang, stamp))
    try:
        write_atomically(Path(path), calendar.to_ical())
    except OSError as exc:
        raise CalendarFileError(
            _("Could not write the calendar file {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    return len(entries)
