"""How the window looks and what it remembers: zoom, full screen, geometry and saved state."""

from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray

from reader.i18n import _
from reader.settings import ZOOM_DEFAULT, ZOOM_MAX, ZOOM_MIN, Settings
from reader.ui.home_page import HOME_ID
from reader.ui.window.base import WindowBase
from reader.ui.window.reading_layout import STATE_VERSION

ZOOM_STEP = 10


class ViewStateMixin(WindowBase):
    @property
    def zoom_percent(self) -> int:
        return self.view.zoom_percent

    def set_zoom(self, percent: int) -> None:
        percent = max(ZOOM_MIN, min(ZOOM_MAX, percent))
        self.view.apply_zoom(percent)
        self.settings.zoom_percent = percent
        self.zoom_in_action.setEnabled(percent < ZOOM_MAX)
        self.zoom_out_action.setEnabled(percent > ZOOM_MIN)
        self.statusBar().showMessage(_("Zoom: {percent} %").format(percent=percent), 2000)
        self._schedule_save()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_percent + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_percent - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(ZOOM_DEFAULT)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.settings.window_geometry)))
        else:
            self.resize(1100, 750)
        if self.settings.window_state:
            # A state of another layout version is not applied: the first-start layout stays.
            state = QByteArray(base64.b64decode(self.settings.window_state))
            self.restoreState(state, STATE_VERSION)

    def store_state(self) -> Settings:
        """Copy the window's state into the settings object and return it."""
        self.settings.window_geometry = base64.b64encode(self.saveGeometry().data()).decode()
        self.settings.window_state = base64.b64encode(self.saveState(STATE_VERSION).data()).decode()
        self.settings.content_language = self.content_language
        self.settings.zoom_percent = self.zoom_percent
        if self.current_section and self.current_section != HOME_ID:
            self.settings.last_section = self.current_section
        self.settings.history = self.history.entries()[-50:]
        return self.settings
