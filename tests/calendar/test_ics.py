from __future__ import annotations

import datetime as dt
import re
import shutil
import zoneinfo
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reader.calendar import (
    MAX_ICS_BYTES,
    CalendarEntry,
    CalendarFileError,
    apply_import,
    entries_from_own,
    entries_from_pack,
    export_ics,
    preview_import,
    read_ics,
    read_ics_report,
)
from reader.content import load_pack
from reader.paths import default_pack_dir
from reader.userdata import OwnEvent, UserStore

D = dt.date
ICS_DATA = Path(__file__).resolve().parents[1] / "data" / "ics"

ONE_DAY = OwnEvent("one@strom-reader", "Ausschuss: Sitzung", D(2025, 3, 10), place="Rīga")
MULTI_DAY = OwnEvent(
    "multi@strom-reader",
    'Training; week, with "quotes" and a long title ' + "x" * 80,
    D(2025, 1, 30),
    D(2025, 2, 2),
    description="Line one\nLine two, with comma; and semicolon",
)
TIMED = OwnEvent("timed@strom-reader", "Call", D(2025, 4, 1), None, dt.time(9, 30), dt.time(10, 15))
TIMED_OVERNIGHT = OwnEvent(
    "night@strom-reader", "Night shift", D(2025, 4, 1), D(2025, 4, 2), dt.time(22), dt.time(6)
)
OWN = [ONE_DAY, MULTI_DAY, TIMED, TIMED_OVERNIGHT]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    with UserStore(tmp_path / "userdata.sqlite3") as opened:
        yield opened


def pack_entries() -> list[CalendarEntry]:
    return entries_from_pack(load_pack(default_pack_dir()), "lv")


def vcalendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n"


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


GOOD = "UID:good@example.org\r\nSUMMARY:Good\r\nDTSTART;VALUE=DATE:20250301"
NO_START = "UID:nostart@example.org\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:Someday"
YEAR_9999 = "UID:far@example.org\r\nSUMMARY:Far future\r\nDTSTART;VALUE=DATE:99990101"


# --------------------------------------------------------------------------- export


def test_exported_file_follows_rfc_5545(tmp_path: Path) -> None:
    path = tmp_path / "out" / "calendar.ics"
    entries = pack_entries() + entries_from_own(OWN)
    assert export_ics(entries, path, "lv") == 17
    data = path.read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    for needed in ("VERSION:2.0", "PRODID:-//STROM Reader//EN", "CALSCALE:GREGORIAN"):
        assert f"\r\n{needed}\r\n" in text
    assert data.count(b"\n") == data.count(b"\r\n")  # CRLF only
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines
    assert text.count("BEGIN:VEVENT") == 17
    assert text.count("\r\nDTSTAMP:") == 17 and text.count("\r\nUID:") == 17
    assert text.count("RRULE:FREQ=YEARLY") == 6
    assert "UID:world-day-against-trafficking@strom-reader.pack\r\n" in text
    assert "DTSTART;VALUE=DATE:20140730\r\n" in text
    assert "DTSTART:20250401T093000\r\nDTEND:20250401T101500\r\n" in text  # floating times
    assert "SUMMARY;LANGUAGE=lv:" in text
    assert not list(path.parent.glob(".*tmp"))


def test_export_then_read_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "calendar.ics"
    pack = [e for e in pack_entries() if e.uid == "world-day-against-trafficking"]
    export_ics(pack + entries_from_own(OWN), path, "lv")
    events = {e.uid: e for e in read_ics(path)}
    for original in OWN:
        assert events[original.uid] == original
    odd = OwnEvent(
        "odd@x", "Emoji 🎉,\u2028; \\ “Ģ”", D(2025, 1, 1), description='a\u2029b\x0c;,"q"\n'
    )
    export_ics(entries_from_own([odd]), path, "lv")
    assert read_ics(path) == [replace(odd, description=odd.description.strip())]
    yearly = events["world-day-against-trafficking@strom-reader.pack"]
    assert yearly.title == pack[0].title and yearly.description == pack[0].description
    assert yearly.start == D(2014, 7, 30) and yearly.end is None
    assert yearly.start_time is None


