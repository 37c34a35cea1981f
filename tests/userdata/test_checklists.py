"""Indicator checklists in the user data file: real SQLite files, no Qt."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.userdata import UserDataError, UserStore
from tests.faults import injection

V2_FILE = Path(__file__).parent.parent / "data" / "userdata" / "schema-v2.sqlite3"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[UserStore]:
    with UserStore(tmp_path / "data" / "userdata.sqlite3") as opened:
        yield opened


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_create_rename_delete_and_several_checklists(store: UserStore) -> None:
    first = store.create_checklist("  Case   2026-14 ")
    second = store.create_checklist("Case 2026-15")
    assert first.name == "Case 2026-14" and first.marks() == {}
    assert first.id != second.id
    assert [c.name for c in store.checklists()] == ["Case 2026-14", "Case 2026-15"]
    renamed = store.rename_checklist(first.id, "A case")
    assert renamed.name == "A case" and renamed.renamed >= first.renamed
    assert [c.name for c in store.checklists()] == ["A case", "Case 2026-15"]
    assert store.delete_checklist(second.id)
    assert not store.delete_checklist(second.id)
    assert [c.id for c in store.checklists()] == [first.id]
    assert store.checklist(second.id) is None


def test_a_name_in_use_gets_a_number_and_a_blank_name_is_refused(store: UserStore) -> None:
    store.create_checklist("Case 7")
    assert store.create_checklist("case 7").name == "case 7 (2)"
    other = store.create_checklist("Other")
    assert store.rename_checklist(other.id, "Case 7").name == "Case 7 (3)"
    assert store.rename_checklist(other.id, "Case 7 (3)").name == "Case 7 (3)"  # its own name
    with pytest.raises(UserDataError, match="needs a name"):
        store.create_checklist("   ")
    with pytest.raises(UserDataError, match="too long"):
        store.create_checklist("x" * 201)


def test_ticks_and_notes_are_kept_per_checklist(store: UserStore) -> None:
    one = store.create_checklist("One")
    two = store.create_checklist("Two")
    store.set_ticked(one.id, "general-no-documents", True)
    store.set_indicator_note(one.id, "general-no-documents", "Pase pie darba devēja")
    store.set_indicator_note(one.id, "labour-withheld-wages", "asked twice")
    store.set_ticked(two.id, "labour-withheld-wages", True)
    got = store.checklist(one.id)
    assert got is not None
    assert got.marks() == {
        "general-no-documents": (True, "Pase pie darba devēja"),
        "labour-withheld-wages": (False, "asked twice"),
    }
    assert got.ticked_count == 1
    other = store.checklist(two.id)
    assert other is not None and other.marks() == {"labour-withheld-wages": (True, "")}
    # Unticking keeps the note; clearing the note keeps the tick; both gone removes the row.
    after = store.set_ticked(one.id, "general-no-documents", False)
    assert after.marks()["general-no-documents"] == (False, "Pase pie darba devēja")
    after = store.set_indicator_note(one.id, "labour-withheld-wages", "  \n")
    assert "labour-withheld-wages" not in after.marks()
    rows = sqlite3.connect(store.path).execute("SELECT COUNT(*) FROM checklist_marks").fetchone()
    assert rows == (2,)


def test_reset_unticks_and_clears_one_checklist_only(store: UserStore) -> None:
    one = store.create_checklist("One")
    two = store.create_checklist("Two")
    for checklist in (one, two):
        store.set_ticked(checklist.id, "general-no-money", True)
        store.set_indicator_note(checklist.id, "general-no-money", "note")
    reset = store.reset_checklist(one.id)
    assert reset.name == "One" and reset.marks() == {}
    kept = store.checklist(two.id)
    assert kept is not None and kept.marks() == {"general-no-money": (True, "note")}


def test_an_indicator_the_pack_does_not_know_keeps_its_mark(tmp_path: Path) -> None:
    """The store never drops marks by indicator: a removed indicator keeps tick and note."""
    path = tmp_path / "u.sqlite3"
    with UserStore(path) as store:
        checklist = store.create_checklist("Case")
        store.set_ticked(checklist.id, "indicator-dropped-in-edition-2", True)
        store.set_indicator_note(checklist.id, "indicator-dropped-in-edition-2", "seen")
    with UserStore(path) as store:
        again = store.checklist(checklist.id)
        assert again is not None
        assert again.marks() == {"indicator-dropped-in-edition-2": (True, "seen")}


def test_changes_to_a_deleted_checklist_are_refused_clearly(store: UserStore) -> None:
    gone = store.create_checklist("Gone")
    store.delete_checklist(gone.id)
    with pytest.raises(UserDataError, match="checklist was not found"):
        store.set_ticked(gone.id, "general-no-money", True)
    with pytest.raises(UserDataError, match="checklist was not found"):
        store.rename_checklist(gone.id, "Back")
    with pytest.raises(UserDataError, match="indicator"):
        store.set_ticked(store.create_checklist("Here").id, "", True)


def test_deleting_a_checklist_deletes_its_marks(store: UserStore) -> None:
    checklist = store.create_checklist("Case")
    store.set_ticked(checklist.id, "general-no-money", True)
    store.delete_checklist(checklist.id)
    rows = sqlite3.connect(store.path).execute("SELECT COUNT(*) FROM checklist_marks").fetchone()
    assert rows == (0,)


def test_a_file_made_by_the_previous_version_opens_and_takes_checklists(tmp_path: Path) -> None:
    """tests/data/userdata/schema-v2.sqlite3 was written by the app before checklists."""
    path = tmp_path / "userdata.sqlite3"
    shutil.copy(V2_FILE, path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone() == (2,)
    with UserStore(path) as store:
        assert store.schema_version() == UserStore.SCHEMA_VERSION == 3
        assert store.open_report.recovered_from is None
        assert store.is_bookmarked("section", "intro")
        note = store.note("intro")
        assert note is not None and note.text == "Piezīme no versijas 2"
        [event] = store.own_events()
        assert event.uid == "v2@strom-reader" and event.yearly
        assert store.checklists() == []
        checklist = store.create_checklist("Case")
        store.set_ticked(checklist.id, "general-no-money", True)
    with UserStore(path) as store:
        again = store.checklist(checklist.id)
        assert again is not None and again.marks() == {"general-no-money": (True, "")}


def test_checklists_survive_json_export_and_import(tmp_path: Path, store: UserStore) -> None:
    case = store.create_checklist("Case 1")
    store.set_ticked(case.id, "general-no-documents", True)
    store.set_indicator_note(case.id, "general-no-documents", "Документы у работодателя")
    store.set_indicator_note(case.id, "old-indicator", "kept")
    store.create_checklist("Empty")
    target = tmp_path / "export.json"
    assert store.export_json(target) == 2
    raw = json.loads(target.read_text(encoding="utf-8"))
    assert raw["version"] == 2 and {c["name"] for c in raw["checklists"]} == {"Case 1", "Empty"}
    with UserStore(tmp_path / "fresh.sqlite3") as fresh:
        summary = fresh.import_json(target)
        assert (summary.added, summary.updated, summary.unchanged) == (2, 0, 0)
        assert fresh.checklists() == store.checklists()
        again = fresh.import_json(target)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
        assert fresh.checklists() == store.checklists()


def test_import_merges_a_checklist_mark_by_mark_and_the_newer_wins(
    tmp_path: Path, store: UserStore
) -> None:
    case = store.create_checklist("Case")
    store.set_ticked(case.id, "a", True)
    store.set_indicator_note(case.id, "b", "first")
    exported = tmp_path / "first.json"
    store.export_json(exported)
    with UserStore(tmp_path / "other.sqlite3") as other:
        other.import_json(exported)
        other.set_indicator_note(case.id, "b", "changed on the other PC")  # newer
        other.set_ticked(case.id, "c", True)  # new there
        other.rename_checklist(case.id, "Case, renamed")
        store.set_indicator_note(case.id, "a", "newer here")  # newest of all for "a"
        back = tmp_path / "back.json"
        other.export_json(back)
    summary = store.import_json(back)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 0)
    merged = store.checklist(case.id)
    assert merged is not None and merged.name == "Case, renamed"
    assert merged.marks() == {
        "a": (True, "newer here"),
        "b": (False, "changed on the other PC"),
        "c": (True, ""),
    }


def test_an_imported_checklist_with_a_name_in_use_gets_a_number(
    tmp_path: Path, store: UserStore
) -> None:
    store.create_checklist("Case 3")
    with UserStore(tmp_path / "other.sqlite3") as other:
        other.create_checklist("Case 3")
        other.export_json(tmp_path / "other.json")
    store.import_json(tmp_path / "other.json")
    assert [c.name for c in store.checklists()] == ["Case 3", "Case 3 (2)"]


def test_an_export_from_before_checklists_still_imports(tmp_path: Path, store: UserStore) -> None:
    old = tmp_path / "v1.json"
    old.write_text(
        json.dumps(
            {
                "format": "strom-reader-userdata",
                "version": 1,
                "bookmarks": [
                    {"kind": "section", "target_id": "intro", "created": "2025-01-01T00:00:00"}
                ],
            }
        ),
        encoding="utf-8",
    )
    assert store.import_json(old).added == 1
    assert store.checklists() == []


@pytest.mark.parametrize(
    ("checklist", "message"),
    [
        ({"name": "No id", "created": "2025-01-01T00:00:00", "renamed": "2025-01-01T00:00:00"},
         r"checklist 1 \('No id'\): 'id' is missing"),
        ({"id": "x", "name": " ", "created": "2025-01-01T00:00:00",
          "renamed": "2025-01-01T00:00:00"}, r"checklist 1: 'name' is empty"),
        ({"id": "x", "name": "Case", "created": "soon", "renamed": "2025-01-01T00:00:00"},
         r"'created' is not a valid date and time"),
        ({"id": "x", "name": "Case", "created": "2025-01-01T00:00:00",
          "renamed": "2025-01-01T00:00:00", "marks": [{"indicator_id": "a", "ticked": "yes",
                                                        "updated": "2025-01-01T00:00:00"}]},
         r"checklist 1 \('Case'\), mark 1: 'ticked' must be true or false"),
        ({"id": "x", "name": "Case", "created": "2025-01-01T00:00:00",
          "renamed": "2025-01-01T00:00:00", "marks": [{"ticked": True,
                                                        "updated": "2025-01-01T00:00:00"}]},
         r"mark 1: 'indicator_id' is missing"),
        ({"id": "x", "name": "Case", "created": "2025-01-01T00:00:00",
          "renamed": "2025-01-01T00:00:00", "marks": {"a": True}}, r"'marks' must be a list"),
    ],
)  # fmt: skip
def test_bad_checklists_in_an_import_are_named_and_change_nothing(
    tmp_path: Path, store: UserStore, checklist: dict[str, object], message: str
) -> None:
    store.create_checklist("Mine")
    bad = tmp_path / "bad.json"
    payload = {
        "format": "strom-reader-userdata",
        "version": 2,
        "bookmarks": [{"kind": "section", "target_id": "x", "created": "2025-01-01T00:00:00"}],
        "checklists": [checklist],
    }
    bad.write_text(json.dumps(payload), encoding="utf-8")
    before = store.checklists()
    with pytest.raises(UserDataError, match=message) as caught:
        store.import_json(bad)
    assert str(bad) in str(caught.value)
    assert store.checklists() == before and store.bookmarks() == []


def test_checklists_are_recovered_from_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "userdata.sqlite3"
    with UserStore(path) as store:
        for i in range(300):
            store.add_bookmark("section", f"section-{i:03d}")
        case = store.create_checklist("Case")
        store.set_ticked(case.id, "general-no-money", True)
        store.set_indicator_note(case.id, "general-no-money", "still readable")
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_bookmarks_1'"
    ).fetchall()
    conn.close()
    with path.open("r+b") as handle:  # destroy the bookmarks index, keep the tables
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    with UserStore(path) as store:
        assert store.open_report.recovered_from is not None
        assert "302 item(s) could be recovered" in store.open_report.message
        again = store.checklist(case.id)
        assert again is not None and again.name == "Case"
        assert again.marks() == {"general-no-money": (True, "still readable")}


@pytest.mark.parametrize("fault", ["read-only file", "locked database"])
def test_a_refused_change_raises_and_leaves_the_checklist_as_it_was(
    store: UserStore, fault: str
) -> None:
    case = store.create_checklist("Case")
    store.set_ticked(case.id, "a", True)
    faults = {"read-only file": injection.read_only_file, "locked database": injection.locked}
    with faults[fault](store):
        for change in (
            lambda: store.set_ticked(case.id, "b", True),
            lambda: store.set_indicator_note(case.id, "a", "typed"),
            lambda: store.rename_checklist(case.id, "New"),
            lambda: store.reset_checklist(case.id),
            lambda: store.delete_checklist(case.id),
            lambda: store.create_checklist("Another"),
        ):
            with pytest.raises(UserDataError, match=str(store.path)):
                change()
    [kept] = store.checklists()
    assert kept.name == "Case" and kept.marks() == {"a": (True, "")}
    assert store.set_ticked(case.id, "b", True).marks()["b"] == (True, "")  # works again


def test_a_read_only_file_at_start_shows_checklists_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "userdata.sqlite3"
    with UserStore(path) as store:
        case = store.create_checklist("Case")
        store.set_ticked(case.id, "a", True)
    before = folder_state(folder)
    if not injection.make_unwritable(path):
        pytest.skip("this machine can make nothing read-only for the test user")
    try:
        try:
            store = UserStore(path)
        except UserDataError as exc:  # some systems refuse to open it at all: also safe
            assert str(path) in str(exc)
        else:
            with store:
                [kept] = store.checklists()
                assert kept.marks() == {"a": (True, "")}
                with pytest.raises(UserDataError):
                    store.set_ticked(case.id, "b", True)
    finally:
        injection.make_writable(path)
    after = folder_state(folder)
    assert after.get("userdata.sqlite3") == before["userdata.sqlite3"]
