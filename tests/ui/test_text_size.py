"""View > Interface text size: the whole interface at 100-200 %, remembered, and nothing cut at
200 % in a 1024x768 window (labels and buttons hold their text; the page wraps)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QToolButton, QWidget
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from reader.settings import UI_TEXT_SIZES, from_dict
from reader.ui.main_window import MainWindow
from reader.ui.window.text_size import BASE_SIZE_PROPERTY, apply_text_size
from tests.ui.conftest import Launcher


@pytest.fixture(autouse=True)
def normal_size_afterwards() -> Iterator[None]:
    yield
    apply_text_size(100)  # the font belongs to the whole test run's QApplication


def cut_texts(window: QWidget, heights: bool = True) -> list[str]:
    """Visible labels and buttons whose text does not fit them: wider than the contents (for
    one-line plain text) or (with ``heights``) taller."""
    cut = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text():
            continue
        if isinstance(widget, QToolButton) and (
            widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        ):
            continue  # its text is the tooltip and the accessible name, not drawn
        text = widget.text().replace("&", "")
        metrics = widget.fontMetrics()
        box = widget.contentsRect()
        one_line = not (isinstance(widget, QLabel) and (widget.wordWrap() or "<" in text))
        too_narrow = one_line and box.width() < metrics.horizontalAdvance(text)
        if too_narrow or (heights and box.height() < metrics.height()):
            cut.append(f"{type(widget).__name__} {text!r}: {box.width()}x{box.height()}")
    return cut


def assert_nothing_cut(qtbot: QtBot, window: QWidget, heights: bool = True) -> None:
    """Once the layout has caught up with the new font (or three seconds), nothing is cut."""
    with contextlib.suppress(WaitTimeout):
        qtbot.waitUntil(lambda: cut_texts(window, heights) == [], timeout=3000)
    assert cut_texts(window, heights) == []


def base_size() -> float:
    return float(QApplication.instance().property(BASE_SIZE_PROPERTY))  # type: ignore[union-attr]


def test_sizes_are_offered_and_remembered(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    for percent in UI_TEXT_SIZES:
        assert window.findChild(QAction, f"textSize{percent}") is not None
    action = window.findChild(QAction, "textSize150")
    with qtbot.waitSignal(window.settingsChanged, timeout=3000):
        action.trigger()
    assert action.isChecked()
    assert QApplication.font().pointSizeF() == pytest.approx(base_size() * 1.5)
    assert window.menuBar().font().pointSizeF() == pytest.approx(base_size() * 1.5)
    assert app.settings_store.load().ui_text_percent == 150
    window.close()
    _app2, again = launch()
    assert again.settings.ui_text_percent == 150
    assert QApplication.font().pointSizeF() == pytest.approx(base_size() * 1.5)
    checked = again.text_size_group.checkedAction()
    assert checked is not None and checked.data() == 150


def test_a_stored_size_is_one_of_the_offered_ones() -> None:
    settings, problems = from_dict({"ui_text_percent": 130})
    assert settings.ui_text_percent == 125 and problems == []
    settings, problems = from_dict({"ui_text_percent": 900})
    assert settings.ui_text_percent == 200
    settings, problems = from_dict({"ui_text_percent": "big"})
    assert settings.ui_text_percent == 100 and problems


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 768))
    QApplication.processEvents()


def test_nothing_is_cut_at_200_percent_in_1024_by_768(launch: Launcher, qtbot: QtBot) -> None:
    _app, window = launch()
    window.set_text_size(200)
    window.set_zoom(200)
    _settle(qtbot, window)
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumSizeHint().height() <= 768
    assert window.menuBar().fontMetrics().height() >= 2 * 0.9 * base_size()
    assert_nothing_cut(qtbot, window)
    assert not window.view.horizontalScrollBar().isVisible()
    window.show_calendar()
    qtbot.waitUntil(window.calendar_panel.isVisible)  # type: ignore[union-attr]
    _settle(qtbot, window)
    assert_nothing_cut(qtbot, window)
    assert not window.view.horizontalScrollBar().isVisible()
    window.show_checklist()
    qtbot.waitUntil(window.checklist_panel.isVisible)  # type: ignore[union-attr]
    _settle(qtbot, window)
    assert window.minimumSizeHint().width() <= 1024
    assert window.minimumSizeHint().height() <= 768
    # Known limit: in 768 pixels the checklist's details pane is lower than its text at 200 %
    # (README, Accessibility); the widths hold.
    assert_nothing_cut(qtbot, window, heights=False)
    window.open_section("signs-general")
    QApplication.processEvents()
    assert not window.view.horizontalScrollBar().isVisible()


def test_the_rule_sees_a_cut_label(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    label = QLabel("A label that is far too long for its box", top)
    label.setFixedWidth(40)
    top.show()
    qtbot.waitExposed(top)
    assert cut_texts(top) == [f"QLabel {label.text()!r}: 40x{label.contentsRect().height()}"]
    label.setWordWrap(True)
    label.setFixedHeight(200)
    assert cut_texts(top) == []
