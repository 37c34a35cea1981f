"""Repeating events in an imported .ics file: kept as yearly, expanded, or skipped with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.calendar import (
    apply_import,
    entries_from_own,
    export_ics,
    preview_import,
    read_ics_file,
)
from reader.calendar.ics_recurrence import HORIZON_DAYS, MAX_DATES
from reader.userdata import OwnEvent, UserStore

D = dt.date
TODAY = D(2027, 1, 1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    with UserStore(tmp_path / "userdata.sqlite3") as opened:
        yield opened


def ics(tmp_path: Path, *events: str, name: str = "in.ics") -> Path:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n"
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode("utf-8"))
    return path


def starts(events: list[OwnEvent]) -> list[dt.date]:
    return [event.start for event in events]


WEEKLY = """
UID:weekly@example.org
SUMMARY:Team meeting
DTSTART:20270105T090000
DTEND:20270105T100000
RRULE:FREQ=WEEKLY;COUNT=4
"""


def test_weekly_with_count_becomes_that_many_events(tmp_path: Path) -> None:
    reading = read_ics_file(ics(tmp_path, WEEKLY), TODAY)
    assert starts(reading.events) == [D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)]
    assert {e.start_time for e in reading.events} == {dt.time(9)}
    assert {e.end_time for e in reading.events} == {dt.time(10)}
    assert not any(e.yearly for e in reading.events)
    assert [e.uid for e in reading.events][:2] == [
        "weekly@example.org/20270105T090000",
        "weekly@example.org/20270112T090000",
    ]
    assert reading.skipped == []
    [note] = reading.notes
    assert "'Team meeting'" in note and "4 separate events" in note
    assert "left out" not in note


def test_exdate_rdate_and_a_moved_date_are_honoured(tmp_path: Path) -> None:
    master = WEEKLY + "EXDATE:20270112T090000\r\nRDATE:20270201T140000"
    moved = """
UID:weekly@example.org
RECURRENCE-ID:20270119T090000
SUMMARY:Team meeting (moved to Wednesday)
DTSTART:20270120T090000
DTEND:20270120T100000
"""
    reading = read_ics_file(ics(tmp_path, master, moved), TODAY)
    by_start = {e.start: e for e in reading.events}
    assert sorted(by_start) == [D(2027, 1, 5), D(2027, 1, 20), D(2027, 1, 26), D(2027, 2, 1)]
    assert by_start[D(2027, 1, 20)].title == "Team meeting (moved to Wednesday)"
    assert by_start[D(2027, 1, 20)].uid == "weekly@example.org/20270119T090000"
    assert by_start[D(2027, 2, 1)].start_time == dt.time(14)
    assert reading.skipped == []  # the moved date is part of the series, not skipped


def test_monthly_until_ends_on_the_until_date(tmp_path: Path) -> None:
    monthly = """
UID:monthly@example.org
SUMMARY:Network round table
DTSTART;VALUE=DATE:20270115
RRULE:FREQ=MONTHLY;UNTIL=20270615
"""
    reading = read_ics_file(ics(tmp_path, monthly), TODAY)
    assert starts(reading.events) == [D(2027, m, 15) for m in range(1, 7)]
    assert all(e.start_time is None and e.end is None for e in reading.events)


def test_a_plain_yearly_rule_is_one_yearly_event(tmp_path: Path) -> None:
    yearly = """
UID:day@example.org
SUMMARY:Awareness day
DTSTART;VALUE=DATE:20240730
RRULE:FREQ=YEARLY
"""
    by_month = """
