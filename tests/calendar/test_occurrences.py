from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reader.calendar import (
    CalendarEntry,
    Occurrence,
    days_with_events,
    entries_from_own,
    entries_from_pack,
    occurrences,
)
from reader.content import load_pack
from reader.paths import default_pack_dir
from reader.userdata import OwnEvent

D = dt.date


def entry(uid: str, start: dt.date, **kw: Any) -> CalendarEntry:
    values: dict[str, Any] = {
        "uid": uid,
        "source": "pack",
        "title": uid,
        "description": "",
        "place": "",
        "chapter": "",
        "yearly": False,
        "start": start,
        "end": None,
        "start_time": None,
        "end_time": None,
        "precision": "day",
        "since": None,
    }
    values.update(kw)
    return CalendarEntry(**values)


def spans(occs: list[Occurrence]) -> list[tuple[str, dt.date, dt.date]]:
    return [(o.entry.uid, o.start, o.end) for o in occs]


def test_yearly_event_occurs_every_year_in_range() -> None:
    day = entry("day", D(2000, 7, 30), yearly=True)
    found = occurrences([day], D(2019, 1, 1), D(2023, 12, 31))
    assert [o.start for o in found] == [D(y, 7, 30) for y in range(2019, 2024)]
    assert all(o.end == o.start and o.entry is day for o in found)


def test_yearly_event_not_before_since() -> None:
    day = entry("day", D(2014, 7, 30), yearly=True, since=2014)
    found = occurrences([day], D(2010, 1, 1), D(2016, 12, 31))
    assert [o.start for o in found] == [D(2014, 7, 30), D(2015, 7, 30), D(2016, 7, 30)]
    assert occurrences([day], D(2013, 1, 1), D(2013, 12, 31)) == []


def test_29_february_falls_on_28_february_in_other_years() -> None:
    leap = entry("leap", D(2000, 2, 29), yearly=True)
    found = occurrences([leap], D(2023, 1, 1), D(2025, 12, 31))
    assert [o.start for o in found] == [D(2023, 2, 28), D(2024, 2, 29), D(2025, 2, 28)]
    assert [o.start for o in occurrences([leap], D(2100, 1, 1), D(2100, 12, 31))] == [
        D(2100, 2, 28)  # 2100 is not a leap year
    ]
    assert [o.start for o in occurrences([leap], D(2400, 2, 1), D(2400, 3, 1))] == [D(2400, 2, 29)]


def test_multi_day_event_spanning_a_month_boundary() -> None:
    trip = entry("trip", D(2025, 1, 30), end=D(2025, 2, 2))
    assert spans(occurrences([trip], D(2025, 2, 1), D(2025, 2, 28))) == [
        ("trip", D(2025, 1, 30), D(2025, 2, 2))
    ]
    assert spans(occurrences([trip], D(2025, 1, 1), D(2025, 1, 31))) == [
        ("trip", D(2025, 1, 30), D(2025, 2, 2))
    ]
    days = days_with_events(
        occurrences([trip], D(2025, 2, 1), D(2025, 2, 28)), D(2025, 2, 1), D(2025, 2, 28)
    )
    assert list(days) == [D(2025, 2, 1), D(2025, 2, 2)]
    days = days_with_events(
        occurrences([trip], D(2025, 1, 1), D(2025, 1, 31)), D(2025, 1, 1), D(2025, 1, 31)
    )
    assert list(days) == [D(2025, 1, 30), D(2025, 1, 31)]


def test_multi_day_yearly_event_crossing_new_year() -> None:
    holidays = entry("holidays", D(2000, 12, 30), end=D(2001, 1, 2), yearly=True)
    found = occurrences([holidays], D(2025, 1, 1), D(2025, 1, 31))
    assert spans(found) == [("holidays", D(2024, 12, 30), D(2025, 1, 2))]


def test_range_filtering_edges() -> None:
    one = entry("one", D(2025, 3, 10))
    assert len(occurrences([one], D(2025, 3, 10), D(2025, 3, 10))) == 1
    assert occurrences([one], D(2025, 3, 11), D(2025, 3, 31)) == []
    assert occurrences([one], D(2025, 3, 1), D(2025, 3, 9)) == []
    assert occurrences([one], D(2025, 3, 31), D(2025, 3, 1)) == []  # empty range


