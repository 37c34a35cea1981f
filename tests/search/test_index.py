from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.content import load_pack
from reader.search.index import META_FILE, build_index, check_index
from reader.search.manager import IndexManager


def test_fresh_index_is_ok_and_changes_make_it_stale(mini_pack: Path, tmp_path: Path) -> None:
    pack = load_pack(mini_pack)
    folder = build_index(pack, tmp_path / "index")
    assert check_index(folder, pack).ok
    (mini_pack / "en" / "intro.md").write_text(
        (mini_pack / "en" / "intro.md").read_text(encoding="utf-8") + "\nMore.\n", "utf-8"
    )
    assert check_index(folder, load_pack(mini_pack)).state == "stale"


def test_truncated_segment_is_detected_and_rebuilt(mini_pack: Path, tmp_path: Path) -> None:
    pack = load_pack(mini_pack)
    manager = IndexManager(pack, tmp_path / "cache", shipped=tmp_path / "none")
    assert manager.prepare().state == "missing"
    assert manager.build().ok
    segment = max((manager.folder / "lv").glob("*.seg"), key=lambda p: p.stat().st_size)
    with segment.open("r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)
    status = manager.prepare()
    assert status.state == "damaged" and segment.name in status.message
    assert manager.build().ok


def test_missing_meta_and_garbage_meta(mini_pack: Path, tmp_path: Path) -> None:
    pack = load_pack(mini_pack)
    folder = build_index(pack, tmp_path / "index")
    (folder / META_FILE).write_text("{not json", encoding="utf-8")
    assert check_index(folder, pack).state == "damaged"
    (folder / META_FILE).unlink()
    assert check_index(folder, pack).state == "missing"


def test_shipped_index_is_copied_to_the_cache_not_used_in_place(
    mini_pack: Path, tmp_path: Path
) -> None:
    pack = load_pack(mini_pack)
    shipped = build_index(pack, tmp_path / "install" / "index")
    before = {p: p.stat().st_mtime_ns for p in shipped.rglob("*")}
    manager = IndexManager(pack, tmp_path / "cache", shipped=shipped)
    assert manager.prepare().ok
    assert manager.folder.is_relative_to(tmp_path / "cache")
    assert {p: p.stat().st_mtime_ns for p in shipped.rglob("*")} == before
    assert not list(shipped.parent.glob(".index-*"))


def test_a_stale_shipped_index_is_not_installed(mini_pack: Path, tmp_path: Path) -> None:
    shipped = build_index(load_pack(mini_pack), tmp_path / "install" / "index")
    shutil.rmtree(mini_pack / "lv")
    text = (mini_pack / "manifest.toml").read_text(encoding="utf-8")
    (mini_pack / "manifest.toml").write_text(text.replace('"en", "lv"', '"en"'), "utf-8")
    manager = IndexManager(load_pack(mini_pack), tmp_path / "cache", shipped=shipped)
    assert manager.prepare().state == "missing"


def test_parallel_build_makes_the_same_searchable_index(mini_pack: Path, tmp_path: Path) -> None:
    from reader.search.engine import SearchEngine

    pack = load_pack(mini_pack)
    steps: list[tuple[int, int, str]] = []
    folder = build_index(pack, tmp_path / "index", lambda *step: steps.append(step), workers=2)
    assert check_index(folder, pack).ok
    assert sorted(lang for _done, _total, lang in steps if lang) == sorted(pack.languages)
    serial = build_index(pack, tmp_path / "serial")
    engines = [SearchEngine(pack, folder), SearchEngine(pack, serial)]
    try:
        found = [[h.key for h in e.search("victims", ["en", "lv"]).hits] for e in engines]
        assert found[0] and found[0] == found[1]
    finally:
        for engine in engines:
            engine.close()


def test_cancelled_parallel_build_leaves_no_index(mini_pack: Path, tmp_path: Path) -> None:
    from reader.search.index import BuildCancelled

    pack = load_pack(mini_pack)
    with pytest.raises(BuildCancelled):
        build_index(pack, tmp_path / "index", cancel=lambda: True, workers=2)
    assert not (tmp_path / "index").exists() and not list(tmp_path.glob(".index-*"))


def test_a_bundle_builds_in_one_process_whatever_it_is_asked(
    mini_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundle leaves out PyInstaller's multiprocessing hook: it must never start workers.
    from reader.search import index

    def no_processes(*_args: object) -> None:
        raise AssertionError("a frozen build started worker processes")

    monkeypatch.setattr(index, "index_in_processes", no_processes)
    monkeypatch.setattr(index.sys, "frozen", True, raising=False)
    folder = build_index(load_pack(mini_pack), tmp_path / "index", workers=4)
    assert check_index(folder, load_pack(mini_pack)).state == "ok"
