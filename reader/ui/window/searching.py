"""The search panel and the index: requests to the worker, results, progress, hits shown."""

from __future__ import annotations

import html
import time

from reader.i18n import _, language_in_sentence
from reader.search.results import Hit, SearchResults
from reader.ui.window.base import WindowBase

#: The status-bar progress bar shows only when preparing the index takes longer than this (a
#: shipped index is ready in a fraction of a second: no "0%" flash at every start).
PROGRESS_AFTER_S = 1.0
clock = time.monotonic


class SearchMixin(WindowBase):
    _index_work_since: float | None = None  # when the current preparation began

    def show_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.fit_panel(self.search_dock)
        self.search_panel.focus_field()

    def _on_search_requested(self, text: str, scope: str, kind: str, chapter: str) -> None:
        if self.search is None:
            return
        langs = self.pack.languages if scope == "all" else [self.content_language]
        if not text.strip():
            self.search_panel.show_results(SearchResults(query=""), self.content_language)
            return
        self.search.search(text, langs, kind or None, chapter or None)

    def _on_search_results(self, number: int, results: object) -> None:
        if self.search is None or number != self.search.latest_request:
            return  # a newer search has been asked for; these results are stale
        assert isinstance(results, SearchResults)
        self.search_panel.show_results(results, self.content_language)

    def _on_index_progress(self, done: int, total: int, lang: str) -> None:
        if self._index_work_since is None:
            self._index_work_since = clock()
        if clock() - self._index_work_since >= PROGRESS_AFTER_S:
            self.index_progress.show()
        self.index_progress.setRange(0, max(total, 1))
        self.index_progress.setValue(done)
        self.index_progress.setToolTip(_("Preparing the search index"))
        self.search_panel.set_indexing(done, total, lang)

    def _on_search_ready(self, ok: int, message: str) -> None:
        self._index_work_since = None
        self.index_progress.hide()
        self.search_panel.set_ready(ok, message)
        if ok and message:
            self.statusBar().showMessage(_("The search index was rebuilt."), 5000)

    def rebuild_search_index(self) -> None:
        """Build the index again in the background (the reader stays usable meanwhile)."""
        if self.search is not None:
            self.search_panel.set_indexing(0, len(self.pack.languages), "")
            self.search.rebuild()

    def open_hit(self, hit: object) -> None:
        """Open a search hit: its section, every hit word highlighted, the first one shown."""
        assert isinstance(hit, Hit)
        reader_lang = self.content_language
        self.open_section(hit.section_id, hit.lang)
        count = self.view.highlight_words(list(hit.matched_words))
        if hit.anchor:
            self.view.scrollToAnchor(hit.anchor)
        elif count:
            self.view.step_match(True)
        if hit.lang != reader_lang and self.pack.section(reader_lang, hit.section_id):
            text = html.escape(
                _("This result is in {language}.").format(language=language_in_sentence(hit.lang))
            )
            link_text = html.escape(
                _("Show this section in {language}").format(
                    language=language_in_sentence(reader_lang)
                )
            )
            link = f"section:{hit.section_id}?lang={reader_lang}"
            self.language_notice.setText(f'{text} <a href="{link}">{link_text}</a>')
            self.language_notice.show()

    def next_highlight(self) -> None:
        self.view.step_match(True)
        self.find_bar.sync_count()

    def previous_highlight(self) -> None:
        self.view.step_match(False)
        self.find_bar.sync_count()
