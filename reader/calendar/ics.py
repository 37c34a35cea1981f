"""Reading calendar files (.ics, RFC 5545) and importing their events. Uses icalendar.

Writing them is :mod:`reader.calendar.ics_export`; repeating events are
:mod:`reader.calendar.ics_recurrence`.

Reading is defensive: a file that is too large, not UTF-8, cut off or not a calendar is refused
with a message naming the file (and the line, where there is one). Single events that cannot be
used (no start date, dates out of range, ...) are skipped with a reason; the file is refused only
if no event at all is usable. Nothing is written to the store until :func:`apply_import`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from icalendar import vDDDTypes, vDuration

from reader.calendar import ics_recurrence as recurrence
from reader.calendar.ics_file import CalendarFileError, parse_calendars
from reader.i18n import _, format_date, ngettext
from reader.userdata.store import (
    MAX_YEAR,
    MIN_YEAR,
    OwnEvent,
    UserStore,
    event_problem,
)

PACK_UID_SUFFIX = "@strom-reader.pack"
IMPORTED_UID_SUFFIX = "@strom-reader.import"
ONE_DAY = dt.timedelta(days=1)
MIDNIGHT = dt.time(0, 0)


@dataclass(frozen=True)
class IcsReading:
    events: list[OwnEvent]
    skipped: list[str]  # why VEVENTs (or single dates of repeating ones) were not used
    notes: list[str]  # how repeating events were imported ("... as 12 separate events ...")


@dataclass(frozen=True)
class ImportPreview:
    to_add: list[OwnEvent]
    to_update: list[OwnEvent]  # uid already in the store AND content differs
    unchanged: int
    skipped: list[str]  # human-readable reasons for VEVENTs that were skipped
    repeating: list[str] = field(default_factory=list)  # how repeating events were read


# --------------------------------------------------------------------------- reading
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


def _label(component: Any, number: int) -> str:
    """How an event is named in a reason: by its title, else by its place in the file."""
    title = _text(component, "SUMMARY")
    if title:
        return _("event {title}").format(title=repr(title))
    return _("event number {number} in the file").format(number=number)


def _own_event(component: Any, label: str, uid: str = "") -> OwnEvent | str:
    """The event in a VEVENT, or the reason why it cannot be imported."""
    title = _text(component, "SUMMARY")
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
    uid = uid or _text(component, "UID") or _fallback_uid(title, start, end)
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
    reading = read_ics_file(path)
    return reading.events, reading.skipped


def read_ics_file(path: Path, today: dt.date | None = None) -> IcsReading:
    """The usable events of a calendar file, what was skipped and how repetitions were read.

    ``today`` sets the range of dates imported for a repeating event (tests pass a fixed day).
    Raises CalendarFileError if the file cannot be read, has no events, or no usable event.
    """
    path = Path(path)
    reading = IcsReading([], [], [])
    seen: set[str] = set()
    number = 0
    expanded = 0
    for calendar in parse_calendars(path):
        timezones = list(calendar.walk("VTIMEZONE"))
        for item in recurrence.group(calendar):
            number += 1
            if isinstance(item, recurrence.Series):
                results, expanded = _series_events(
                    item, _label(item.master, number), timezones, today, expanded, reading
                )
            elif item.get("RECURRENCE-ID") is not None:
                results = [
                    _(
                        "{event} is a change to one date of a repeating event that is not in "
                        "the file; it was not imported"
                    ).format(event=_label(item, number))
                ]
            else:
                results = [_own_event(item, _label(item, number))]
            for result in results:
                if isinstance(result, str):
                    reading.skipped.append(result)
                elif result.uid in seen:
                    reading.skipped.append(
                        _("event {title} appears twice in the file (same UID)").format(
                            title=repr(result.title)
                        )
                    )
                else:
                    seen.add(result.uid)
                    reading.events.append(result)
    if number == 0:
        raise CalendarFileError(_("{path} contains no events (no VEVENT).").format(path=path))
    if not reading.events:
        raise CalendarFileError(_nothing_usable(path, reading.skipped))
    return reading


def _series_events(
    series: recurrence.Series,
    label: str,
    timezones: list[Any],
    today: dt.date | None,
    expanded: int,
    reading: IcsReading,
) -> tuple[list[OwnEvent | str], int]:
    """The events of a repeating VEVENT (or the reason why not), and the dates expanded so far."""
    master = series.master
    problem = recurrence.rule_problem(master)
    if problem:
        return [
            _("{event}: {problem}; it was not imported").format(event=label, problem=problem)
        ], (expanded)
    single = _own_event(master, label)
    if isinstance(single, str):
        return [single], expanded
    if recurrence.plain_yearly(series, single.start):
        yearly = replace(single, yearly=True)
        problem = event_problem(yearly)
        if problem:
            return [
                _("{event} cannot be imported: {problem}").format(event=label, problem=problem)
            ], expanded
        return [yearly], expanded
    if expanded >= recurrence.MAX_DATES_PER_FILE:
        return [
            _(
                "{event} repeats, and the file already gave {count} dates of repeating events; "
                "it was not imported"
            ).format(event=label, count=expanded)
        ], expanded
    found = recurrence.dates(series, timezones, single.start, today or dt.date.today())
    if isinstance(found, str):
        return [_("{event}: {problem}; it was not imported").format(event=label, problem=found)], (
            expanded
        )
    reading.notes.append(f"{label}: {found.note}")
    base_uid = _text(master, "UID") or single.uid
    results: list[OwnEvent | str] = []
    for component in found.components:
        day = _moment(component, "DTSTART")
        on_day = _("{event} on {date}").format(event=label, date=format_date(day)) if day else label
        results.append(_own_event(component, on_day, recurrence.date_uid(base_uid, component)))
    return results, expanded + len(found.components)


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


def preview_import(path: Path, store: UserStore, today: dt.date | None = None) -> ImportPreview:
    """What importing the file would do; nothing is changed."""
    reading = read_ics_file(path, today)
    events, skipped = reading.events, reading.skipped
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
    return ImportPreview(to_add, to_update, unchanged, skipped, reading.notes)


def apply_import(preview: ImportPreview, store: UserStore) -> int:
    """Save the previewed events in one transaction; returns how many were saved."""
    events = preview.to_add + preview.to_update
    if events:
        store.save_events(events)
    return len(events)
