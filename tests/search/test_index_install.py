"""Installing an index (the shipped copy or a build) never leaves the user without one.

The previous index is the one built from an older edition of the pack: stale, but complete and
searchable. A failure at any step of an install must leave it in place and working.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from reader.content import load_pack
from reader.content.model import Pack
from reader.search.engine import SearchEngine
from reader.search.index import build_index, check_index, pack_hash
from reader.search.manager import IndexManager

NEW_WORD = "zyxquarterly"


def hits(pack: Pack, folder: Path, text: str) -> int:
    engine = SearchEngine(pack, folder)
    try:
        return engine.search(text, ["en"], prefix_last=False).total
    finally:
        engine.close()


def leftovers(folder: Path) -> list[str]:
    """Anything beside the index folder: staging copies, a moved-aside old index."""
    return sorted(p.name for p in folder.parent.iterdir() if p != folder)


class Editions(NamedTuple):
    old_pack: Pack
    old_hash: str  # the old edition's files are overwritten, so its hash is kept
    new_pack: Pack
    manager: IndexManager  # for the new edition, with a shipped index of it
    shipped: Path


@pytest.fixture
def editions(mini_pack: Path, tmp_path: Path) -> Editions:
    """An index of the old edition in the cache, and a shipped index of the new one."""
    old_pack = load_pack(mini_pack)
    old_hash = pack_hash(old_pack)
    cache = tmp_path / "cache"
    assert IndexManager(old_pack, cache, shipped=tmp_path / "none").build().ok
    intro = mini_pack / "en" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + f"\nThe {NEW_WORD} report.\n", "utf-8")
    new_pack = load_pack(mini_pack)
    shipped = build_index(new_pack, tmp_path / "install" / "index")
    manager = IndexManager(new_pack, cache, shipped=shipped)
    assert manager.status().state == "stale"
    return Editions(old_pack, old_hash, new_pack, manager, shipped)


def assert_previous_index_intact(editions: Editions) -> None:
    folder = editions.manager.folder
    assert check_index(folder, editions.old_pack, editions.old_hash).ok
    assert hits(editions.old_pack, folder, "helpline") == 1
    assert hits(editions.old_pack, folder, NEW_WORD) == 0
    assert leftovers(folder) == []


def copytree_failing_after(count: int) -> Callable[..., Any]:
    """shutil.copytree whose ``count + 1``-th file copy fails: the disk fills up midway."""
    real_copytree = shutil.copytree
    copied: list[str] = []

    def copy(source: str, target: str) -> Any:
        if len(copied) == count:
            raise OSError(errno.ENOSPC, "No space left on device", target)
        copied.append(source)
        return shutil.copy2(source, target)

    def copytree(  # the signature of shutil.copytree, which calls itself for subfolders
        src: Any,
        dst: Any,
        symlinks: bool = False,
        ignore: Any = None,
        copy_function: Any = None,
        ignore_dangling_symlinks: bool = False,
        dirs_exist_ok: bool = False,
    ) -> Any:
        return real_copytree(
            src, dst, symlinks, ignore, copy, ignore_dangling_symlinks, dirs_exist_ok
        )

    return copytree


def rename_failing_for_staging(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving a finished copy into place fails (e.g. a virus scanner holds a file)."""
    real_rename = Path.rename

    def rename(self: Path, target: Any) -> Path:
        if self.name.startswith(".index-"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)


def test_a_copy_failing_midway_keeps_the_previous_index(
    editions: Editions, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager, new_pack = editions.manager, editions.new_pack
    with monkeypatch.context() as patch:
        patch.setattr(shutil, "copytree", copytree_failing_after(3))
        status = manager.prepare()  # falls back to "needs a build", does not raise
    assert status.state == "stale"
    assert_previous_index_intact(editions)
    assert manager.prepare().ok  # the next start installs it
    assert hits(new_pack, manager.folder, NEW_WORD) == 1
    assert leftovers(manager.folder) == []


def test_a_failing_swap_rolls_back_to_the_previous_index(
    editions: Editions, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager, new_pack = editions.manager, editions.new_pack
    with monkeypatch.context() as patch:
        rename_failing_for_staging(patch)
        assert manager.prepare().state == "stale"
    assert_previous_index_intact(editions)
    assert manager.prepare().ok
    assert hits(new_pack, manager.folder, NEW_WORD) == 1


def test_a_failing_swap_after_a_build_rolls_back_too(
    editions: Editions, monkeypatch: pytest.MonkeyPatch
) -> None:
    manager = editions.manager
    with monkeypatch.context() as patch:
        rename_failing_for_staging(patch)
        with pytest.raises(PermissionError):
            manager.build()
    assert_previous_index_intact(editions)
    assert manager.build().ok


def test_an_install_cut_off_between_the_renames_is_undone_at_the_next_start(
    editions: Editions,
) -> None:
    """A crash after the old index was moved aside, before the new one was moved in."""
    manager = editions.manager
    manager.folder.rename(manager.folder.with_name(manager.folder.name + ".old"))
    shutil.rmtree(editions.shipped)  # nothing to install: what is there must be the old index
    assert manager.prepare().state == "stale"
    assert_previous_index_intact(editions)
