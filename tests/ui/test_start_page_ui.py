"""The start page in the real window: chapters, continue, events, checklist, reflow and theme."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.content.loader import load_pack
from reader.start_page import first_sentence
from reader.themes import THEMES
from reader.ui.home_page import HOME_ID
from reader.ui.main_window import MainWindow
from reader.userdata.store import OwnEvent
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher


def links(window: MainWindow) -> dict[str, tuple[str, int]]:
    """Link text -> (href, position) of every link on the page shown."""
    found: dict[str, tuple[str, int]] = {}
    block = window.view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            href = fragment.charFormat().anchorHref()
            if href:
                found.setdefault(fragment.text(), (href, fragment.position()))
            it += 1
        block = block.next()
    return found


def click_link(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Click the link ``text`` with the mouse, where it is drawn."""
    QApplication.processEvents()  # a pending resize may lay the page out again first
    _href, position = links(window)[text]
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(position + 1)
    window.view.setTextCursor(cursor)
    window.view.ensureCursorVisible()
    point = window.view.cursorRect(cursor).center() - QPoint(2, 0)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def tables(window: MainWindow) -> list[QTextTable]:
    frames = window.view.document().rootFrame().childFrames()
    return [frame for frame in frames if isinstance(frame, QTextTable)]


def test_the_start_page_lists_every_chapter_in_the_content_language(launch: Launcher) -> None:
    _app, window = launch(content_language="lv")
    window.go_home()
    pack = load_pack(MINI_PACK)
    lv = pack.edition("lv")
    assert lv is not None and pack.manifest is not None
    text = window.view.toPlainText()
    shown = links(window)
    assert lv.title in text and lv.subtitle in text
    for chapter_id in pack.manifest.chapters:
        chapter = lv.chapters[chapter_id]
        assert shown[chapter.title][0] == f"section:{chapter_id}"
        assert first_sentence(chapter.sections[0].markdown) in text
    assert pack.editions["en"].chapters["signs"].title not in text


def test_the_continue_link_opens_the_last_section(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.open_section("signs-labour")
    window.go_home()
    assert window.current_section == HOME_ID
    assert "Continue where you left off" in window.view.toPlainText()
    with qtbot.waitSignal(window.sectionOpened) as opened:
        click_link(qtbot, window, "Work")
    assert opened.args == ["signs-labour", "en"]


def test_an_event_link_opens_the_calendar_on_that_event(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    assert app.store is not None and window.calendar_panel is not None
    soon = dt.date.today() + dt.timedelta(days=2)
    app.store.save_event(OwnEvent(uid="round@test", title="Round table", start=soon))
    app.store.add_bookmark("event", "round@test")
    window.go_home()
    assert "★ " in window.view.toPlainText()
    window.calendar_dock.hide()
    click_link(qtbot, window, "Round table")
    qtbot.waitUntil(window.calendar_dock.isVisible)
    current = window.calendar_panel.current
    assert current is not None and current.entry.uid == "round@test" and current.start == soon
    assert window.current_section == HOME_ID


def test_the_checklist_and_calendar_links_open_their_panels(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.go_home()
    window.calendar_dock.hide()
    click_link(qtbot, window, "Calendar")
    qtbot.waitUntil(window.calendar_dock.isVisible)
    click_link(qtbot, window, "Indicators checklist")
    qtbot.waitUntil(window.checklist_dock.isVisible)


def test_cards_reflow_with_the_width_and_follow_the_theme(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.toc_dock.hide()
    window.search_dock.hide()
    window.bookmarks_dock.hide()
    window.calendar_dock.hide()
    window.resize(1600, 900)
    window.go_home()
    qtbot.waitUntil(lambda: window.start_columns == 3)
    assert {table.columns() for table in tables(window)} == {3}
    window.resize(500, 700)
    qtbot.waitUntil(lambda: window.start_columns == 1)
    assert {table.columns() for table in tables(window)} == {1}
    window.set_theme("dark")
    cell = tables(window)[-1].cellAt(0, 0).format()
    assert cell.background().color().name() == THEMES["dark"].alternate_base
    window.set_theme("light")
    cell = tables(window)[-1].cellAt(0, 0).format()
    assert cell.background().color().name() == THEMES["light"].alternate_base
    assert window.current_section == HOME_ID
