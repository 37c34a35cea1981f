"""The reading pane: shows rendered pages, loads images only from the pack, zooms, finds text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.i18n import _
from reader.ui.pack_resources import pack_resource_path
from reader.ui.theme import current_colours

BASE_POINT_SIZE = 11.0
# The reading column: at most about this many characters of running text a line, centred in a
# wide window; a narrow window uses its whole width less the side margin.
LINE_CHARACTERS = 72
SIDE_MARGIN = 24  # px, at least, either side of the column
# Ordinary running text (its average character is narrower than the font's averageCharWidth,
# which counts capitals and digits alike).
_SAMPLE = "the handbook helps municipal staff to recognise trafficking and to respond to it"


class ReaderView(QTextBrowser):
    """A QTextBrowser that never fetches anything from outside the pack."""

    linkActivated = Signal(QUrl)
    columnChanged = Signal(int)  # the text column's left margin in px, when it changes
    widthChanged = Signal(int)  # the viewport's new width (the start page reflows its cards)

    def __init__(self, pack_root: Path, style_sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack_root = pack_root
        self.setObjectName("readerView")
        self.setAccessibleName(_("Page text"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.base_style_sheet = style_sheet
        self.document().setDefaultStyleSheet(style_sheet)
        self._html = ""
        self.anchorClicked.connect(self.linkActivated.emit)
        self._zoom_percent = 100
        self._matches: list[QTextCursor] = []
        self._current_match = -1
        self.apply_zoom(100)

    # Resources -----------------------------------------------------------------------------
    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Images come only from inside the pack; everything else is refused."""
        path = pack_resource_path(self.pack_root, name)
        return path.read_bytes() if path is not None else None

    # Zoom -----------------------------------------------------------------------------------
    @property
    def zoom_percent(self) -> int:
        return self._zoom_percent

    def apply_zoom(self, percent: int) -> None:
        self._zoom_percent = percent
        font = QFont(self.font())
        font.setPointSizeF(BASE_POINT_SIZE * percent / 100)
        self.document().setDefaultFont(font)
        self.setFont(font)
        self.fit_column()

    # Reading column ---------------------------------------------------------------------------
    def column_width(self) -> float:
        """The widest the text column gets, in px: LINE_CHARACTERS of the body font."""
        metrics = QFontMetricsF(self.document().defaultFont())
        return metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * LINE_CHARACTERS

    def fit_column(self) -> None:
        """Centre the text in a column of at most :meth:`column_width` (the page margins)."""
        available = self.viewport().width()
        margin = max(float(SIDE_MARGIN), (available - self.column_width()) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if frame.leftMargin() == margin and frame.rightMargin() == margin:
            return
        frame.setLeftMargin(margin)
        frame.setRightMargin(margin)
        frame.setTopMargin(16)
        frame.setBottomMargin(24)
        root.setFrameFormat(frame)
        self.columnChanged.emit(round(margin))

    # Page -------------------------------------------------------------------------------------
    @property
    def page_html(self) -> str:
        """The HTML of the page shown (before find highlights)."""
        return self._html

    def show_page(self, html: str) -> None:
        self.clear_matches()
        self._html = html
        self.setHtml(html)
        self.fit_column()
        self.verticalScrollBar().setValue(0)

    def replace_page(self, html: str) -> None:
        """Show a new layout of the same page, keeping the scroll position."""
        position = self.verticalScrollBar().value()
        self.clear_matches()
        self._html = html
        self.setHtml(html)
        self.fit_column()
        self.verticalScrollBar().setValue(position)

    def resizeEvent(self, event: QResizeEvent) -> None:
        old = event.oldSize().width()
        super().resizeEvent(event)
        self.fit_column()
        if old != event.size().width():
            self.widthChanged.emit(self.viewport().width())

    def set_theme_css(self, css: str) -> None:
        """Page colours of a theme, after the base style sheet; the page shown is restyled."""
        self.document().setDefaultStyleSheet(self.base_style_sheet + css)
        if self._html:
            position = self.verticalScrollBar().value()
            self.clear_matches()
            self.setHtml(self._html)
            self.fit_column()
            self.verticalScrollBar().setValue(position)

    # Find ---------------------------------------------------------------------------------------
    def _occurrences(self, text: str, flags: QTextDocument.FindFlag) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        document = self.document()
        cursor = QTextCursor(document)
        while text:
            cursor = document.find(text, cursor, flags)
            if cursor.isNull():
                break
            found.append(QTextCursor(cursor))
        return found

    def find_all(self, text: str) -> int:
        """Highlight every occurrence of ``text``; returns how many there are."""
        self._matches = self._occurrences(text, QTextDocument.FindFlag(0))
        self._current_match = -1
        self._paint_matches()
        return len(self._matches)

    def highlight_words(self, words: list[str]) -> int:
        """Highlight every whole-word occurrence of any of ``words`` (search hits)."""
        flags = QTextDocument.FindFlag.FindWholeWords
        found: dict[int, QTextCursor] = {}
        for word in words:
            for cursor in self._occurrences(word, flags):
                found.setdefault(cursor.selectionStart(), cursor)
        self._matches = [found[position] for position in sorted(found)]
        self._current_match = -1
        self._paint_matches()
        return len(self._matches)

    def clear_matches(self) -> None:
        self._matches = []
        self._current_match = -1
        self.setExtraSelections([])

    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int:
        """Index of the match shown as current, or -1."""
        return self._current_match

    def step_match(self, forward: bool = True) -> int:
        """Move to the next (or previous) match, wrapping around; returns its index."""
        if not self._matches:
            return -1
        step = 1 if forward else -1
        if self._current_match < 0:
            self._current_match = 0 if forward else len(self._matches) - 1
        else:
            self._current_match = (self._current_match + step) % len(self._matches)
        cursor = self._matches[self._current_match]
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._paint_matches()
        return self._current_match

    def _paint_matches(self) -> None:
        """The theme's search-hit colours (reader/themes.py mark_*), the current one apart."""
        c = current_colours()
        mark, current, text = QColor(c.mark_bg), QColor(c.current_mark_bg), QColor(c.mark_text)
        selections = []
        for index, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(current if index == self._current_match else mark)
            fmt.setForeground(text)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
