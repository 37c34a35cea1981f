from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.paths import user_folders
from reader.userdata import (
    MIGRATIONS,
    OwnEvent,
    UserDataError,
    UserStore,
    default_store_path,
)
from reader.userdata.store import EXPORT_VERSION

# The version 1 schema exactly as released; a changed SCHEMA_V1 must not break old files.
V1_DDL = """
CREATE TABLE bookmarks (
    kind TEXT NOT NULL CHECK (kind IN ('section', 'event')),
    target_id TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (kind, target_id)
);
CREATE TABLE notes (
    section_id TEXT NOT NULL PRIMARY KEY,
    text TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE events (
    uid TEXT NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT,
    start_time TEXT,
    end_time TEXT,
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
CREATE INDEX events_by_start ON events (start, start_time);
PRAGMA user_version = 1;
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    with UserStore(tmp_path / "data" / "userdata.sqlite3") as opened:
        yield opened


def raw_query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def snapshot(store: UserStore) -> tuple[list[Any], list[Any], list[Any]]:
    return store.bookmarks(), store.notes(), store.own_events()


def event(uid: str = "e1@strom-reader", title: str = "Meeting", **kw: Any) -> OwnEvent:
    return OwnEvent(uid=uid, title=title, start=kw.pop("start", dt.date(2025, 3, 10)), **kw)


# --------------------------------------------------------------------------- basics


def test_default_store_path_is_in_the_data_folder() -> None:
    folders = user_folders()
    assert default_store_path(folders) == folders.data / "userdata.sqlite3"


def test_file_is_created_in_wal_mode_with_current_schema(store: UserStore) -> None:
    assert store.path.is_file()
    assert store.open_report.recovered_from is None and store.open_report.message == ""
    assert store.schema_version() == UserStore.SCHEMA_VERSION == 3
    assert raw_query(store.path, "PRAGMA journal_mode") == [("wal",)]


def test_bookmarks_are_idempotent_newest_first_and_filtered(store: UserStore) -> None:
    first = store.add_bookmark("section", "intro")
    store.add_bookmark("event", "world-day-against-trafficking")
    store.add_bookmark("section", "signs")
    again = store.add_bookmark("section", "intro")
    assert again == first and first.created.tzinfo is not None
    assert [b.target_id for b in store.bookmarks()] == [
        "signs",
        "world-day-against-trafficking",
        "intro",
    ]
    assert [b.target_id for b in store.bookmarks("section")] == ["signs", "intro"]
    assert store.is_bookmarked("section", "intro")
    assert not store.is_bookmarked("event", "intro")
    assert store.remove_bookmark("section", "intro") is True
    assert store.remove_bookmark("section", "intro") is False
    assert not store.is_bookmarked("section", "intro")


def test_bookmark_input_is_checked(store: UserStore) -> None:
    with pytest.raises(UserDataError, match="Unknown bookmark kind"):
        store.add_bookmark("chapter", "intro")
    with pytest.raises(UserDataError, match="needs a target"):
        store.add_bookmark("section", "")
    assert store.bookmarks() == []


def test_notes_set_replace_delete_and_order(store: UserStore) -> None:
    assert store.note("intro") is None
    store.set_note("intro", "first")
    store.set_note("signs", "second")
    replaced = store.set_note("intro", "first, edited")
    assert replaced is not None and replaced.text == "first, edited"
    assert store.note("intro") == replaced
    assert [n.section_id for n in store.notes()] == ["intro", "signs"]
    assert store.set_note("intro", "  \n\t ") is None
    assert store.note("intro") is None
    assert [n.section_id for n in store.notes()] == ["signs"]


def test_search_notes_ignores_case_and_diacritics(store: UserStore) -> None:
    store.set_note("a", "Cilvēku tirdzniecība Rīgā")
    store.set_note("b", "Żółta ŁÓDŹ")
    store.set_note("c", "nothing here")
    assert [n.section_id for n in store.search_notes("CILVEKU")] == ["a"]
    assert [n.section_id for n in store.search_notes("rīga")] == ["a"]
    assert [n.section_id for n in store.search_notes("lodz")] == ["b"]
    assert store.search_notes("absent") == []
    assert len(store.search_notes("")) == 3


def test_events_insert_update_order_and_delete(store: UserStore) -> None:
    later = store.save_event(event("b@x", "Later", start=dt.date(2025, 5, 1)))
    earlier = store.save_event(
        event(
            "a@x",
            "Earlier",
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 1, 3),
            place="Riga",
            description="Three days",
        )
    )
    assert later.updated is not None and later.updated.tzinfo is not None
    assert [e.uid for e in store.own_events()] == ["a@x", "b@x"]
    assert store.own_event("a@x") == earlier
    changed = store.save_event(
        OwnEvent("b@x", "Later, 10:00", dt.date(2025, 5, 1), None, dt.time(10), dt.time(11, 30))
    )
    assert store.own_event("b@x") == changed and len(store.own_events()) == 2
    store.add_bookmark("event", "b@x")
    assert store.delete_event("b@x") is True
    assert store.delete_event("b@x") is False
    assert not store.is_bookmarked("event", "b@x")
    assert [e.uid for e in store.own_events()] == ["a@x"]


def test_event_without_uid_gets_one_and_same_day_end_is_dropped(store: UserStore) -> None:
    saved = store.save_event(event("", "  Padded  ", end=dt.date(2025, 3, 10)))
    assert saved.uid.endswith("@strom-reader") and len(saved.uid) > 20
    assert saved.title == "Padded" and saved.end is None
    assert store.own_event(saved.uid) == saved


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (event(title="   "), "no title"),
        (event(end=dt.date(2025, 3, 9)), "ends before it starts"),
        (event(end_time=dt.time(10)), "end time but no start time"),
        (event(start_time=dt.time(10), end_time=dt.time(9)), "ends before it starts"),
        (event(start=dt.date(1899, 12, 31)), "out of range"),
        (event(end=dt.date(2201, 1, 1)), "out of range"),
    ],
)
def test_invalid_events_are_refused(store: UserStore, bad: OwnEvent, message: str) -> None:
    with pytest.raises(UserDataError, match=message):
        store.save_event(bad)
    with pytest.raises(UserDataError, match=message):
        store.save_events([event("ok@x"), bad])
    assert store.own_events() == []


def test_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    with UserStore(path) as first:
        first.add_bookmark("section", "intro")
        first.set_note("intro", "kept")
        saved = first.save_event(event())
        before = snapshot(first)
    with UserStore(path) as second:
        assert snapshot(second) == before
        assert second.own_event(saved.uid) == saved


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "u.sqlite3")
    store.close()
    store.close()
    with pytest.raises(UserDataError, match="closed"):
        store.bookmarks()


# --------------------------------------------------------------------------- migrations


def test_fresh_file_starts_at_version_0_and_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()  # an empty database file: user_version 0, no tables
    assert raw_query(path, "PRAGMA user_version") == [(0,)]
    with UserStore(path) as store:
        assert store.schema_version() == UserStore.SCHEMA_VERSION
        store.add_bookmark("section", "intro")
    tables = {r[0] for r in raw_query(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"bookmarks", "notes", "events", "checklists", "checklist_marks"}


def make_v1_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1_DDL)
        conn.execute(
            "INSERT INTO bookmarks VALUES ('section', 'intro', '2024-01-02T03:04:05.000000+00:00')"
        )
        conn.execute("INSERT INTO notes VALUES ('intro', 'old note', '2024-01-02T03:04:06+00:00')")
        conn.execute(
            "INSERT INTO events VALUES ('v1@strom-reader', 'Old event', '2024-02-29', "
            "'2024-03-01', '09:00:00', NULL, 'Tallinn', 'From v1', '2024-01-03T00:00:00+00:00')"
        )
        conn.commit()
    finally:
        conn.close()


def test_version_1_database_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    make_v1_database(path)
    with UserStore(path) as store:
        assert store.schema_version() == UserStore.SCHEMA_VERSION
        assert store.open_report.recovered_from is None
        [bookmark] = store.bookmarks()
        assert (bookmark.kind, bookmark.target_id) == ("section", "intro")
        assert bookmark.created == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        note = store.note("intro")
        assert note is not None and note.text == "old note"
        assert store.own_event("v1@strom-reader") == OwnEvent(
            "v1@strom-reader",
            "Old event",
            dt.date(2024, 2, 29),
            dt.date(2024, 3, 1),
            dt.time(9),
            None,
            "Tallinn",
            "From v1",
            dt.datetime(2024, 1, 3, tzinfo=dt.UTC),
        )


def test_a_future_migration_runs_once_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.sqlite3"
    make_v1_database(path)
    calls: list[int] = []

    def v1_to_v2(conn: sqlite3.Connection) -> None:
        calls.append(1)
        conn.execute("ALTER TABLE notes ADD COLUMN color TEXT NOT NULL DEFAULT ''")

    current = UserStore.SCHEMA_VERSION
    monkeypatch.setitem(MIGRATIONS, current, v1_to_v2)
    monkeypatch.setattr(UserStore, "SCHEMA_VERSION", current + 1)
    with UserStore(path) as store:
        assert store.schema_version() == current + 1
        note = store.note("intro")
        assert note is not None and note.text == "old note"
    with UserStore(path) as store:
        assert store.schema_version() == current + 1
    assert calls == [1]
    assert raw_query(path, "SELECT color FROM notes") == [("",)]


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.sqlite3"
    make_v1_database(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE notes ADD COLUMN color TEXT")
        conn.execute("THIS IS NOT SQL")

    current = UserStore.SCHEMA_VERSION
    with UserStore(path):
        pass  # up to the current version first
    monkeypatch.setitem(MIGRATIONS, current, broken)
    monkeypatch.setattr(UserStore, "SCHEMA_VERSION", current + 1)
    with pytest.raises(UserDataError, match=re.escape(str(path))):
        UserStore(path)
    assert raw_query(path, "PRAGMA user_version") == [(current,)]
    columns = [r[1] for r in raw_query(path, "PRAGMA table_info(notes)")]
    assert "color" not in columns
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    make_v1_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(UserDataError, match="newer version of STROM Reader"):
        UserStore(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*"))


# --------------------------------------------------------------------------- export / import


def fill(store: UserStore) -> None:
    store.add_bookmark("section", "intro")
    store.add_bookmark("event", "world-day-against-trafficking")
    store.set_note("intro", "Ārkārtas kontakti: 112")
    store.set_note("signs", "multi\nline")
    store.save_event(event("a@strom-reader", "All day"))
    store.save_event(event("b@strom-reader", "Trip", end=dt.date(2025, 3, 12), place="Vilnius"))
    store.save_event(
        event("c@x", "Call", start_time=dt.time(14, 30), end_time=dt.time(15), description="d")
    )


def test_export_then_import_reproduces_everything(tmp_path: Path, store: UserStore) -> None:
    fill(store)
    target = tmp_path / "export" / "all.json"
    assert store.export_json(target) == 7
    raw = json.loads(target.read_text(encoding="utf-8"))
    assert raw["format"] == "strom-reader-userdata" and raw["version"] == 2
    assert not list(target.parent.glob(".*tmp"))
    with UserStore(tmp_path / "fresh.sqlite3") as fresh:
        summary = fresh.import_json(target)
        assert (summary.added, summary.updated, summary.unchanged) == (7, 0, 0)
        assert snapshot(fresh) == snapshot(store)
        again = fresh.import_json(target)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 7)
        assert snapshot(fresh) == snapshot(store)


def test_import_merges_and_the_newer_note_and_event_win(tmp_path: Path, store: UserStore) -> None:
    fill(store)
    with UserStore(tmp_path / "other.sqlite3") as other:
        other.set_note("intro", "older text in the other store")  # older than the file's note
        other.add_bookmark("section", "only-here")
        store.set_note("signs", "newest text")  # newer than anything in `other`
        store.save_event(event("c@x", "Call, moved", start_time=dt.time(16)))
        path = tmp_path / "mine.json"
        store.export_json(path)
        other.set_note("intro", "edited here after the export")  # now newer than the file
        summary = other.import_json(path)
        # intro: the other store's note is newer, stays; signs + 3 events + 2 bookmarks: added
        assert (summary.added, summary.updated, summary.unchanged) == (6, 0, 1)
        note = other.note("intro")
        assert note is not None and note.text == "edited here after the export"
        signs = other.note("signs")
        assert signs is not None and signs.text == "newest text"
        assert {b.target_id for b in other.bookmarks()} == {
            "intro",
            "world-day-against-trafficking",
            "only-here",
        }
        # Now the first store changes the event again and the other imports: the newer wins.
        store.save_event(event("c@x", "Call, final", start_time=dt.time(17)))
        store.set_note("intro", "final intro")
        store.export_json(path)
        summary = other.import_json(path)
        assert summary.updated == 2
        final = other.own_event("c@x")
        assert final is not None and final.title == "Call, final"
        intro = other.note("intro")
        assert intro is not None and intro.text == "final intro"
        assert len(other.own_events()) == 3


def valid_export() -> dict[str, Any]:
    return {
        "format": "strom-reader-userdata",
        "version": 1,
        "exported": "2025-01-01T00:00:00+00:00",
        "bookmarks": [
            {"kind": "section", "target_id": "new", "created": "2025-01-01T00:00:00+00:00"}
        ],
        "notes": [{"section_id": "new", "text": "x", "updated": "2025-01-01T00:00:00+00:00"}],
        "events": [
            {
                "uid": "n@x",
                "title": "New",
                "start": "2025-01-01",
                "updated": "2025-01-01T00:00:00+00:00",
            }
        ],
    }


def _truncated(path: Path) -> None:
    text = json.dumps(valid_export(), indent=2)
    path.write_text(text[: len(text) // 2], encoding="utf-8")


def _wrong_marker(path: Path) -> None:
    path.write_text(json.dumps({**valid_export(), "format": "something-else"}), "utf-8")


def _bookmark_without_target(path: Path) -> None:
    data = valid_export()
    data["bookmarks"].append({"kind": "section", "created": "2025-01-01T00:00:00+00:00"})
    path.write_text(json.dumps(data), "utf-8")


def _date_out_of_range(path: Path) -> None:
    data = valid_export()
    data["events"].append(
        {"uid": "far@x", "title": "Far", "start": "9999-01-01", "updated": "2025-01-01T00:00"}
    )
    path.write_text(json.dumps(data), "utf-8")


def _timestamp_out_of_range(path: Path) -> None:
    data = valid_export()
    data["notes"].append({"section_id": "z", "text": "z", "updated": "1000-01-01T00:00:00"})
    path.write_text(json.dumps(data), "utf-8")


def _not_utf8(path: Path) -> None:
    path.write_bytes(json.dumps(valid_export()).encode("utf-8").replace(b'"x"', b'"\xe9"'))


def _newer_version(path: Path) -> None:
    path.write_text(json.dumps({**valid_export(), "version": EXPORT_VERSION + 1}), "utf-8")


def _invalid_event(path: Path) -> None:
    data = valid_export()
    data["events"].append(
        {
            "uid": "bad@x",
            "title": "Backwards",
            "start": "2025-02-02",
            "end": "2025-02-01",
            "updated": "2025-01-01T00:00:00+00:00",
        }
    )
    path.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, r"damaged or not a STROM Reader user data file"),
        (_wrong_marker, r"is not a STROM Reader user data file"),
        (_bookmark_without_target, r"bookmark 2: 'target_id' is missing"),
        (_date_out_of_range, r"event 2 \('Far'\): 'start' has the year 9999.*out of range"),
        (_timestamp_out_of_range, r"note 2: 'updated' has the year 1000"),
        (_not_utf8, r"not UTF-8"),
        (_newer_version, r"newer version"),
        (_invalid_event, r"event 2 \('Backwards'\): the event ends before it starts"),
    ],
)
def test_bad_import_files_are_refused_and_change_nothing(
    tmp_path: Path, store: UserStore, make: Any, message: str
) -> None:
    fill(store)
    before = snapshot(store)
    path = tmp_path / "bad import.json"
    make(path)
    with pytest.raises(UserDataError, match=message) as error:
        store.import_json(path)
    assert str(path) in str(error.value)
    assert snapshot(store) == before
    assert [len(part) for part in snapshot(store)] == [2, 2, 3]


def test_import_of_a_missing_file_names_it(tmp_path: Path, store: UserStore) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(UserDataError, match=re.escape(str(path))):
        store.import_json(path)


def test_export_that_cannot_be_written_names_the_file(tmp_path: Path, store: UserStore) -> None:
    folder = tmp_path / "taken.json"
    folder.mkdir()
    with pytest.raises(UserDataError, match=re.escape(str(folder))):
        store.export_json(folder)
