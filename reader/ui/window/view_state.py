"""How the window looks and what it remembers: zoom, full screen, geometry and saved state."""

from __future__ import annotations

import base64
import binascii
import logging

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDockWidget, QToolBar

from reader.i18n import _
from reader.settings import ZOOM_DEFAULT, ZOOM_MAX, ZOOM_MIN, Settings
from reader.ui.home_page import HOME_ID
from reader.ui.window.base import WindowBase
from reader.ui.window.reading_layout import STATE_VERSION

ZOOM_STEP = 10
DEFAULT_SIZE = (1100, 750)
MIN_PAGE_WIDTH = 240  # the page keeps at least this much room beside docks of a saved state

log = logging.getLogger(__name__)


def decode_saved(text: str) -> QByteArray | None:
    """The bytes of a saved geometry or state, or None if it is not base64 (or empty)."""
    if not text:
        return None
    try:
        return QByteArray(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return None


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` made no larger than ``available`` and moved inside it."""
    width = min(rect.width(), available.width())
    height = min(rect.height(), available.height())
    left = max(available.left(), min(rect.left(), available.right() + 1 - width))
    top = max(available.top(), min(rect.top(), available.bottom() + 1 - height))
    return QRect(left, top, width, height)


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
        """Size, place and dock layout as saved, where they still make sense on this screen.

        A geometry from a larger screen is shrunk and moved onto the current one; a state of
        another layout version, or bytes that are not a state at all, are ignored (the default
        layout stays); a restored layout that hides the toolbar is corrected.
        """
        geometry = decode_saved(self.settings.window_geometry)
        if geometry is None or not self.restoreGeometry(geometry):
            if self.settings.window_geometry:
                log.warning("saved window geometry is not usable; using the default size")
            self.resize(*DEFAULT_SIZE)
        self._fit_on_screen()
        state = decode_saved(self.settings.window_state)
        if state is not None:
            default = self.saveState(STATE_VERSION)
            if not self.restoreState(state, STATE_VERSION):
                log.warning("saved window layout is of another version or damaged; ignored")
                self.restoreState(default, STATE_VERSION)
        elif self.settings.window_state:
            log.warning("saved window layout is not base64; ignored")
        for toolbar in self.findChildren(QToolBar):
            if toolbar.isHidden() and toolbar.parent() is self:
                toolbar.show()
        self._layout_checked = False

    def _fit_on_screen(self) -> None:
        """Shrink and move the window (with its frame) into the screen it opens on."""
        if self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        screen = QGuiApplication.screenAt(frame.center()) or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        margins = (frame.width() - self.width(), frame.height() - self.height())
        fitted = fit_rect(frame, available)
        if fitted != frame:
            self.resize(fitted.width() - margins[0], fitted.height() - margins[1])
            self.move(fitted.topLeft())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_layout_checked", True):
            self._layout_checked = True
            self._fit_on_screen()  # again: only a shown window knows the size of its frame
            self._make_room_for_the_page()

    def _make_room_for_the_page(self) -> None:
        """Docks floating off every screen come back; docks that squeeze the page shrink."""
        screens = [s.availableGeometry() for s in QGuiApplication.screens()]
        for dock in self.findChildren(QDockWidget):
            if dock.isFloating() and not any(a.intersects(dock.geometry()) for a in screens):
                dock.setFloating(False)
        page = self.centralWidget()
        if page is None:
            return
        sides = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
        wide = [
            d
            for d in self.findChildren(QDockWidget)
            if d.isVisible() and not d.isFloating() and self.dockWidgetArea(d) in sides
        ]
        if page.width() < MIN_PAGE_WIDTH and wide:
            share = max(120, (self.width() - MIN_PAGE_WIDTH * 2) // len(wide))
            self.resizeDocks(wide, [share] * len(wide), Qt.Orientation.Horizontal)

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
