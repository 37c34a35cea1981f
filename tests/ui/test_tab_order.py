"""Tab walks the window in reading order: region by region (toolbar, contents, page, note, the
right-hand panel), and in each region top to bottom, left to right; every visible control once.

The order is worked out from the widgets' geometry, not from their names, so that it holds
whatever the layout puts where. A region is a dock, a toolbar or a pane of the central splitter.
Region A comes before region B when A ends above B's top, or when they sit side by side and A is
left of B; within a region the same rule orders controls. A widget that keeps the focus for a
few Tabs (the page steps through its links) counts once.
"""

from __future__ import annotations

import functools
import itertools

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QSplitter,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.ui.conftest import Launcher

MAX_STEPS = 400


def focusable(window: MainWindow) -> list[QWidget]:
    """The widgets Tab should reach: visible, enabled, taking focus by Tab, ours (not Qt's)."""
    found = []
    for widget in window.findChildren(QWidget):
        policy = widget.focusPolicy()
        if not policy & Qt.FocusPolicy.TabFocus or not widget.isVisible():
            continue
        if widget.visibleRegion().isEmpty():  # e.g. in a dock tab that is not the current one
            continue
        if not widget.isEnabled() or widget.focusProxy() is not None:
            continue
        if widget.objectName().startswith("qt_") or _inside_a_proxy(widget):
            continue
        found.append(widget)
    return found


def _inside_a_proxy(widget: QWidget) -> bool:
    """The line edit of a combo box or spin box: its parent takes the focus for it."""
    parent = widget.parentWidget()
    return parent is not None and parent.focusProxy() is widget


def region(window: MainWindow, widget: QWidget) -> QWidget:
    current: QWidget | None = widget
    pane: QWidget | None = None
    while current is not None and current is not window:
        if isinstance(current, (QDockWidget, QToolBar)):
            return current
        parent = current.parentWidget()
        in_page = isinstance(parent, QSplitter) and window.centralWidget().isAncestorOf(parent)
        if pane is None and in_page:
            pane = current
        current = parent
    if pane is not None:
        return pane
    if window.centralWidget().isAncestorOf(widget):
        return window.centralWidget()
    return widget  # the window's own parts, e.g. the tab bar of docks shown as tabs


def rect_in(window: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def before(a: QRect, b: QRect) -> bool:
    """Reading order: a ends above b, or they share rows and a is to the left."""
    if a.bottom() < b.top() + 2:
        return True
    if b.bottom() < a.top() + 2:
        return False
    return a.left() < b.left()


def tab_walk(qtbot: QtBot, window: MainWindow, start: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it; the widgets in the order met."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    met = [start]
    for _step in range(MAX_STEPS):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, f"Tab from {current!r} lost the focus"
        if now is start and met[-1] is not start:
            return met
        if now is not met[-1]:
            met.append(now)
    names = ", ".join(describe(widget) for widget in met[-5:])
    raise AssertionError(f"Tab did not come back to the start in {MAX_STEPS} steps: {names}")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName() or text}"


def reading_order(window: MainWindow, widgets: list[QWidget]) -> list[QWidget]:
    def compare(a: QWidget, b: QWidget) -> int:
        ra, rb = region(window, a), region(window, b)
        if ra is not rb:
            return -1 if before(rect_in(window, ra), rect_in(window, rb)) else 1
        return -1 if before(rect_in(window, a), rect_in(window, b)) else 1

    return sorted(widgets, key=functools.cmp_to_key(compare))


def check_walk(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    wanted = focusable(window)
    assert len(wanted) >= 8
    start = reading_order(window, wanted)[0]
    walk = tab_walk(qtbot, window, start)
    names = [describe(widget) for widget in walk]
    assert len(set(map(id, walk))) == len(walk), f"visited twice: {names}"
    # Controls may be enabled on the way (the agenda selects an event: its buttons wake up).
    after = focusable(window)
    skipped = [describe(w) for w in wanted + after if w not in walk]
    hidden = [describe(w) for w in walk if w not in wanted and w not in after]
    assert skipped == [] and hidden == [], f"skipped {skipped}, hidden but reached {hidden}"
    done: list[QWidget] = []
    for a, b in itertools.pairwise(walk):
        ra, rb = region(window, a), region(window, b)
        if ra is rb:
            assert not before(rect_in(window, b), rect_in(window, a)), (
                f"{describe(b)} comes before {describe(a)} in {describe(ra)}"
            )
            continue
        done.append(ra)
        assert rb not in done, f"Tab comes back to {describe(rb)} after {describe(a)}"
        assert before(rect_in(window, ra), rect_in(window, rb)), (
            f"{describe(rb)} comes before {describe(ra)}: {names}"
        )
    return walk


def test_tab_follows_the_layout(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.resize(1024, 768)
    window.show_bookmarks()  # panels open when used: open two, one on each side
    window.show_search()
    qtbot.waitUntil(window.search_panel.field.isVisible)
    QApplication.processEvents()
    walk = check_walk(qtbot, window)
    regions = {id(region(window, widget)) for widget in walk}
    assert len(regions) >= 5  # toolbar, contents, bookmarks, page, note, search…
    assert window.view in walk and window.search_panel.field in walk


def test_tab_follows_the_layout_with_the_calendar_shown(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.resize(1024, 768)
    window.show_search()
    window.show_calendar()
    qtbot.waitUntil(lambda: not window.calendar_panel.grid.visibleRegion().isEmpty())
    walk = check_walk(qtbot, window)
    assert window.search_panel.field not in walk  # behind the calendar's tab
    assert window.calendar_panel.today_button in walk


def test_tab_follows_the_layout_in_the_checklist(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.resize(1024, 768)
    window.show_checklist()
    panel = window.checklist_panel
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.visibleRegion().isEmpty())
    walk = check_walk(qtbot, window)
    assert panel.new_button in walk and panel.filter_field in walk
