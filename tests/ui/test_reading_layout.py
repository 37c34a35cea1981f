"""The window laid out around reading (reader/ui/window/reading_layout.py), the real window."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from reader.i18n import UI_LANGUAGES
from reader.ui.window.reading_layout import PANEL_WIDTH, STATE_VERSION
from tests.ui.conftest import Launcher


def test_first_start_shows_the_contents_and_the_page_and_no_right_hand_panel(
    launch: Launcher,
) -> None:
    _app, window = launch()
    assert window.toc_dock.isVisible()
    right = [window.search_dock, window.calendar_dock, window.checklist_dock]
    assert [dock.objectName() for dock in right if dock.isVisible()] == []
    assert not window.bookmarks_dock.isVisible()
    assert window.note_editor is not None and not window.note_editor.editor.isVisible()
    assert window.toc_dock.width() < window.width() // 3  # narrow, the page has the room


def test_ctrl_k_opens_search_with_the_cursor_in_the_field_and_esc_closes_it(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_dock.isVisible)
    field = window.search_panel.field
    qtbot.waitUntil(field.hasFocus)
    assert not window.search_panel.results.isVisible()  # no empty list before a search
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.search_dock.isVisible())
    qtbot.waitUntil(window.view.hasFocus)


def test_esc_closes_the_calendar_and_the_bookmarks(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    for show, dock in (
        (window.show_calendar, window.calendar_dock),
        (window.show_bookmarks, window.bookmarks_dock),
    ):
        show()
        qtbot.waitUntil(dock.isVisible)
        focused = window.focusWidget()
        assert focused is not None and dock.isAncestorOf(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dock: not d.isVisible())


def test_note_strip_says_whether_there_is_a_note_and_keeps_the_text(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    strip = window.note_editor
    assert strip is not None and app.store is not None
    window.open_section("intro-who")
    assert strip.toggle.text() == "Note" and not strip.toggle.property("hasNote")
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(strip.editor.isVisible)
    assert window.note_action.isChecked()
    qtbot.waitUntil(strip.editor.hasFocus)
    qtbot.keyClicks(strip.editor, "Call the shelter before the meeting with the family")
    strip.toggle.click()  # closed again, before the save timer ran
    assert not strip.editor.isVisible() and not window.note_action.isChecked()
    assert strip.toggle.text() == "Note: Call the shelter before the meeting with the family"
    assert strip.toggle.property("hasNote")
    qtbot.waitUntil(lambda: app.store is not None and app.store.note("intro-who") is not None)
    window.open_section("intro-what")
    assert strip.toggle.text() == "Note"
    window.open_section("intro-who")
    assert strip.toggle.text().startswith("Note: Call the shelter")
    strip.toggle.click()
    assert strip.editor.toPlainText() == "Call the shelter before the meeting with the family"


def test_the_text_column_is_bounded_and_centred_in_a_wide_window(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.view.viewport().width() > 1400)
    window.open_section("intro-who")
    document = window.view.document()
    document.documentLayout().documentSize()  # laid out
    lengths = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount() - 1):  # the last line of a paragraph is short
            lengths.append(layout.lineAt(index).textLength())
        block = block.next()
    assert lengths and max(lengths) <= 85 and max(lengths) >= 55
    frame = document.rootFrame().frameFormat()
    viewport = window.view.viewport().width()
    assert abs(frame.leftMargin() - frame.rightMargin()) < 1
    assert frame.leftMargin() > viewport / 5  # centred, not at the left edge
    assert window.note_editor is not None  # the note strip lines up with the column
    assert abs(window.note_editor.column.contentsMargins().left() - frame.leftMargin()) < 10
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.view.viewport().width() < 800)
    margin = document.rootFrame().frameFormat().leftMargin()
    assert margin < 120  # a narrow window: the text uses the width


@pytest.mark.parametrize("ui", UI_LANGUAGES)
def test_toolbar_does_not_overflow_at_1024_px(launch: Launcher, qtbot: QtBot, ui: str) -> None:
    _app, window = launch(ui_language=ui)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    toolbar = window.toolbar
    qtbot.waitUntil(lambda: toolbar.width() >= 1000)
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is not None and not extension.isVisible()
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if widget is not None:
            assert widget.isVisible(), (ui, action.text())
            assert widget.geometry().right() <= toolbar.width(), (ui, action.text())


def test_icons_are_drawn_in_the_theme_text_colour(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    for theme in ("dark", "contrast", "light"):  # light last: the theme is application-wide
        window.set_theme(theme)
        ink = QColor(window.palette().color(QPalette.ColorRole.ButtonText))
        image = window.back_action.icon().pixmap(20, 20).toImage()
        colours = {
            image.pixelColor(x, y).rgb()
            for x in range(image.width())
            for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255
        }
        assert colours == {ink.rgb()}, theme


def test_a_state_saved_by_the_old_layout_is_not_restored(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.show_search()
    window.show_bookmarks()
    qtbot.waitUntil(window.search_dock.isVisible)
    old = base64.b64encode(window.saveState().data()).decode()  # version 0: the old layout
    current = base64.b64encode(window.saveState(STATE_VERSION).data()).decode()
    window.default_layout()
    window.settings.window_state = old
    window._restore_geometry()
    assert not window.search_dock.isVisible() and not window.bookmarks_dock.isVisible()
    window.settings.window_state = current  # what the user had open is kept
    window._restore_geometry()
    qtbot.waitUntil(window.search_dock.isVisible)
    assert window.bookmarks_dock.isVisible()


def test_an_open_note_strip_and_open_panels_are_open_again_at_the_next_start(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    window.open_section("intro")  # the start page has no note
    assert window.note_editor is not None
    window.note_editor.toggle.click()
    window.show_calendar()
    qtbot.waitUntil(window.calendar_dock.isVisible)
    window.close()
    _app2, again = launch()
    assert again.note_editor is not None and again.note_editor.expanded
    assert again.note_action.isChecked()
    assert again.calendar_dock.isVisible() and not again.search_dock.isVisible()
    assert not again.note_editor.editor.hasFocus()  # the page keeps the keyboard at start


def test_the_menus_hold_every_command_the_toolbar_left_out(launch: Launcher) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from reader.ui.window.actions import action_specs

    _app, window = launch()
    in_menus: set[int] = set()
    menus = [action.menu() for action in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())
            in_menus.add(id(action))
    missing = [
        spec.attr
        for spec in action_specs()
        if isinstance(action := getattr(window, spec.attr), QAction) and id(action) not in in_menus
    ]
    assert missing == []
    for action in window.toolbar.actions():  # zoom and find went from the toolbar to the menus
        assert action not in (window.zoom_in_action, window.zoom_out_action, window.find_action)
    assert {id(window.zoom_in_action), id(window.find_action)} <= in_menus


@pytest.mark.parametrize("ui", ["de", "lv"])
def test_panels_and_a_long_note_fit_beside_the_page_at_1024_px(
    launch: Launcher, qtbot: QtBot, ui: str, default_pack: Path
) -> None:
    """Drop-down lists sized to their longest entry (chapter titles, language names) made the
    checklist and search panels, and a long note the page, wider than a 1024-pixel screen has."""
    _app, window = launch(default_pack, ui_language=ui)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.note_editor is not None
    window.note_editor.editor.setPlainText("A long first line of a note, " * 10)
    window.show_checklist()
    window.show_search()
    qtbot.waitUntil(window.search_dock.isVisible)
    qtbot.waitUntil(lambda: window.checklist_dock.minimumSizeHint().width() <= 0.6 * 1024)
    qtbot.waitUntil(lambda: window.search_dock.minimumSizeHint().width() <= PANEL_WIDTH)
    qtbot.waitUntil(lambda: window.centralWidget().minimumSizeHint().width() <= 300)
    assert window.width() == 1024
