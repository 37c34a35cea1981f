"""The handbook's language: the toolbar box, the View menu, and staying on the section."""

from __future__ import annotations

from reader.i18n import language_name, native_language_name
from reader.ui.window.base import WindowBase


def language_label(code: str) -> str:
    """A language as its speakers write it, with the UI language's name where that differs."""
    native = native_language_name(code)
    local = language_name(code)
    return native if native == local else f"{native} \u2014 {local}"


class LanguagesMixin(WindowBase):
    def _initial_content_language(self) -> str:
        langs = self.pack.languages
        for candidate in (
            self.settings.content_language,
            self.settings.ui_language,
            self.pack.source_language,
        ):
            if candidate in langs:
                return candidate
        return langs[0] if langs else self.pack.source_language

    def set_content_language(self, lang: str) -> None:
        """Show the handbook in ``lang`` and stay on the same section."""
        if lang not in self.pack.languages or lang == self.content_language:
            return
        self._switch_language(lang)
        if self.current_section:
            self.open_section(self.current_section, record=False)

    def _switch_language(self, lang: str) -> None:
        self.content_language = lang
        self.settings.content_language = lang
        self._select_language_box(lang)
        for action in self.content_language_group.actions():
            action.setChecked(action.data() == lang)
        self.toc.populate(self.pack, lang)
        self.search_panel.set_language(lang)
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.set_language(lang)
        if self.calendar_panel is not None:
            self.calendar_panel.set_language(lang)
        self._schedule_save()

    def _select_language_box(self, lang: str) -> None:
        index = self.language_box.findData(lang)
        if index >= 0 and index != self.language_box.currentIndex():
            self.language_box.blockSignals(True)
            self.language_box.setCurrentIndex(index)
            self.language_box.blockSignals(False)

    def _on_language_box(self, index: int) -> None:
        code = self.language_box.itemData(index)
        if isinstance(code, str):
            self.set_content_language(code)
