"""What changed between two editions: real pack copies edited in tmp_path, a real UserStore."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.content import load_pack
from reader.content.changes import (
    PackChanges,
    SnapshotError,
    changes_between,
    changes_since_seen,
    compare,
    identity_of,
    last_changes,
    load_snapshot,
    orphans,
    pack_identity,
    save_snapshot,
    snapshot_of,
    word_diff,
)
from reader.userdata import UserStore


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _drop_section(path: Path, section_id: str) -> None:
    """Remove one ``## ... {#id}`` section (up to the next ``##`` heading) from a chapter file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if f"{{#{section_id}}}" in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.fixture
def editions(tmp_path: Path, default_pack: Path) -> tuple[Path, Path]:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(default_pack, old)
    shutil.copytree(default_pack, new)
    for lang in ("en", "de"):
        chapter = new / lang / "principles.md"
        _drop_section(chapter, "principles-child")
        with chapter.open("a", encoding="utf-8") as stream:
            stream.write("\n## Brand new part {#principles-new}\n\nA fresh paragraph.\n")
    _replace(
        new / "en" / "principles.md",
        "must protect the person, not only solve a case.",
        "must always protect the person first.",
    )
    _replace(new / "de" / "principles.md", "Menschen", "Personen")
    _replace(new / "manifest.toml", 'edition = "1.0"', 'edition = "1.1"')
    return old, new


def test_sections_added_removed_changed_in_two_languages(editions: tuple[Path, Path]) -> None:
    changes = changes_between(*editions)
    assert (changes.old_edition, changes.new_edition) == ("1.0", "1.1")
    assert changes.old_identity != changes.new_identity
    for lang in ("en", "de"):
        lang_changes = changes.languages[lang]
        assert [s.id for s in lang_changes.added] == ["principles-new"]
        assert [s.id for s in lang_changes.removed] == ["principles-child"]
        assert [c.section.id for c in lang_changes.changed] == ["principles"]
    assert changes.languages["fi"].count == 0
    assert not changes.empty
    diff = changes.languages["en"].changed[0].diff
    deleted = "".join(p.text for p in diff if p.kind == "delete")
    inserted = "".join(p.text for p in diff if p.kind == "insert")
    assert "not only solve a case" in deleted
    assert "always" in inserted and "first" in inserted
    assert "#" not in deleted + inserted and "**" not in inserted


def test_same_pack_has_no_changes(default_pack: Path) -> None:
    changes = changes_between(default_pack, default_pack)
    assert changes.empty
    assert changes.old_identity == changes.new_identity


def test_word_diff_rebuilds_both_texts() -> None:
    old, new = "The cat sat on the mat.", "The black cat sat on a mat today."
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.kind != "insert") == old
    assert "".join(p.text for p in parts if p.kind != "delete") == new
    assert [p.text for p in parts if p.kind == "insert"] == [" black", "a", " today"]
    assert [p.text for p in parts if p.kind == "delete"] == ["the"]


def test_snapshot_round_trip_gives_the_same_comparison(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = editions
    path = tmp_path / "cache" / "snapshot.json"
    save_snapshot(snapshot_of(load_pack(old)), path)
    shutil.rmtree(old)  # the old folder is gone: the snapshot must be enough
    changes = compare(load_snapshot(path), snapshot_of(load_pack(new)))
    assert [s.id for s in changes.languages["en"].removed] == ["principles-child"]
    assert identity_of(load_snapshot(path)) == changes.old_identity


def test_no_edition_name_falls_back_to_the_text_hash(mini_pack: Path, tmp_path: Path) -> None:
    snapshot = snapshot_of(load_pack(mini_pack))
    snapshot["edition"] = ""
    changes = compare(snapshot, snapshot)
    assert changes.old_edition == snapshot["text_hash"][:12]


def test_damaged_snapshot_says_which_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "snap.json"
    path.write_text('{"format": 1,\n "languages": [', encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"snap\.json:2: the snapshot is damaged"):
        load_snapshot(path)
    path.write_text(json.dumps({"format": 1, "languages": {"en": []}}), encoding="utf-8")
    with pytest.raises(SnapshotError, match="languages are not in the expected form"):
        load_snapshot(path)


def test_orphaned_bookmarks_and_notes_are_listed_and_kept(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    _old, new = editions
    for chapter in new.glob("*/principles.md"):
        if "{#principles-child}" in chapter.read_text(encoding="utf-8"):
            _drop_section(chapter, "principles-child")
    store = UserStore(tmp_path / "user.sqlite")
    store.add_bookmark("section", "principles-child")
    store.add_bookmark("section", "principles")
    store.set_note("principles-child", "Ask the child protection office first.")
    store.set_note("principles", "Still here.")
    found = orphans(store, load_pack(new))
    assert [b.target_id for b in found.bookmarks] == ["principles-child"]
    assert [n.text for n in found.notes] == ["Ask the child protection office first."]
    assert found.count == 2
    assert store.is_bookmarked("section", "principles-child")
    note = store.note("principles-child")
    assert note is not None and note.text.startswith("Ask the child")


def test_changes_are_offered_once_after_a_new_edition(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    from reader.settings import SettingsStore

    old, new = editions
    snapshot = tmp_path / "cache" / "last-seen-edition.json"
    settings_store = SettingsStore(tmp_path / "config" / "settings.json")

    def start(pack_dir: Path) -> object:
        settings = settings_store.load()
        changes, seen = changes_since_seen(
            load_pack(pack_dir), snapshot, settings.seen_pack_identity
        )
        settings.seen_pack_identity = seen
        settings_store.save(settings)
        return changes

    assert start(old) is None  # first start ever: nothing to compare with
    assert start(old) is None
    shutil.rmtree(old)  # replaced by a program update
    changes = start(new)
    assert isinstance(changes, PackChanges)
    assert [s.id for s in changes.languages["en"].added] == ["principles-new"]
    assert start(new) is None  # shown once, not again


def test_pack_identity_matches_the_snapshot_without_rendering(editions: tuple[Path, Path]) -> None:
    old, new = (load_pack(p) for p in editions)
    assert pack_identity(old) == identity_of(snapshot_of(old))
    assert pack_identity(old) != pack_identity(new)


def test_the_replaced_snapshot_is_kept_for_the_help_menu(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = editions
    seen = tmp_path / "cache" / "last-seen-edition.json"
    previous = tmp_path / "cache" / "previous-edition.json"
    _changes, identity = changes_since_seen(load_pack(old), seen, "", previous)
    assert not previous.exists() and last_changes(previous, seen) is None
    _changes, identity = changes_since_seen(load_pack(old), seen, identity, previous)
    assert not previous.exists()  # the same edition again: nothing replaced
    first, identity = changes_since_seen(load_pack(new), seen, identity, previous)
    assert first is not None and previous.is_file()
    again = last_changes(previous, seen)
    assert again is not None
    assert [s.id for s in again.languages["de"].removed] == ["principles-child"]
    assert again.old_identity == first.old_identity and again.new_identity == identity
    none, _identity = changes_since_seen(load_pack(new), seen, identity, previous)
    assert none is None and last_changes(previous, seen) is not None  # still there


def test_a_damaged_snapshot_is_replaced_and_reported(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = editions
    seen = tmp_path / "last-seen-edition.json"
    _changes, identity = changes_since_seen(load_pack(old), seen, "")
    seen.write_text('{"format": 1,', encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"last-seen-edition\.json:1: the snapshot is damaged"):
        changes_since_seen(load_pack(new), seen, identity)
    assert identity_of(load_snapshot(seen)) == pack_identity(load_pack(new))
