"""Closing the app while the index is being built: stop() cancels the build instead of waiting."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.search.manager import index_folder
from reader.ui.search_service import SearchService

STOP_BOUND_S = 3.0  # a bound, not a benchmark: the whole build of the full pack takes longer


def test_stop_during_a_rebuild_cancels_it(qtbot: QtBot, default_pack: Path, tmp_path: Path) -> None:
    pack = load_pack(default_pack)
    cache = tmp_path / "cache"
    service = SearchService(pack, cache, shipped=tmp_path / "no-shipped-index")
    reported: list[int] = []
    service.ready.connect(lambda ok, _message: reported.append(ok))
    with qtbot.waitSignal(service.progress, timeout=30_000):
        service.rebuild()
    started = time.monotonic()
    service.stop()
    elapsed = time.monotonic() - started
    assert service.worker_thread.isFinished()
    assert elapsed < STOP_BOUND_S, f"stop() took {elapsed:.1f} s"
    QCoreApplication.processEvents()  # deliver whatever the finished worker still queued
    assert reported == []  # a cancelled build is no failure to show in a closing window
    folder = index_folder(pack, cache)
    assert not folder.exists()  # nothing half-built was switched in
    assert list(folder.parent.iterdir()) == []  # and the staging folder is gone
