"""The start page in the main window: showing it, its links, and reflowing it on resize."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

from PySide6.QtCore import QUrl

from reader import APP_NAME
from reader.i18n import _
from reader.start_page import StartPage, build_start_page, columns_for_width
from reader.themes import THEMES
from reader.ui.home_page import HOME_ID, start_page_html
from reader.ui.window.base import WindowBase


class StartPageMixin(WindowBase):
    start_columns: int = 0  # card columns of the start page shown (0: not shown)

    def _init_start_page(self) -> None:
        self.view.widthChanged.connect(self._on_view_width)

    def _start_page(self) -> StartPage:
        lang = self.content_language
        last = self.settings.last_section or None
        history = list(self.settings.history)
        store = self.store

        def with_user_data() -> StartPage:
            assert store is not None
            starred = {b.target_id for b in store.bookmarks("event")}
            return build_start_page(
                self.pack, lang, last, history, store.own_events(), starred, dt.date.today()
            )

        def without() -> StartPage:
            return build_start_page(self.pack, lang, last, history, [], set(), dt.date.today())

        if store is None:
            return without()
        return self.data_guard.read(
            _("Your bookmarked events could not be read."), with_user_data, without
        )

    def _start_page_html(self, columns: int) -> str:
        colours = THEMES.get(getattr(self, "theme_applied", "") or "light", THEMES["light"])
        return start_page_html(
            self._start_page(),
            colours,
            columns,
            calendar=self.calendar_panel is not None,
            checklist=self.store is not None,
        )

    def _columns(self) -> int:
        return columns_for_width(self.view.viewport().width(), self.view.zoom_percent)

    def _show_home(self, record: bool) -> None:
        self.start_columns = self._columns()
        self.view.show_page(self._start_page_html(self.start_columns))
        self.language_notice.hide()
        self.current_section = HOME_ID
        if record:
            self.history.visit(HOME_ID)
        self.toc.clearSelection()
        self._sync_user_data(None)
        self.setWindowTitle(APP_NAME)
        self._update_navigation()
        self.sectionOpened.emit(HOME_ID, self.content_language)

    def _refresh_start_page(self) -> None:
        """Lay the start page out again (theme, width or data changed), keeping the scroll."""
        if self.current_section == HOME_ID:
            self.start_columns = self._columns()
            self.view.replace_page(self._start_page_html(self.start_columns))

    def _on_view_width(self, _width: int) -> None:
        if self.current_section == HOME_ID and self._columns() != self.start_columns:
            self._refresh_start_page()

    def _on_start_link(self, url: QUrl) -> None:
        """start:calendar, start:checklist and start:event?uid=… from the start page."""
        what = url.path()
        if what == "calendar":
            self.show_calendar()
        elif what == "checklist":
            self.show_checklist()
        elif what == "event":
            uid = parse_qs(url.query()).get("uid", [""])[0]
            if uid:
                self.show_event(uid)

    # Implemented by other parts of the window
    def show_calendar(self) -> None:
        raise NotImplementedError

    def show_checklist(self) -> None:
        raise NotImplementedError

    def show_event(self, uid: str) -> None:
        raise NotImplementedError

    def _update_navigation(self) -> None:
        raise NotImplementedError