UID:day2@example.org
SUMMARY:Another day
DTSTART;VALUE=DATE:20241018
RRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=18
"""
    reading = read_ics_file(ics(tmp_path, yearly, by_month), TODAY)
    assert [(e.uid, e.start, e.yearly) for e in reading.events] == [
        ("day@example.org", D(2024, 7, 30), True),
        ("day2@example.org", D(2024, 10, 18), True),
    ]
    assert reading.notes == [] and reading.skipped == []


@pytest.mark.parametrize(
    ("rule", "count"),
    [
        ("FREQ=YEARLY;COUNT=3", 3),
        ("FREQ=YEARLY;UNTIL=20290731", 3),
        ("FREQ=YEARLY;INTERVAL=2;COUNT=2", 2),
        ("FREQ=YEARLY;BYMONTH=7;BYDAY=-1SU;COUNT=2", 2),
    ],
)
def test_a_yearly_rule_with_an_end_or_more_is_expanded(
    tmp_path: Path, rule: str, count: int
) -> None:
    # 25 July 2027 is the last Sunday of July, so DTSTART is one of the rule's dates.
    event = f"UID:y@example.org\r\nSUMMARY:Day\r\nDTSTART;VALUE=DATE:20270725\r\nRRULE:{rule}"
    reading = read_ics_file(ics(tmp_path, event), TODAY)
    assert len(reading.events) == count
    assert not any(e.yearly for e in reading.events)
    assert len(reading.notes) == 1


def test_yearly_with_an_exception_is_expanded(tmp_path: Path) -> None:
    event = (
        "UID:y@example.org\r\nSUMMARY:Day\r\nDTSTART;VALUE=DATE:20270730\r\n"
        "RRULE:FREQ=YEARLY;COUNT=3\r\nEXDATE;VALUE=DATE:20280730"
    )
    reading = read_ics_file(ics(tmp_path, event), TODAY)
    assert starts(reading.events) == [D(2027, 7, 30), D(2029, 7, 30)]


def test_29_february_keeps_its_meaning(tmp_path: Path) -> None:
    last_day = (
        "UID:a@example.org\r\nSUMMARY:Last day of February\r\nDTSTART;VALUE=DATE:20280229\r\n"
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
    )
    leap_only = (
        "UID:b@example.org\r\nSUMMARY:Leap day\r\nDTSTART;VALUE=DATE:20280229\r\n"
        "RRULE:FREQ=YEARLY;COUNT=2"
    )
    reading = read_ics_file(ics(tmp_path, last_day, leap_only), TODAY)
    yearly = [e for e in reading.events if e.yearly]
    assert [e.uid for e in yearly] == ["a@example.org"]
    assert starts([e for e in reading.events if not e.yearly]) == [D(2028, 2, 29), D(2032, 2, 29)]


def test_an_endless_rule_is_imported_for_a_bounded_range_and_says_so(tmp_path: Path) -> None:
    weekly = (
        "UID:w@example.org\r\nSUMMARY:Open consultation\r\nDTSTART;VALUE=DATE:20200106\r\n"
        "RRULE:FREQ=WEEKLY"
    )
    reading = read_ics_file(ics(tmp_path, weekly), TODAY)
    days = starts(reading.events)
    assert days[0] >= TODAY - dt.timedelta(days=365) and days[0] < TODAY - dt.timedelta(days=358)
    assert days[-1] <= TODAY + dt.timedelta(days=HORIZON_DAYS)
    assert all(day.weekday() == 0 for day in days)
    [note] = reading.notes
    assert "Dates before" in note and "Dates after" in note


def test_a_daily_rule_stops_at_the_limit(tmp_path: Path) -> None:
    daily = "UID:d@example.org\r\nSUMMARY:Daily\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=DAILY"
    reading = read_ics_file(ics(tmp_path, daily), TODAY)
    assert len(reading.events) == MAX_DATES
    assert "Dates after" in reading.notes[0] and "Dates before" not in reading.notes[0]


def test_a_repetition_that_ended_long_ago_is_imported_whole(tmp_path: Path) -> None:
    old = (
        "UID:o@example.org\r\nSUMMARY:Old course\r\nDTSTART;VALUE=DATE:20200302\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=3"
    )
    reading = read_ics_file(ics(tmp_path, old), TODAY)
    assert starts(reading.events) == [D(2020, 3, 2), D(2020, 3, 9), D(2020, 3, 16)]
    assert "left out" not in reading.notes[0]


def test_an_unreadable_rule_is_skipped_with_the_reason(tmp_path: Path) -> None:
    bad = "UID:x@example.org\r\nSUMMARY:Odd\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=SOMETIMES"
    good = "UID:g@example.org\r\nSUMMARY:Fine\r\nDTSTART;VALUE=DATE:20270301"
    reading = read_ics_file(ics(tmp_path, bad, good), TODAY)
    assert [e.title for e in reading.events] == ["Fine"]
    [reason] = reading.skipped
    assert "'Odd'" in reason and "RRULE" in reason and "not imported" in reason


def test_a_changed_date_without_its_series_is_skipped(tmp_path: Path) -> None:
    orphan = (
        "UID:gone@example.org\r\nRECURRENCE-ID;VALUE=DATE:20270105\r\nSUMMARY:Moved\r\n"
        "DTSTART;VALUE=DATE:20270106"
    )
    good = "UID:g@example.org\r\nSUMMARY:Fine\r\nDTSTART;VALUE=DATE:20270301"
    reading = read_ics_file(ics(tmp_path, orphan, good), TODAY)
    assert [e.title for e in reading.events] == ["Fine"]
    assert "not in the file" in reading.skipped[0]


def test_importing_a_repeating_event_twice_changes_nothing(
    tmp_path: Path, store: UserStore
) -> None:
    path = ics(tmp_path, WEEKLY)
    first = preview_import(path, store, TODAY)
    assert len(first.to_add) == 4 and first.repeating
    assert apply_import(first, store) == 4
    again = preview_import(path, store, TODAY)
    assert again.to_add == [] and again.to_update == [] and again.unchanged == 4


def test_an_exported_yearly_event_comes_back_yearly(tmp_path: Path, store: UserStore) -> None:
    own = [
        OwnEvent("leap@strom-reader", "Leap", D(2028, 2, 29), yearly=True),
        OwnEvent("plain@strom-reader", "Plain", D(2027, 5, 4), yearly=True),
        OwnEvent("once@strom-reader", "Once", D(2027, 5, 4)),
    ]
    path = tmp_path / "out.ics"
    export_ics(entries_from_own(own), path, "en")
    reading = read_ics_file(path, TODAY)
    assert [(e.uid, e.start, e.yearly) for e in reading.events] == [
        (e.uid, e.start, e.yearly) for e in own
    ]
    assert reading.notes == []
