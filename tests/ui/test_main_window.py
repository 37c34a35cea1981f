from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader import i18n
from reader.ui.about_dialog import about_text
from tests.ui.conftest import Launcher


def test_first_start_shows_the_start_page_then_the_section_read_last(launch: Launcher) -> None:
    _app, window = launch()
    assert window.current_section == "home"  # a first start says what the handbook is
    assert "Introduction" in window.view.toPlainText()  # among the chapter cards
    window.open_section("intro")
    window.close()
    _app2, window = launch()
    assert window.current_section == "intro"
    assert "Introduction" in window.view.toPlainText()
    assert window.toc.topLevelItemCount() == 2
    assert window.toc.section_ids()[:3] == ["intro", "intro-who", "intro-what"]


def test_toc_click_opens_section(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    item = window.toc.topLevelItem(1).child(0)
    with qtbot.waitSignal(window.sectionOpened) as blocker:
        window.toc.itemClicked.emit(item, 0)
    assert blocker.args == ["signs-general", "en"]
    text = window.view.toPlainText()
    assert "General signs" in text
    assert "The person does not hold their own identity documents." in text


def test_switching_language_stays_on_section(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.open_section("intro-who")
    with qtbot.waitSignal(window.sectionOpened) as blocker:
        window.language_box.setCurrentIndex(window.language_box.findData("lv"))
    assert blocker.args == ["intro-who", "lv"]
    assert "Kas satiek cietušos" in window.view.toPlainText()
    assert window.toc.currentItem().text(0) == "Kas satiek cietušos"
    assert not window.history.can_go_back() or window.history.entries()[-1] == "intro-who"


def test_internal_link_history_and_mouse_buttons(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.open_section("intro-who")
    window.view.linkActivated.emit(QUrl("section:signs-general"))
    assert window.current_section == "signs-general"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_section == "intro-who"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_section == "signs-general"
    viewport = window.view.viewport()
    for button, expected in (
        (Qt.MouseButton.BackButton, "intro-who"),
        (Qt.MouseButton.ForwardButton, "signs-general"),
    ):
        event = QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(5, 5),
            QPointF(5, 5),
            button,
            button,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)
        assert window.current_section == expected


def test_previous_and_next_section(launch: Launcher) -> None:
    _app, window = launch()
    window.open_section("intro-what")
    window.next_action.trigger()
    assert window.current_section == "signs"
    window.previous_action.trigger()
    window.previous_action.trigger()
    assert window.current_section == "intro-who"
    window.open_section("signs-labour")
    assert not window.next_action.isEnabled()


def test_zoom_is_remembered_across_restart(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.open_section("signs-labour")
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom_percent == 120
    window.set_content_language("lv")
    window.close()
    _app2, again = launch(ui_language=None)
    assert again.zoom_percent == 120
    assert again.current_section == "signs-labour"
    assert again.content_language == "lv"
    qtbot.keyClick(again, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.zoom_percent == 100


def test_find_in_page_counts_and_steps(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.open_section("intro-who")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible() and window.find_bar.field.hasFocus()
    qtbot.keyClicks(window.find_bar.field, "victims")
    assert window.view.match_count == 2  # the heading and the text
    window.find_bar.field.clear()
    qtbot.keyClicks(window.find_bar.field, "s")
    count = window.view.match_count
    assert count > 3
    assert window.find_bar.count_label.text() == f"1 of {count} matches"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.view.current_match == 1
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_match == 0
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and window.view.extraSelections() == []


def test_copy_link_and_open_it(launch: Launcher) -> None:
    _app, window = launch()
    window.open_section("signs-labour", "lv")
    assert window.copy_link() == "strom:lv/signs-labour"
    assert QGuiApplication.clipboard().text() == "strom:lv/signs-labour"
    window.close()
    _app2, again = launch(open_section="strom:en/intro-what")
    assert (again.current_section, again.content_language) == ("intro-what", "en")


def test_external_link_is_never_opened(launch: Launcher) -> None:
    _app, window = launch()
    window.open_section("intro")
    window.view.linkActivated.emit(QUrl("https://example.org/help"))
    assert window.current_section == "intro"
    assert QGuiApplication.clipboard().text() == "https://example.org/help"
    assert "not opened" in window.statusBar().currentMessage()


def test_missing_section_shows_notice_with_link(launch: Launcher, mini_pack: Path) -> None:
    path = mini_pack / "lv" / "signs.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## Darbs")], encoding="utf-8")
    _app, window = launch(pack=mini_pack, content_language="lv", open_section="signs-labour")
    assert "This section is not available in Latvian." in window.view.toPlainText()
    window.view.linkActivated.emit(QUrl("section:signs-labour?lang=en"))
    assert window.content_language == "en"
    assert "Forced labour has its own signs." in window.view.toPlainText()


def test_broken_pack_still_opens_with_what_is_valid(launch: Launcher) -> None:
    from tests.conftest import BROKEN_PACK

    _app, window = launch(pack=BROKEN_PACK, content_language="lv", open_section="signs-general")
    assert "Vispārējās pazīmes" in window.view.toPlainText()
    assert window.problem_label.text() == "4 problems in the content"
    window.open_section("intro-who")
    assert "not available in Latvian" in window.view.toPlainText()


def test_about_names_pack_and_edition(launch: Launcher) -> None:
    app, _window = launch()
    text = about_text(app.pack, "en")
    assert "Mini handbook" in text and "Edition 0.1, January 15, 2026" in text


def test_ui_language_change_rebuilds_window_on_same_section(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    window.open_section("intro-what")
    window.uiLanguageChangeRequested.emit("lv")
    new = app.window
    assert new is not None and new is not window
    qtbot.addWidget(new)
    assert new.back_action.text() == "Atpakaļ"
    assert new.current_section == "intro-what"
    assert app.settings.ui_language == "lv"
    new.close()


@pytest.mark.parametrize("lang", [code for code in i18n.UI_LANGUAGES if code != "en"])
def test_window_opens_in_every_interface_language(launch: Launcher, lang: str) -> None:
    """Every catalog loads, and the window's commands, panels and dialogs use it."""
    _app, window = launch(ui_language=lang)
    assert i18n.current_language() == lang
    english = {"Back", "Search…", "Calendar", "Bookmarks", "Contents"}
    shown = {
        window.back_action.text(),
        window.search_action.text(),
        window.calendar_action.text(),
        window.bookmarks_dock.windowTitle(),
        window.toc_dock.windowTitle(),
    }
    assert shown.isdisjoint(english), shown
    assert window.calendar_panel is not None
    assert window.calendar_panel.today_button.text() != "Today"
    window.go_home()
    assert "Continue reading" not in window.view.toPlainText()
