"""Presentation mode from the main window: F5, the toolbar button and the settings dialog."""

from __future__ import annotations

from PySide6.QtGui import QAction, QGuiApplication, QScreen

from reader.i18n import _
from reader.ui.home_page import HOME_ID
from reader.ui.presentation_options import PresentationOptionsDialog
from reader.ui.presentation_window import PresentationWindow
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase


def presenting_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "present_action",
            _("Present"),
            "start_presentation",
            ("F5",),
            "present",
            _("Show this section as slides on the second screen (F5)"),
        ),
        ActionSpec(
            "present_options_action",
            _("Presentation settings…"),
            "show_presentation_options",
            name="presentOptions",
            tip=_("Screen, theme, text size and second language of the slides"),
        ),
    ]


def presentation_screen(chosen: str, beside: QScreen | None) -> QScreen:
    """The screen chosen by name; else a screen other than the window's; else the primary."""
    screens = QGuiApplication.screens()
    for screen in screens:
        if chosen and screen.name() == chosen:
            return screen
    for screen in screens:
        if screen is not beside:
            return screen
    return beside or QGuiApplication.primaryScreen()


class PresentingMixin(WindowBase):
    presentation: PresentationWindow | None = None
    present_action: QAction
    present_options_action: QAction

    def presentation_languages(self) -> list[str]:
        second = self.settings.present_second_language
        languages = [self.content_language]
        if second and second != self.content_language and second in self.pack.languages:
            languages.append(second)
        return languages

    def start_presentation(self, section_id: str | None = None) -> PresentationWindow | None:
        """Present ``section_id`` (else the current section) full screen on the chosen screen."""
        order = self.pack.section_order()
        target = section_id or self.current_section
        if not target or target == HOME_ID:
            target = order[0] if order else None
        if target is None or self.pack.chapter_of(target) is None:
            self._status(_("There is no section to present."))
            return None
        if self.presentation is not None:
            self.presentation.close()
        settings = self.settings
        window = PresentationWindow(
            self.pack,
            target,
            self.presentation_languages(),
            settings.present_theme,
            settings.present_text_percent,
        )
        screen = presentation_screen(settings.present_screen, self.screen())
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.build()
        window.sectionChanged.connect(self._on_presented_section)
        window.finished.connect(self._on_presentation_finished)
        window.optionsChanged.connect(lambda: self._remember_presentation(window))
        self.presentation = window
        window.showFullScreen()
        window.activateWindow()
        window.setFocus()
        return window

    def _remember_presentation(self, window: PresentationWindow) -> None:
        self.settings.present_theme = window.theme_key
        self.settings.present_text_percent = window.text_percent
        self._schedule_save()

    def _on_presented_section(self, section_id: str) -> None:
        self.open_section(section_id)

    def _on_presentation_finished(self, section_id: str) -> None:
        window = self.presentation
        self.presentation = None
        if window is not None:
            window.deleteLater()
        if section_id != self.current_section:
            self.open_section(section_id)
        self.activateWindow()

    def show_presentation_options(self) -> None:
        dialog = PresentationOptionsDialog(self.pack, self.settings, self.content_language, self)
        if dialog.exec():
            dialog.apply()
            self._schedule_save()
