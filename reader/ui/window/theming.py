"""View > Theme (system, light, dark, high contrast) and Help > Keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QMenu

from reader.i18n import _
from reader.themes import CHOICES, SYSTEM, THEMES, page_css
from reader.ui.shortcuts_dialog import ShortcutsDialog, shortcut_groups
from reader.ui.theme import apply_to_application, theme_key
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase


def theme_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "shortcuts_action",
            _("Keyboard shortcuts"),
            "show_keyboard_shortcuts",
            ("F1",),
            "keyboardShortcuts",
            _("Every command with its keys"),
        )
    ]


class _SchemeFollower(QObject):
    """Lives as the window's child, so the system signal stops reaching a closed window."""

    def __init__(self, window: ThemeMixin) -> None:
        super().__init__(window)
        self.window_ = window
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.changed)

    def changed(self, scheme: Qt.ColorScheme) -> None:
        self.window_.on_color_scheme_changed(scheme)


class ThemeMixin(WindowBase):
    shortcuts_action: QAction
    theme_group: QActionGroup
    theme_applied: str = ""  # the theme shown: light, dark or contrast

    def _init_theme(self) -> None:
        """Apply the remembered choice and follow the system while "System" is chosen."""
        self._scheme_follower = _SchemeFollower(self)
        self.apply_theme()

    def build_theme_menu(self, view_menu: QMenu) -> None:
        menu = view_menu.addMenu(_("Theme"))
        menu.setObjectName("themeMenu")
        self.theme_group = QActionGroup(self)
        for key, name in CHOICES:
            action = menu.addAction(_(name))
            action.setObjectName(f"theme_{key}")
            action.setCheckable(True)
            action.setData(key)
            action.setChecked(key == self._theme_choice())
            action.triggered.connect(lambda _checked=False, k=key: self.set_theme(k))
            self.theme_group.addAction(action)

    def _theme_choice(self) -> str:
        choice = self.settings.theme
        return choice if choice in THEMES or choice == SYSTEM else SYSTEM

    def set_theme(self, choice: str) -> None:
        """Show and remember a View > Theme choice ("system", "light", "dark", "contrast")."""
        self.settings.theme = choice
        self.apply_theme()
        self._schedule_save()

    def apply_theme(self, scheme: Qt.ColorScheme | None = None) -> str:
        key = theme_key(self._theme_choice(), scheme)
        apply_to_application(key)
        if key != self.theme_applied:
            self.view.set_theme_css(page_css(THEMES[key]))
            self.theme_applied = key
            self._refresh_start_page()
        return key

    def on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self._theme_choice() == SYSTEM:
            self.apply_theme(scheme)

    def show_keyboard_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(shortcut_groups(self), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shortcuts_dialog = dialog
        return dialog
