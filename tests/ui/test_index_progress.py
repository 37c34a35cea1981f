"""The status bar's index progress shows only when preparing the index takes a while."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.ui.window import searching
from tests.ui.conftest import Launcher


def test_a_quick_preparation_shows_no_progress_bar_a_long_one_does(
    launch: Launcher, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch()
    now = [100.0]
    monkeypatch.setattr(searching, "clock", lambda: now[0])
    window._index_work_since = None
    window._on_index_progress(0, 12, "en")  # a shipped index being copied: quick
    now[0] += 0.3
    window._on_index_progress(12, 12, "")
    assert window.index_progress.isHidden()  # no "0%" flash at every start
    window._on_search_ready(1, "")
    window._on_index_progress(0, 12, "en")  # a real build, language after language
    now[0] += searching.PROGRESS_AFTER_S + 0.1
    window._on_index_progress(3, 12, "de")
    assert not window.index_progress.isHidden()
    assert window.index_progress.value() == 3
    window._on_search_ready(1, "")
    assert window.index_progress.isHidden()