def test_all_day_dtend_is_exclusive_and_29_february_recurs_on_the_last_day(
    tmp_path: Path,
) -> None:
    leap = CalendarEntry(
        "leap", "pack", "Leap day", "", "", "", True, D(2000, 2, 29), None, None, None, "day", None
    )
    path = tmp_path / "c.ics"
    export_ics([leap, *entries_from_own([MULTI_DAY])], path, "en")
    text = path.read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:20000229\r\nDTEND;VALUE=DATE:20000301\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\r\n" in text
    assert "DTSTART;VALUE=DATE:20250130\r\nDTEND;VALUE=DATE:20250203\r\n" in text


# --------------------------------------------------------------------------- import


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    tmp_path: Path, store: UserStore
) -> None:
    path = tmp_path / "mine.ics"
    export_ics(entries_from_own(OWN), path, "en")
    first = preview_import(path, store)
    assert sorted(e.uid for e in first.to_add) == sorted(e.uid for e in OWN)
    assert first.to_update == [] and first.unchanged == 0 and first.skipped == []
    assert apply_import(first, store) == 4
    second = preview_import(path, store)
    assert second.to_add == [] and second.to_update == [] and second.unchanged == len(OWN)
    assert apply_import(second, store) == 0
    assert len(store.own_events()) == 4


def test_a_changed_summary_with_the_same_uid_is_an_update(tmp_path: Path, store: UserStore) -> None:
    path = tmp_path / "mine.ics"
    export_ics(entries_from_own(OWN), path, "en")
    apply_import(preview_import(path, store), store)
    text = path.read_text(encoding="utf-8").replace(
        "SUMMARY;LANGUAGE=en:Call", "SUMMARY:Call moved"
    )
    write(path, text)
    preview = preview_import(path, store)
    assert [e.uid for e in preview.to_update] == ["timed@strom-reader"]
    assert preview.to_add == [] and preview.unchanged == 3
    assert apply_import(preview, store) == 1
    assert len(store.own_events()) == 4
    changed = store.own_event("timed@strom-reader")
    assert changed is not None and changed.title == "Call moved"


def test_handbook_events_are_not_imported_as_own_events(tmp_path: Path, store: UserStore) -> None:
    path = tmp_path / "all.ics"
    export_ics(pack_entries() + entries_from_own([TIMED]), path, "lv")
    preview = preview_import(path, store)
    assert [e.uid for e in preview.to_add] == ["timed@strom-reader"]
    assert len(preview.skipped) == 13
    assert all("handbook" in reason for reason in preview.skipped)
    only_pack = tmp_path / "pack.ics"
    export_ics(pack_entries(), only_pack, "lv")
    with pytest.raises(CalendarFileError, match="no event that can be imported"):
        preview_import(only_pack, store)


def test_an_outlook_style_file_is_read(tmp_path: Path, store: UserStore) -> None:
    path = tmp_path / "outlook.ics"
    shutil.copy(ICS_DATA / "outlook_like.ics", path)
    events, skipped = read_ics_report(path)
    by_title = {e.title: e for e in events}
    meeting = by_title["Sanāksme ar sociālo dienestu"]
    riga = zoneinfo.ZoneInfo("Europe/Riga")
    local_start = dt.datetime(2025, 3, 12, 10, tzinfo=riga).astimezone().replace(tzinfo=None)
    assert (meeting.start, meeting.start_time) == (local_start.date(), local_start.time())
    assert meeting.place == "Rīgas dome, 2. stāvs"
    assert meeting.description.endswith("garu tekstu, kas ir salocīts.")
    call = by_title["Call in UTC"]
    local_call = dt.datetime(2025, 4, 1, 12, tzinfo=dt.UTC).astimezone()
    assert call.start_time == local_call.time().replace(tzinfo=None)
    assert call.end_time == (local_call + dt.timedelta(minutes=45)).time().replace(tzinfo=None)
    week = by_title["Training week (no UID)"]
    assert (week.start, week.end) == (D(2025, 5, 26), D(2025, 5, 30))
    assert skipped == [
        "event 'Someday' has no start date",
        "event 'Far future' has a date in the year 9999; only years 1900 to 2200 are supported",
    ]
    apply_import(preview_import(path, store), store)
    again = preview_import(path, store)  # the event without a UID is recognised again
    assert again.to_add == [] and again.unchanged == 3


# --------------------------------------------------------------------------- bad input


