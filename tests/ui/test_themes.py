"""Themes in the real window, offscreen: palette, page CSS, notice bars, saved and restored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.themes import CHOICES, THEMES, resolve
from reader.ui.main_window import MainWindow
from reader.ui.theme import apply_to_application
from tests.ui.conftest import Launcher

Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def light_afterwards() -> Iterator[None]:
    yield
    apply_to_application("light")  # the palette belongs to the whole test run's QApplication


def heading_colour(window: MainWindow) -> str:
    block = window.view.document().firstBlock()  # the page starts with the section's <h1>
    return block.charFormat().foreground().color().name()


def page_pixel(window: MainWindow) -> str:
    image = window.view.viewport().grab().toImage()
    return QColor(image.pixel(image.width() - 3, image.height() - 3)).name()


def app_colour(role: QPalette.ColorRole) -> str:
    return QApplication.palette().color(role).name()


def test_core_resolves_system_to_light_or_dark() -> None:
    assert resolve("system", system_dark=True) == "dark"
    assert resolve("system", system_dark=False) == "light"
    assert resolve("contrast", system_dark=False) == "contrast"
    assert resolve("no-such-theme", system_dark=True) == "dark"
    assert [key for key, _name in CHOICES] == ["system", "light", "dark", "contrast"]


@pytest.mark.parametrize("key", ["dark", "contrast", "light"])
def test_choice_applies_to_palette_page_and_bars(launch: Launcher, qtbot: QtBot, key: str) -> None:
    _app, window = launch()
    window.open_section("intro")  # a page of the handbook, not the start page
    colours = THEMES[key]
    menu_action = window.findChild(type(window.shortcuts_action), f"theme_{key}")
    assert menu_action is not None
    menu_action.trigger()
    assert menu_action.isChecked()
    assert window.settings.theme == key
    assert app_colour(Role.Window) == colours.window
    assert app_colour(Role.Base) == colours.base
    assert app_colour(Role.Text) == colours.text
    assert heading_colour(window) == colours.heading
    assert page_pixel(window) == colours.base
    window.show_data_notice("Test notice")
    qtbot.waitUntil(window.data_notice.isVisible)
    image = window.data_notice.grab().toImage()
    assert QColor(image.pixel(2, 2)).name() == colours.error_bg


def test_choice_is_saved_and_restored(launch: Launcher, qtbot: QtBot) -> None:
    app, window = launch()
    with qtbot.waitSignal(window.settingsChanged, timeout=3000):
        window.set_theme("contrast")
    assert app.settings_store.load().theme == "contrast"
    window.close()
    _app2, again = launch()
    assert again.settings.theme == "contrast"
    assert again.theme_applied == "contrast"
    assert app_colour(Role.Base) == THEMES["contrast"].base
    checked = again.theme_group.checkedAction()
    assert checked is not None and checked.data() == "contrast"


def test_system_follows_a_changed_colour_scheme(launch: Launcher) -> None:
    _app, window = launch()
    window.open_section("intro")
    window.set_theme("system")
    window.on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert window.theme_applied == "dark"
    assert app_colour(Role.Window) == THEMES["dark"].window
    assert heading_colour(window) == THEMES["dark"].heading
    window.on_color_scheme_changed(Qt.ColorScheme.Light)
    assert window.theme_applied == "light"
    assert heading_colour(window) == THEMES["light"].heading
    # A chosen theme stays when the system changes.
    window.set_theme("contrast")
    window.on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert window.theme_applied == "contrast"


def test_the_system_signal_reaches_the_window(launch: Launcher) -> None:
    _app, window = launch()
    window.set_theme("system")
    hints = QApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme_applied == "dark"
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme_applied == "light"
