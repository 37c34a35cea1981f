"""The bundle's index shipped as one zip: unpacked into the cache at first start, or built."""

from __future__ import annotations

from pathlib import Path

from reader.content import load_pack
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from reader.search.manager import IndexManager
from reader.search.shipped_archive import archive_of, write_index_archive


def shipped_zip(mini_pack: Path, tmp_path: Path) -> Path:
    """The layout of the bundle: ``_data/index.zip`` and no ``_data/index`` folder."""
    pack = load_pack(mini_pack)
    built = build_index(pack, tmp_path / "built" / "index")
    shipped = tmp_path / "_data" / "index"
    write_index_archive(built, archive_of(shipped))
    assert not shipped.exists() and archive_of(shipped).is_file()
    return shipped


def test_a_zipped_shipped_index_is_unpacked_into_the_cache(mini_pack: Path, tmp_path: Path) -> None:
    shipped = shipped_zip(mini_pack, tmp_path)
    pack = load_pack(mini_pack)
    manager = IndexManager(pack, tmp_path / "cache", shipped=shipped)
    assert manager.status().state == "missing"
    assert manager.prepare().ok  # no build: the zip was enough
    engine = SearchEngine(pack, manager.folder)
    try:
        assert engine.search("trafficking", ["en"]).total > 0
    finally:
        engine.close()
    assert sorted(p.name for p in manager.folder.parent.iterdir()) == [manager.folder.name]


def test_a_damaged_zip_means_a_build_not_a_failure(mini_pack: Path, tmp_path: Path) -> None:
    shipped = shipped_zip(mini_pack, tmp_path)
    archive = archive_of(shipped)
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    pack = load_pack(mini_pack)
    manager = IndexManager(pack, tmp_path / "cache", shipped=shipped)
    assert manager.prepare().state == "missing"  # nothing half-unpacked is left as the index
    assert [p for p in (tmp_path / "cache").rglob(".index-*")] == []
    assert manager.build().ok


def test_a_zip_of_other_content_is_not_used(mini_pack: Path, tmp_path: Path) -> None:
    shipped = shipped_zip(mini_pack, tmp_path)
    intro = mini_pack / "en" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    manager = IndexManager(load_pack(mini_pack), tmp_path / "cache", shipped=shipped)
    assert not manager.prepare().ok
