"""Calendar files (.ics, RFC 5545): export entries, read and import events. Uses icalendar.

Export writes what Outlook, Thunderbird and phone calendars import: CRLF line endings, lines
folded at 75 octets, a UID and DTSTAMP on every event, all-day events as ``VALUE=DATE`` with an
exclusive DTEND, timed events as floating local times, yearly events with ``RRULE:FREQ=YEARLY``.

Reading is defensive: a file that is too large, not UTF-8, cut off or not a calendar is refused
with a message naming the file (and the line, where there is one). Single events that cannot be
used (no start date, dates out of range, ...) are skipped with a reason; the file is refused only
if no event at all is usable. Nothing is written to the store until :func:`apply_import`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event, vDDDTypes, vDuration

from reader.calendar.occurrences import CalendarEntry
from reader.i18n import _, ngettext
from reader.userdata.store import (
    MAX_YEAR,
    MIN_YEAR,
    OwnEvent,
    UserStore,
    event_problem,
    utc_now,
    write_atomically,
)

MAX_ICS_BYTES = 2 * 1024 * 1024
PRODID = "-//STROM Reader//EN"
PACK_UID_SUFFIX = "@strom-reader.pack"
IMPORTED_UID_SUFFIX = "@strom-reader.import"
ONE_DAY = dt.timedelta(days=1)
MIDNIGHT = dt.time(0, 0)

# name *(";" param) ":" value, where a quoted parameter value may contain ":" and ";".
_CONTENT_LINE = re.compile(
    r'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:'
)

# Only CR/LF end a line (str.splitlines would also split at U+2028 and others inside text).
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class CalendarFileError(Exception):
    """Clear message naming the file (and line where there is one)."""


@dataclass(frozen=True)
class ImportPreview:
    to_add: list[OwnEvent]
    to_update: list[OwnEvent]  # uid already in the store AND content differs
    unchanged: int
    skipped: list[str]  # human-readable reasons for VEVENTs that were skipped


# --------------------------------------------------------------------------- export


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


# --------------------------------------------------------------------------- reading


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_ICS_BYTES + 1)
    except OSError as exc:
        raise CalendarFileError(
            _("Could not read the calendar file {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    if len(data) > MAX_ICS_BYTES:
        raise CalendarFileError(
            _(
                "{path} is larger than {size} MiB, which is too large for a calendar file of "
                "events; it was not imported."
            ).format(path=path, size=MAX_ICS_BYTES // (1024 * 1024))
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CalendarFileError(
            _(
                "{path}:{line}: the file is not UTF-8 text, so it cannot be read as a calendar "
                "(.ics) file. Export it again as an iCalendar file."
            ).format(path=path, line=line)
        ) from exc


def _check_structure(text: str, path: Path) -> None:
    """Check content lines and BEGIN/END nesting, so problems are reported with line numbers."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line[:1] in (" ", "\t") and logical:  # a folded line continues the previous one
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarFileError(
            _(
                "{path} is not a calendar (.ics) file: it does not start with BEGIN:VCALENDAR."
            ).format(path=path)
        )
    open_components: list[tuple[str, int]] = []
    bad_line: tuple[int, str] | None = None
    for number, line in logical:
        if not _CONTENT_LINE.match(line):
            bad_line = bad_line or (number, line)
            continue
        name, _colon, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        value = value.strip().upper()
        if name == "BEGIN":
            if not open_components and value != "VCALENDAR":
                raise CalendarFileError(
                    _("{path}:{line}: BEGIN:{name} is outside of any calendar (VCALENDAR).").format(
                        path=path, line=number, name=value
                    )
                )
            open_components.append((value, number))
        elif name == "END":
            if not open_components:  # an END with nothing open: data after the calendar's end
                raise CalendarFileError(
                    _(
                        "{path}:{line}: there is data after the end of the calendar; "
                        "the file is damaged."
                    ).format(path=path, line=number)
                )
            if open_components[-1][0] != value:
                expected = open_components[-1][0]
                raise CalendarFileError(
                    _(
                        "{path}:{line}: END:{name} does not match (expected END:{expected}); "
                        "the file is damaged."
                    ).format(path=path, line=number, name=value, expected=expected)
                )
            open_components.pop()
        elif not open_components:
            raise CalendarFileError(
                _(
                    "{path}:{line}: there is data after the end of the calendar; "
                    "the file is damaged."
                ).format(path=path, line=number)
            )
    if open_components:  # checked first: a file cut off mid-line also has a broken last line
        component, begun = open_components[-1]
        raise CalendarFileError(
            _(
                "{path} is incomplete: the {component} begun on line {line} never ends and "
                "END:VCALENDAR is missing. The file was probably cut off while copying or "
                "downloading."
            ).format(path=path, component=component, line=begun)
        )
    if bad_line is not None:
        number, line = bad_line
        shown = line if len(line) <= 60 else line[:57] + "..."
        raise CalendarFileError(
            _("{path}:{line}: this line is not valid calendar data: {text}").format(
                path=path, line=number, text=repr(shown)
            )
        )