def _truncated(path: Path) -> None:
    export_ics(entries_from_own(OWN), path, "en")
    text = path.read_text(encoding="utf-8")
    write(path, text[: len(text) // 2])


def _not_utf8(path: Path) -> None:
    path.write_bytes(vcalendar(GOOD).replace("SUMMARY:Good", "SUMMARY:Caf\xe9").encode("latin-1"))


def _too_large(path: Path) -> None:
    event = GOOD.replace("good@", "{n}@") + "\r\nDESCRIPTION:" + "x" * 60
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n")
        n = 0
        while out.tell() <= MAX_ICS_BYTES:
            out.write(f"BEGIN:VEVENT\r\n{event.format(n=n)}\r\nEND:VEVENT\r\n")
            n += 1
        out.write("END:VCALENDAR\r\n")


def _only_without_start(path: Path) -> None:
    write(path, vcalendar(NO_START, NO_START.replace("nostart", "nostart2")))


def _only_year_9999(path: Path) -> None:
    write(path, vcalendar(YEAR_9999))


def _no_events(path: Path) -> None:
    write(path, vcalendar())


def _not_a_calendar(path: Path) -> None:
    write(path, '{"format": "strom-reader-userdata"}\n')


def _bad_line(path: Path) -> None:
    write(path, vcalendar(GOOD).replace("SUMMARY:Good", "this is not a content line"))


def _empty(path: Path) -> None:
    write(path, "")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, r"is incomplete: the VEVENT begun on line \d+ never ends"),
        (_not_utf8, r":6: the file is not UTF-8 text"),
        (_too_large, r"is larger than 2 MiB"),
        (_only_without_start, r"no event that can be imported: event 'Someday' has no start"),
        (_only_year_9999, r"no event that can be imported: .*year 9999"),
        (_no_events, r"contains no events"),
        (_not_a_calendar, r"is not a calendar \(\.ics\) file"),
        (_bad_line, r":6: this line is not valid calendar data"),
        (_empty, r"is not a calendar \(\.ics\) file"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    tmp_path: Path, store: UserStore, make: Any, message: str
) -> None:
    store.save_event(ONE_DAY)
    before = store.own_events()
    path = tmp_path / "bad calendar.ics"
    make(path)
    if make is _too_large:
        assert path.stat().st_size > MAX_ICS_BYTES
    with pytest.raises(CalendarFileError, match=message) as error:
        preview_import(path, store)
    assert str(path) in str(error.value)
    with pytest.raises(CalendarFileError, match=re.escape(str(path))):
        read_ics(path)
    assert store.own_events() == before


def test_unusable_events_are_skipped_with_a_reason(tmp_path: Path, store: UserStore) -> None:
    path = write(tmp_path / "mixed.ics", vcalendar(GOOD, NO_START, YEAR_9999))
    preview = preview_import(path, store)
    assert [e.uid for e in preview.to_add] == ["good@example.org"]
    assert preview.skipped == [
        "event 'Someday' has no start date",
        "event 'Far future' has a date in the year 9999; only years 1900 to 2200 are supported",
    ]
    assert store.own_events() == []  # a preview changes nothing
    assert apply_import(preview, store) == 1
    assert [e.uid for e in store.own_events()] == ["good@example.org"]


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (
            "UID:a\r\nSUMMARY:Backwards\r\nDTSTART:20250302T100000\r\nDTEND:20250302T090000",
            "event 'Backwards' ends before it starts",
        ),
        ("UID:b\r\nDTSTART;VALUE=DATE:20250301", "event number 2 in the file has no title"),
        ("UID:c\r\nSUMMARY:Broken\r\nDTSTART:2025-03-01", "event 'Broken' has a start date that"),
        ("UID:d\r\nSUMMARY:Old\r\nDTSTART;VALUE=DATE:18991231", "year 1899"),
        ("UID:e\r\nSUMMARY:Gone\r\nSTATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20250301", "cancelled"),
        ("UID:good@example.org\r\nSUMMARY:Again\r\nDTSTART;VALUE=DATE:20250301", "appears twice"),
    ],
)
def test_more_skip_reasons(tmp_path: Path, store: UserStore, event: str, reason: str) -> None:
    path = write(tmp_path / "c.ics", vcalendar(GOOD, event))
    preview = preview_import(path, store)
    assert [e.uid for e in preview.to_add] == ["good@example.org"]
    assert len(preview.skipped) == 1 and reason in preview.skipped[0]


def test_a_calendar_that_cannot_be_written_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "taken.ics"
    folder.mkdir()
    with pytest.raises(CalendarFileError, match=re.escape(str(folder))):
        export_ics(entries_from_own(OWN), folder, "en")
