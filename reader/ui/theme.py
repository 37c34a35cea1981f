"""Apply a colour theme (reader/themes.py) to the whole application: style, palette, bars."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.themes import THEMES, Colours, resolve, window_css

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


class ThemeSignals(QObject):
    """``changed(key)`` after a theme is applied: widgets that draw with theme colours of their
    own (month grid, diff view, search results, contents) redraw on it."""

    changed = Signal(str)


_signals: list[ThemeSignals] = []


def theme_signals() -> ThemeSignals:
    if not _signals:
        _signals.append(ThemeSignals())
    return _signals[0]


def current_colours() -> Colours:
    """The colours of the theme the application shows (light before any theme is applied)."""
    app = QApplication.instance()
    key = app.property("stromTheme") if app is not None else None
    return THEMES.get(str(key), THEMES["light"])


def system_is_dark(scheme: Qt.ColorScheme | None = None) -> bool:
    """Whether the operating system asks for dark colours (unknown counts as light)."""
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def theme_key(choice: str, scheme: Qt.ColorScheme | None = None) -> str:
    return resolve(choice, system_is_dark(scheme))


def palette_for(c: Colours) -> QPalette:
    palette = QPalette()
    roles = {
        Role.Window: c.window,
        Role.WindowText: c.window_text,
        Role.Base: c.base,
        Role.AlternateBase: c.alternate_base,
        Role.Text: c.text,
        Role.Button: c.button,
        Role.ButtonText: c.button_text,
        Role.BrightText: c.highlighted_text,
        Role.Highlight: c.highlight,
        Role.HighlightedText: c.highlighted_text,
        Role.Link: c.link,
        Role.LinkVisited: c.link,
        Role.ToolTipBase: c.tooltip_base,
        Role.ToolTipText: c.tooltip_text,
        Role.PlaceholderText: c.placeholder,
        Role.Light: c.border,
        Role.Midlight: c.border,
        Role.Mid: c.border,
        Role.Dark: c.border,
        Role.Shadow: c.border,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor(c.disabled))
    return palette


def apply_to_application(key: str) -> None:
    """Fusion style (it draws with the palette on every system), the palette and the bars."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    colours = THEMES[key]
    if app.property("stromTheme") == key:
        return
    if app.property("stromTheme") is None:  # once: with a style sheet, style() is a wrapper
        app.setStyle("Fusion")
    app.setPalette(palette_for(colours))
    app.setStyleSheet(window_css(colours))
    app.setProperty("stromTheme", key)
    theme_signals().changed.emit(key)