def _parse(path: Path) -> list[Calendar]:
    text = _read_text(path)
    _check_structure(text, path)
    try:
        parsed: Any = Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises many kinds of errors for bad input
        raise CalendarFileError(
            _("{path} could not be read as a calendar: {reason}").format(path=path, reason=exc)
        ) from exc
    return [cal for cal in parsed if isinstance(cal, Calendar)]


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):  # a property given more than once: use the first
        value = value[0] if value else ""
    return str(value).strip()


def _moment(component: Any, name: str) -> dt.date | None:
    """A DATE or DATE-TIME property; None if missing or unreadable."""
    prop = component.get(name)
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    if isinstance(prop, vDDDTypes):
        value = prop.dt
        if isinstance(value, dt.date):
            return value
    return None


def _duration(component: Any) -> dt.timedelta | None:
    prop = component.get("DURATION")
    if isinstance(prop, vDDDTypes | vDuration) and isinstance(prop.dt, dt.timedelta):
        return prop.dt
    return None


def _local(moment: dt.datetime) -> dt.datetime:
    """Wall-clock time: floating times as written, times with a zone in this computer's zone."""
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _fallback_uid(title: str, start: dt.date, end: dt.date | None) -> str:
    """A stable UID for an event that has none, so importing the file twice adds it once."""
    key = f"{title}\x00{start.isoformat()}\x00{end.isoformat() if end else ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + IMPORTED_UID_SUFFIX


def _out_of_range(day: dt.date) -> bool:
    return not MIN_YEAR <= day.year <= MAX_YEAR


def _range_reason(label: str, day: dt.date) -> str:
    return _(
        "{event} has a date in the year {year}; only years {first} to {last} are supported"
    ).format(event=label, year=day.year, first=MIN_YEAR, last=MAX_YEAR)


def _own_event(component: Any, number: int) -> OwnEvent | str:
    """The event in a VEVENT, or the reason why it cannot be imported."""
    title = _text(component, "SUMMARY")
    label = (
        _("event {title}").format(title=repr(title))
        if title
        else _("event number {number} in the file").format(number=number)
    )
    if component.get("RECURRENCE-ID") is not None:
        return _(
            "{event} is a change to one date of a repeating event; it was not imported"
        ).format(event=label)
    if _text(component, "STATUS").upper() == "CANCELLED":
        return _("{event} was cancelled").format(event=label)
    if component.get("DTSTART") is None:
        return _("{event} has no start date").format(event=label)
    start_raw = _moment(component, "DTSTART")
    if start_raw is None:
        return _("{event} has a start date that cannot be read").format(event=label)
    if _out_of_range(start_raw):
        return _range_reason(label, start_raw)
    end_raw = _moment(component, "DTEND")
    if component.get("DTEND") is not None and end_raw is None:
        return _("{event} has an end date that cannot be read").format(event=label)
    try:
        if end_raw is None:
            duration = _duration(component)
            if duration is not None:
                end_raw = start_raw + duration
    except OverflowError:
        return _("{event} ends after the year {year}").format(event=label, year=MAX_YEAR)
    if end_raw is not None and _out_of_range(end_raw):
        return _range_reason(label, end_raw)
    if not title:
        return _("{event} has no title (SUMMARY)").format(event=label)

    start_time = end_time = None
    end: dt.date | None = None
    if isinstance(start_raw, dt.datetime):
        begin = _local(start_raw)
        finish: dt.datetime | None = None
        if isinstance(end_raw, dt.datetime):
            finish = _local(end_raw)
        elif end_raw is not None:
            finish = dt.datetime.combine(end_raw, MIDNIGHT)
        start, start_time = begin.date(), begin.time()
        if finish is not None and finish < begin:
            return _("{event} ends before it starts").format(event=label)
        if finish is not None and finish > begin:
            if finish.time() == MIDNIGHT and finish.date() > start:
                end = finish.date() - ONE_DAY  # until the end of the previous day
            else:
                end, end_time = finish.date(), finish.time()
    else:
        start = start_raw
        if end_raw is not None:
            last = end_raw.date() if isinstance(end_raw, dt.datetime) else end_raw
            if last < start:
                return _("{event} ends before it starts").format(event=label)
            if last > start + ONE_DAY:
                end = last - ONE_DAY  # DTEND of an all-day event is the day after
    if end == start:
        end = None
    uid = _text(component, "UID") or _fallback_uid(title, start, end)
    event = OwnEvent(
        uid=uid,
        title=title,
        start=start,
        end=end,
        start_time=start_time,
        end_time=end_time,
        place=_text(component, "LOCATION"),
        description=_text(component, "DESCRIPTION"),
    )
    problem = event_problem(event)
    if problem:
        return _("{event} cannot be imported: {problem}").format(event=label, problem=problem)
    return event