def test_sorted_by_start_then_title() -> None:
    entries = [
        entry("z", D(2025, 5, 2), title="Zeta"),
        entry("b", D(2025, 5, 1), title="Beta"),
        entry("y", D(2000, 5, 1), title="Alpha", yearly=True),
        entry("long", D(2025, 4, 28), end=D(2025, 5, 3), title="Long"),
    ]
    found = occurrences(entries, D(2025, 5, 1), D(2025, 5, 31))
    assert [o.entry.title for o in found] == ["Long", "Alpha", "Beta", "Zeta"]


def test_days_with_events_lists_each_covered_day() -> None:
    entries = [
        entry("a", D(2025, 5, 1), title="A"),
        entry("b", D(2025, 5, 1), end=D(2025, 5, 3), title="B"),
    ]
    first, last = D(2025, 5, 1), D(2025, 5, 31)
    days = days_with_events(occurrences(entries, first, last), first, last)
    assert {day: [o.entry.uid for o in occs] for day, occs in days.items()} == {
        D(2025, 5, 1): ["a", "b"],
        D(2025, 5, 2): ["b"],
        D(2025, 5, 3): ["b"],
    }


def test_entries_from_own_events() -> None:
    own = OwnEvent(
        "u@strom-reader",
        "Mine",
        D(2025, 6, 1),
        D(2025, 6, 2),
        dt.time(9),
        dt.time(17),
        "Riga",
        "notes",
    )
    [mine] = entries_from_own([own])
    assert mine == CalendarEntry(
        "u@strom-reader",
        "own",
        "Mine",
        "notes",
        "Riga",
        "",
        False,
        D(2025, 6, 1),
        D(2025, 6, 2),
        dt.time(9),
        dt.time(17),
        "day",
        None,
    )


def test_entries_from_the_bundled_pack_in_latvian() -> None:
    pack = load_pack(default_pack_dir())
    entries = entries_from_pack(pack, "lv")
    assert len(entries) == 13
    assert all(e.source == "pack" and e.title for e in entries)
    by_id = {e.uid: e for e in entries}
    world_day = by_id["world-day-against-trafficking"]
    assert world_day.title == "Pasaules diena cīņai pret cilvēku tirdzniecību"
    assert world_day.yearly and world_day.since == 2014 and world_day.chapter == "prevention"
    assert (world_day.start.month, world_day.start.day) == (7, 30)
    assert any(ch in world_day.description for ch in "āēīūčšžņļķģ")
    found = occurrences(entries, D(2030, 7, 1), D(2030, 7, 31))
    assert [(o.entry.uid, o.start) for o in found] == [
        ("world-day-against-trafficking", D(2030, 7, 30))
    ]
    conference = by_id["amsterdam-labour-exploitation-conference"]
    assert not conference.yearly and conference.end == D(2016, 1, 19)
    assert by_id["strom-guidelines-launch"].precision == "month"
    english = {e.uid: e.title for e in entries_from_pack(pack, "en")}
    assert english["world-day-against-trafficking"] != world_day.title


def test_missing_texts_fall_back_to_the_source_language(mini_pack: Path) -> None:
    texts = mini_pack / "lv" / "events.toml"
    kept = texts.read_text(encoding="utf-8").split("[conference]")[0]
    texts.write_text(kept, encoding="utf-8")  # no Latvian text for the conference
    pack = load_pack(mini_pack)
    latvian = {e.uid: e for e in entries_from_pack(pack, "lv")}
    assert latvian["anti-trafficking-day"].title == "ES Cilvēku tirdzniecības apkarošanas diena"
    assert latvian["conference"].title == "Final conference"
    assert latvian["conference"].place == "Birštonas"
    unknown = {e.uid: e.title for e in entries_from_pack(pack, "xx")}
    assert unknown == {
        "anti-trafficking-day": "EU Anti-Trafficking Day",
        "conference": "Final conference",
    }
