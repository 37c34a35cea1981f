from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.content import load_pack
from reader.search.engine import SearchResults
from reader.search.index import build_index
from reader.ui.app import Application
from reader.ui.main_window import MainWindow
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher


def ready(qtbot: QtBot, app: Application) -> None:
    assert app.search is not None
    qtbot.waitUntil(lambda: app.search is not None and app.search.is_ready, timeout=30_000)


def type_query(qtbot: QtBot, app: Application, window: MainWindow, text: str) -> None:
    assert app.search is not None
    with qtbot.waitSignal(app.search.results, timeout=10_000):
        window.search_panel.field.setText(text)
    qtbot.waitUntil(lambda: window.search_panel.count_label.text() != "")


def test_ctrl_k_searches_as_you_type_and_enter_opens(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.field.hasFocus()
    with qtbot.waitSignal(app.search.results, timeout=10_000):  # type: ignore[union-attr]
        qtbot.keyClicks(window.search_panel.field, "docum")
    qtbot.waitUntil(lambda: window.search_panel.results.topLevelItemCount() > 0)
    assert window.search_panel.count_label.text() == "2 results"
    qtbot.keyClick(window.search_panel.field, Qt.Key.Key_Down)
    assert window.search_panel.results.hasFocus()
    with qtbot.waitSignal(window.sectionOpened) as opened:
        qtbot.keyClick(window.search_panel.results, Qt.Key.Key_Return)
    assert opened.args == ["signs-general", "en"]
    assert window.view.match_count == 1  # "documents" in the checklist


def test_hits_are_highlighted_and_f3_steps_through_them(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    type_query(qtbot, app, window, "signs")
    item = window.search_panel.first_hit_item()
    assert item is not None
    window.search_panel.results.itemActivated.emit(item, 0)
    count = window.view.match_count
    assert count >= 2
    first = window.view.current_match
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.view.current_match == (first + 1) % count
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_match == first


def test_result_count_plural_and_did_you_mean(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    type_query(qtbot, app, window, "helpline ")
    assert window.search_panel.count_label.text() == "1 result"
    type_query(qtbot, app, window, "helpine ")
    assert window.search_panel.count_label.text() == "0 results"
    assert "helpline" in window.search_panel.suggestion_label.text()
    with qtbot.waitSignal(app.search.results, timeout=10_000):  # type: ignore[union-attr]
        window.search_panel.suggestion_label.linkActivated.emit("helpline")
    assert window.search_panel.field.text() == "helpline"


def test_indicator_filter_and_hit_in_another_language(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    window.search_panel.kind_box.setCurrentIndex(window.search_panel.kind_box.findData("indicator"))
    window.search_panel.scope_box.setCurrentIndex(window.search_panel.scope_box.findData("all"))
    type_query(qtbot, app, window, "dokumentu ")
    item = window.search_panel.first_hit_item()
    assert item is not None
    hit = item.data(0, Qt.ItemDataRole.UserRole)
    assert (hit.kind, hit.lang) == ("indicator", "lv")
    window.open_hit(hit)
    assert window.content_language == "lv"
    assert window.language_notice.isVisible()
    assert "Show this section in English" in window.language_notice.text()
    window.language_notice.linkActivated.emit("section:signs-general?lang=en")
    assert (window.content_language, window.current_section) == ("en", "signs-general")


def test_stale_results_are_ignored(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    assert app.search is not None
    app.search.search("victims", ["en"])
    latest = app.search.search("helpline", ["en"])
    window._on_search_results(latest - 1, SearchResults(query="victims", hits=[]))
    assert window.search_panel.count_label.text() == ""
    with qtbot.waitSignal(app.search.results, check_params_cb=lambda n, _r: n == latest):
        pass
    qtbot.waitUntil(lambda: window.search_panel.count_label.text() == "1 result")


def test_damaged_index_is_rebuilt_with_progress(
    launch: Launcher, qtbot: QtBot, isolated_home: Path
) -> None:
    pack = load_pack(MINI_PACK)
    folder = build_index(pack, isolated_home / "cache" / "index" / "mini")
    segment = next((folder / "en").glob("*.seg"))
    segment.write_bytes(segment.read_bytes()[:10])
    app, window = launch()
    assert app.search is not None
    if not app.search.is_ready:
        with qtbot.waitSignal(app.search.ready, timeout=30_000) as signal:
            pass
        assert signal.args[0] == 1
    assert app.search.worker.manager.status().ok
    type_query(qtbot, app, window, "helpline ")
    assert window.search_panel.count_label.text() == "1 result"


def test_rebuild_from_the_menu_keeps_search_working(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    ready(qtbot, app)
    assert app.search is not None
    with qtbot.waitSignal(app.search.ready, timeout=30_000) as signal:
        window.rebuild_index_action.trigger()
    assert signal.args[0] == 1
    type_query(qtbot, app, window, "helpline ")
    assert window.search_panel.count_label.text() == "1 result"