def read_ics_report(path: Path) -> tuple[list[OwnEvent], list[str]]:
    """The usable events in a calendar file and the reasons why others were skipped.

    Raises CalendarFileError if the file cannot be read, has no events, or no usable event.
    """
    path = Path(path)
    events: list[OwnEvent] = []
    skipped: list[str] = []
    seen: set[str] = set()
    number = 0
    for calendar in _parse(path):
        for component in calendar.walk("VEVENT"):
            number += 1
            result = _own_event(component, number)
            if isinstance(result, str):
                skipped.append(result)
            elif result.uid in seen:
                skipped.append(
                    _("event {title} appears twice in the file (same UID)").format(
                        title=repr(result.title)
                    )
                )
            else:
                seen.add(result.uid)
                events.append(result)
    if number == 0:
        raise CalendarFileError(_("{path} contains no events (no VEVENT).").format(path=path))
    if not events:
        raise CalendarFileError(_nothing_usable(path, skipped))
    return events, skipped


def _nothing_usable(path: Path, reasons: list[str]) -> str:
    shown = "; ".join(reasons[:3])
    if len(reasons) > 3:
        return ngettext(
            "{path} contains no event that can be imported: {reasons} (and {count} more).",
            "{path} contains no event that can be imported: {reasons} (and {count} more).",
            len(reasons) - 3,
        ).format(path=path, reasons=shown, count=len(reasons) - 3)
    return _("{path} contains no event that can be imported: {reasons}.").format(
        path=path, reasons=shown
    )


def read_ics(path: Path) -> list[OwnEvent]:
    """The usable events of a calendar file; see :func:`read_ics_report` for what is refused."""
    return read_ics_report(path)[0]


def preview_import(path: Path, store: UserStore) -> ImportPreview:
    """What importing the file would do; nothing is changed."""
    events, skipped = read_ics_report(path)
    to_add: list[OwnEvent] = []
    to_update: list[OwnEvent] = []
    unchanged = 0
    for event in events:
        if event.uid.endswith(PACK_UID_SUFFIX):
            skipped.append(
                _(
                    "event {title} is one of the handbook's events, which are already in the "
                    "calendar"
                ).format(title=repr(event.title))
            )
            continue
        current = store.own_event(event.uid)
        if current is None:
            to_add.append(event)
        elif replace(current, updated=None) == replace(event, updated=None):
            unchanged += 1
        else:
            to_update.append(event)
    if not to_add and not to_update and not unchanged:
        raise CalendarFileError(_nothing_usable(Path(path), skipped))
    return ImportPreview(to_add, to_update, unchanged, skipped)


def apply_import(preview: ImportPreview, store: UserStore) -> int:
    """Save the previewed events in one transaction; returns how many were saved."""
    events = preview.to_add + preview.to_update
    if events:
        store.save_events(events)
    return len(events)
