"""Moving through the handbook: sections, the start page, history, neighbours and links."""

from __future__ import annotations

import html
from urllib.parse import parse_qs

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from reader import APP_NAME
from reader.content.pages import neighbours, render_page
from reader.content.render import INTERNAL_SCHEME
from reader.i18n import _
from reader.ui.home_page import HOME_ID, START_SCHEME
from reader.ui.window.base import WindowBase

LINK_PREFIX = "strom:"


def make_link(lang: str, section_id: str) -> str:
    """A short reference to a section that ``strom-reader --open`` understands."""
    return f"{LINK_PREFIX}{lang}/{section_id}"


def parse_link(text: str) -> tuple[str | None, str]:
    """``strom:lv/definition-means`` -> ("lv", "definition-means"); a bare id -> (None, id)."""
    text = text.strip()
    if text.startswith(LINK_PREFIX):
        lang, _sep, section_id = text[len(LINK_PREFIX) :].partition("/")
        return (lang or None), section_id
    return None, text


class NavigationMixin(WindowBase):
    def open_section(self, section_id: str, lang: str | None = None, record: bool = True) -> bool:
        """Show ``section_id`` (in ``lang`` if given); returns whether the pack knows the id."""
        if lang and lang != self.content_language and lang in self.pack.languages:
            self._switch_language(lang)
        if section_id == HOME_ID:
            self._show_home(record)
            return True
        if self.pack.chapter_of(section_id) is None:
            self.statusBar().showMessage(
                _("There is no section “{section}” in this handbook.").format(section=section_id),
                8000,
            )
            return False
        page = render_page(self.pack, self.content_language, section_id, self.my_country())
        self.view.show_page(page.html)
        self.language_notice.hide()
        self.current_section = section_id
        if record:
            self.history.visit(section_id)
        self.toc.select(section_id)
        self._sync_user_data(section_id)
        self.setWindowTitle(f"{page.title} \u2014 {APP_NAME}")
        self._update_navigation()
        self.find_bar.refresh()
        self.settings.last_section = section_id
        self.settings.history = self.history.entries()[-50:]
        self._schedule_save()
        self.sectionOpened.emit(section_id, self.content_language)
        return True

    def go_home(self) -> None:
        self.open_section(HOME_ID)

    def open_start(self) -> None:
        """Open the last section read; on a first start, the start page that says what this is."""
        order = self.pack.section_order()
        target = self.settings.last_section if self.settings.last_section in order else None
        if target is None and order:
            target = HOME_ID
        if target is not None:
            self.open_section(target, record=self.history.current != target)
        else:
            self.view.show_page(self._empty_pack_html())

    def _empty_pack_html(self) -> str:
        lines = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems[:20])
        heading = html.escape(_("The handbook could not be opened"))
        intro = html.escape(_("These problems were found in the content pack:"))
        return f"<h1>{heading}</h1><p>{intro}</p><ul>{lines}</ul>"

    def go_back(self) -> None:
        target = self.history.back()
        if target is not None:
            self.open_section(target, record=False)

    def go_forward(self) -> None:
        target = self.history.forward()
        if target is not None:
            self.open_section(target, record=False)

    def previous_section(self) -> None:
        if self.current_section:
            before = neighbours(self.pack, self.current_section)[0]
            if before:
                self.open_section(before)

    def next_section(self) -> None:
        if self.current_section:
            after = neighbours(self.pack, self.current_section)[1]
            if after:
                self.open_section(after)

    def _update_navigation(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())
        before, after = (
            neighbours(self.pack, self.current_section)
            if self.current_section and self.current_section != HOME_ID
            else (None, None)
        )
        self.previous_action.setEnabled(before is not None)
        self.next_action.setEnabled(after is not None)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == INTERNAL_SCHEME:
            target = url.path()
            lang = parse_qs(url.query()).get("lang", [None])[0]
            if target.startswith("indicator-"):
                return
            self.open_section(target, lang)
            return
        if url.scheme() == START_SCHEME:
            self._on_start_link(url)
            return
        address = url.toString()
        QGuiApplication.clipboard().setText(address.removeprefix("mailto:"))
        self.statusBar().showMessage(
            _(
                "{address} is outside the handbook and was not opened. "
                "The address is copied: paste it into your browser when you are online."
            ).format(address=address),
            10000,
        )

    def _on_notice_link(self, link: str) -> None:
        self._on_link(QUrl(link))

    def copy_link(self) -> str | None:
        if not self.current_section:
            return None
        link = make_link(self.content_language, self.current_section)
        QGuiApplication.clipboard().setText(link)
        self.statusBar().showMessage(_("Link copied: {link}").format(link=link), 5000)
        return link
