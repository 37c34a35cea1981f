"""Repeating events in a calendar file: which rule is kept as yearly, and the dates of the rest.

An own event can repeat every year on one date and nothing else. A VEVENT whose rule says exactly
that (``RRULE:FREQ=YEARLY`` on the date of DTSTART, no end, no exceptions) is imported as one
yearly event. Every other repetition (weekly, monthly, every second year, COUNT, UNTIL, EXDATE,
RDATE, changed single dates given as RECURRENCE-ID components) is expanded with
recurring-ical-events into its single dates, from a year before today to :data:`HORIZON_DAYS`
after today (or after the first date, if that is later), at most :data:`MAX_DATES` per event;
the import preview says what was done and which dates were left out. A rule that cannot be read
is skipped with the reason. No I/O and no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import recurring_ical_events
from icalendar import Calendar, vRecur

from reader.i18n import _, format_date, ngettext

HORIZON_DAYS = 5 * 365  # how far ahead the dates of a repeating event are imported
LOOKBACK_DAYS = 365  # how far back, for a repetition that is still going on
MAX_DATES = 260  # per repeating event: five years of a weekly one
MAX_DATES_PER_FILE = 5000
_RECURRENCE_PROPERTIES = ("RRULE", "RDATE", "EXDATE")
_YEARLY_PARTS = {"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "WKST"}


@dataclass
class Series:
    """A repeating VEVENT and the components that change single dates of it."""

    master: Any
    overrides: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Dates:
    """The single dates of a series (each a VEVENT with RECURRENCE-ID set), and what was done."""

    components: list[Any]
    note: str  # for the import preview: how the repeating event was imported


def is_repeating(component: Any) -> bool:
    return component.get("RECURRENCE-ID") is None and any(
        component.get(name) is not None for name in _RECURRENCE_PROPERTIES
    )


def group(calendar: Calendar) -> list[Any | Series]:
    """The VEVENTs of a calendar in file order, each repeating one with its changed dates.

    A RECURRENCE-ID component without its repeating event in the file stays on its own.
    """
    components = list(calendar.walk("VEVENT"))
    series: dict[str, Series] = {}
    for component in components:
        uid = str(component.get("UID", "")).strip()
        if uid and is_repeating(component) and uid not in series:
            series[uid] = Series(component)
    items: list[Any | Series] = []
    for component in components:
        uid = str(component.get("UID", "")).strip()
        found = series.get(uid)
        if found is not None and component is found.master:
            items.append(found)
        elif found is not None and component.get("RECURRENCE-ID") is not None:
            found.overrides.append(component)
        elif is_repeating(component):
            items.append(Series(component))  # no UID, or a second rule with the same UID
        else:
            items.append(component)
    return items


def rule_problem(master: Any) -> str | None:
    """Why the repetition rule cannot be read, or None."""
    rules = master.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules]:
        if rule is None:
            continue
        if not isinstance(rule, vRecur) or not rule.get("FREQ"):
            shown = rule.to_ical().decode("utf-8", "replace") if hasattr(rule, "to_ical") else rule
            return _("its repeat rule (RRULE) cannot be read: {rule}").format(rule=repr(shown))
    return None


def plain_yearly(series: Series, start: dt.date) -> bool:
    """True if the series repeats every year on the date of ``start`` and nothing else."""
    master = series.master
    rule = master.get("RRULE")
    if series.overrides or not isinstance(rule, vRecur):
        return False
    if master.get("RDATE") is not None or master.get("EXDATE") is not None:
        return False
    if set(rule) - _YEARLY_PARTS or rule.get("FREQ") != ["YEARLY"]:
        return False
    if rule.get("INTERVAL", [1]) != [1]:
        return False
    months = rule.get("BYMONTH")
    days = rule.get("BYMONTHDAY")
    if months is not None and [int(m) for m in months] != [start.month]:
        return False
    if start.month == 2 and start.day == 29:
        # "Every year on 29 February" would skip three years in four; the app shows the last
        # day of February, which is what BYMONTH=2;BYMONTHDAY=-1 says.
        return months is not None and days == [-1]
    return days is None or days == [start.day]


def _key_day(component: Any) -> dt.date:
    value = component.get("DTSTART").dt
    return value.date() if isinstance(value, dt.datetime) else value


def _sorted(components: list[Any]) -> list[Any]:
    return sorted(components, key=lambda c: (_key_day(c), str(c.get("DTSTART").dt)))


def dates(series: Series, timezones: list[Any], first: dt.date, today: dt.date) -> Dates | str:
    """The single dates to import of a repeating event, or why there are none.

    ``first`` is the date of DTSTART. Raises nothing: a rule the library refuses is a reason.
    """
    calendar = Calendar()
    for timezone in timezones:
        calendar.add_component(timezone)
    calendar.add_component(series.master)
    for override in series.overrides:
        calendar.add_component(override)
    window_start = max(first, today - dt.timedelta(days=LOOKBACK_DAYS))
    window_end = max(today, first) + dt.timedelta(days=HORIZON_DAYS)
    try:
        query = recurring_ical_events.of(calendar)
        found = _sorted(query.between(window_start, window_end + dt.timedelta(days=1)))
        earliest = next(iter(query.after(first)), None) if found else None
        earlier_left_out = earliest is not None and _key_day(earliest) < window_start
        if not found and first < window_start:  # the repetition ended more than a year ago
            found = _sorted(query.between(first, window_start))
        later = next(iter(query.after(window_end + dt.timedelta(days=1))), None)
    except Exception as exc:  # the library raises many kinds of errors for a bad rule
        return _("its repetition cannot be worked out: {reason}").format(reason=exc)
    if not found:
        return _("it repeats, but none of its dates is left after the exceptions (EXDATE)")
    later_left_out = later is not None or len(found) > MAX_DATES
    found = found[:MAX_DATES]
    first_day, last_day = _key_day(found[0]), _key_day(found[-1])
    if len(found) == 1:
        note = _("it repeats; one date was imported: {date}.").format(date=format_date(first_day))
    else:
        note = ngettext(
            "it repeats; it was imported as {count} separate event, from {first} to {last}.",
            "it repeats; it was imported as {count} separate events, from {first} to {last}.",
            len(found),
        ).format(count=len(found), first=format_date(first_day), last=format_date(last_day))
    if earlier_left_out:
        note += " " + _("Dates before {date} were left out.").format(date=format_date(first_day))
    if later_left_out:
        note += " " + _(
            "Dates after {date} were left out; import the file again later to add them."
        ).format(date=format_date(last_day))
    return Dates(found, note)


def date_uid(uid: str, component: Any) -> str:
    """A stable UID for one date of a repeating event, so a second import updates it."""
    value = component.get("RECURRENCE-ID")
    moment = value.dt if value is not None else component.get("DTSTART").dt
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is not None:
            return f"{uid}/{moment.astimezone(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}"
        return f"{uid}/{moment.strftime('%Y%m%dT%H%M%S')}"
    return f"{uid}/{moment.strftime('%Y%m%d')}"
