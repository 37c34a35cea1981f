"""Own events that repeat every year: stored, migrated, salvaged, exported and shown."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from reader.calendar import entries_from_own, occurrences
from reader.userdata import OwnEvent, UserDataError, UserStore
from reader.userdata.store import SCHEMA_V1

ANNIVERSARY = OwnEvent(
    uid="anniversary@strom-reader",
    title="Network anniversary",
    start=dt.date(2024, 2, 29),
    yearly=True,
)


def make_v1_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1 + "PRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO events (uid, title, start, updated) VALUES "
        "('old@strom-reader', 'Old meeting', '2023-05-04', '2024-01-01T00:00:00.000000+00:00')"
    )
    for i in range(300):
        conn.execute(
            "INSERT INTO bookmarks VALUES ('section', ?, '2024-01-01T00:00:00.000000+00:00')",
            (f"section-{i:03d}",),
        )
    conn.commit()
    conn.close()


def test_a_yearly_event_is_kept_as_yearly(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    with UserStore(path) as store:
        store.save_event(ANNIVERSARY)
        store.save_event(OwnEvent(uid="once@strom-reader", title="Once", start=dt.date(2025, 1, 2)))
    with UserStore(path) as store:
        saved = store.own_event(ANNIVERSARY.uid)
        once = store.own_event("once@strom-reader")
    assert saved is not None and saved.yearly
    assert once is not None and not once.yearly


def test_a_version_1_file_is_migrated_and_its_events_stay_single(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    make_v1_file(path)
    with UserStore(path) as store:
        assert store.schema_version() == UserStore.SCHEMA_VERSION
        old = store.own_event("old@strom-reader")
        assert old is not None and old.title == "Old meeting" and not old.yearly
        store.save_event(ANNIVERSARY)
        assert [e.yearly for e in store.own_events()] == [False, True]


def test_a_damaged_version_1_file_still_gives_up_its_events(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    make_v1_file(path)
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_bookmarks_1'"
    ).fetchall()
    conn.close()
    with path.open("r+b") as handle:  # destroy an index; the tables stay readable
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    with UserStore(path) as store:
        assert store.open_report.recovered_from is not None
        old = store.own_event("old@strom-reader")
        assert old is not None and not old.yearly
        assert len(store.bookmarks()) == 300


def test_yearly_survives_json_export_and_import(tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    with UserStore(tmp_path / "a.sqlite3") as store:
        store.save_event(ANNIVERSARY)
        store.export_json(exported)
    item = json.loads(exported.read_text("utf-8"))["events"][0]
    assert item["yearly"] is True
    with UserStore(tmp_path / "b.sqlite3") as other:
        other.import_json(exported)
        copy = other.own_event(ANNIVERSARY.uid)
    assert copy is not None and copy.yearly


def test_an_export_from_before_yearly_imports_as_single_events(tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    with UserStore(tmp_path / "a.sqlite3") as store:
        store.save_event(OwnEvent(uid="x@strom-reader", title="Plain", start=dt.date(2025, 1, 2)))
        store.export_json(exported)
    raw = json.loads(exported.read_text("utf-8"))
    del raw["events"][0]["yearly"]
    exported.write_text(json.dumps(raw), "utf-8")
    with UserStore(tmp_path / "b.sqlite3") as other:
        other.import_json(exported)
        copy = other.own_event("x@strom-reader")
    assert copy is not None and not copy.yearly


def test_yearly_must_be_true_or_false_in_an_import(tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    with UserStore(tmp_path / "a.sqlite3") as store:
        store.save_event(ANNIVERSARY)
        store.export_json(exported)
    raw = json.loads(exported.read_text("utf-8"))
    raw["events"][0]["yearly"] = "sometimes"
    exported.write_text(json.dumps(raw), "utf-8")
    with UserStore(tmp_path / "b.sqlite3") as other:
        with pytest.raises(UserDataError, match="'yearly' must be true or false"):
            other.import_json(exported)
        assert other.own_events() == []


def test_a_yearly_event_cannot_last_a_year(tmp_path: Path) -> None:
    long = OwnEvent(
        uid="long@strom-reader",
        title="Too long",
        start=dt.date(2025, 3, 1),
        end=dt.date(2026, 3, 1),
        yearly=True,
    )
    with (
        UserStore(tmp_path / "a.sqlite3") as store,
        pytest.raises(UserDataError, match="cannot last a year or longer"),
    ):
        store.save_event(long)


def test_a_yearly_own_event_recurs_from_its_first_year() -> None:
    entries = entries_from_own([ANNIVERSARY])
    found = occurrences(entries, dt.date(2022, 1, 1), dt.date(2028, 12, 31))
    assert [occ.start for occ in found] == [
        dt.date(2024, 2, 29),
        dt.date(2025, 2, 28),
        dt.date(2026, 2, 28),
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    ]
