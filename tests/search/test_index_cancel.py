"""A build of the real, full pack can be cancelled; the index in place is then left untouched.

The index in place is the mini pack's (quick to build); the cancelled build is of the full pack
into the same folder, so "untouched" means it still holds exactly the mini pack's index.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.search.index as index_module
from reader.content import load_pack
from reader.content.model import Pack
from reader.search.documents import SearchDoc
from reader.search.engine import SearchEngine
from reader.search.index import BuildCancelled, build_index, check_index
from tests.conftest import MINI_PACK

WAIT_S = 60  # generous bounds for a loaded machine; none of them is a measurement


@pytest.fixture
def previous_index(tmp_path: Path) -> tuple[Pack, Path]:
    mini = load_pack(MINI_PACK)
    return mini, build_index(mini, tmp_path / "cache" / "index" / "handbook")


def assert_untouched(previous: tuple[Pack, Path]) -> None:
    mini, folder = previous
    assert check_index(folder, mini).ok
    engine = SearchEngine(mini, folder)
    try:
        assert engine.search("helpline", ["en"], prefix_last=False).total == 1
    finally:
        engine.close()
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no staging left


def test_cancel_between_languages(default_pack: Path, previous_index: tuple[Pack, Path]) -> None:
    full = load_pack(default_pack)
    assert len(full.languages) > 2
    cancel = threading.Event()
    started: list[str] = []

    def progress(done: int, total: int, lang: str) -> None:
        started.append(lang)
        if done == 1:  # the first language is complete, the second about to start
            cancel.set()

    with pytest.raises(BuildCancelled):
        build_index(full, previous_index[1], progress, cancel=cancel.is_set)
    assert started == full.languages[:2]  # no language after the cancel was started
    assert_untouched(previous_index)


def test_cancel_between_documents_from_another_thread(
    default_pack: Path, previous_index: tuple[Pack, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As at shutdown: the window's thread sets the flag while the worker is indexing."""
    full = load_pack(default_pack)
    cancel = threading.Event()
    indexing = threading.Event()
    after_cancel: list[str] = []
    real_documents = index_module.documents

    def documents(pack: Pack, lang: str) -> Iterator[SearchDoc]:
        for number, doc in enumerate(real_documents(pack, lang)):
            if number == 5:
                indexing.set()
                assert cancel.wait(WAIT_S)
            if cancel.is_set():
                after_cancel.append(doc.key)
            yield doc

    monkeypatch.setattr(index_module, "documents", documents)
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            build_index(full, previous_index[1], cancel=cancel.is_set)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    assert indexing.wait(WAIT_S)
    cancel.set()
    worker.join(WAIT_S)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], BuildCancelled)
    assert len(after_cancel) <= 1  # checked before every document
    assert_untouched(previous_index)


def test_a_progress_callback_may_cancel_too(
    default_pack: Path, previous_index: tuple[Pack, Path]
) -> None:
    def progress(done: int, total: int, lang: str) -> None:
        raise BuildCancelled

    with pytest.raises(BuildCancelled):
        build_index(load_pack(default_pack), previous_index[1], progress)
    assert_untouched(previous_index)
