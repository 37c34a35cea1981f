"""The presentation window: one section as full-screen slides, for a room and a projector.

The slides are cut by reader.present from the section's block structure; this window lays each
candidate out in a real QTextDocument at the slide's text size and pane width to say whether it
fits, and paints the slide documents, the footer and the black or white screen itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QCloseEvent,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from reader.content.model import Pack
from reader.i18n import _, format_number, language_in_sentence, ngettext
from reader.present import style
from reader.present.deck import Deck, build_deck, next_section
from reader.present.style import Rect, SlideLayout
from reader.ui.pack_resources import pack_resource_path

NEXT_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down}
PREVIOUS_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace}
ENTER_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
BLANK_COLOURS = {"black": "#000000", "white": "#ffffff"}


class SlideDocument(QTextDocument):
    """A slide's text, laid out as it is painted; images come only from inside the pack."""

    def __init__(self, pack_root: Path, css: str, pixel_size: int, width: int) -> None:
        super().__init__()
        self.pack_root = pack_root
        self.setDocumentMargin(0)
        self.setDefaultStyleSheet(css)
        font = QFont()
        font.setPixelSize(pixel_size)
        self.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setDefaultTextOption(option)
        self.setTextWidth(width)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        path = pack_resource_path(self.pack_root, name)
        return path.read_bytes() if path is not None else None

    def show(self, html: str) -> SlideDocument:
        self.setHtml(html)
        return self

    def fits(self, pane: Rect) -> bool:
        return self.scale_for(pane) >= 1.0

    def scale_for(self, pane: Rect) -> float:
        """1.0 when the slide fits its pane; else how far to shrink it so that all of it shows.

        The cutter makes every slide fit except one block larger than a slide on its own that
        cannot be cut (a table too wide for the screen): that one is shown smaller, whole.
        """
        height = self.documentLayout().documentSize().height()
        width = self.idealWidth()
        factor = 1.0
        if height > pane.height:
            factor = min(factor, pane.height / height)
        if width > pane.width + 0.5:
            factor = min(factor, pane.width / width)
        return factor


class PresentationWindow(QWidget):
    """Full-screen slides of one section; Esc closes it and says where the trainer got to."""

    sectionChanged = Signal(str)  # the section now presented (after moving past its end)
    finished = Signal(str)  # the section reached, when the presentation ends
    optionsChanged = Signal()  # theme or text size changed with the keys

    def __init__(
        self,
        pack: Pack,
        section_id: str,
        languages: Sequence[str],
        theme: str = style.DEFAULT_THEME,
        text_percent: int = style.TEXT_PERCENT_DEFAULT,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentationWindow")
        self.setWindowTitle(_("Presentation"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.pack = pack
        self.section_id = section_id
        self.languages = tuple(languages)
        self.theme_key = theme if theme in style.THEMES else style.DEFAULT_THEME
        self.text_percent = style.clamp_percent(text_percent)
        self.blank = ""  # "", "black" or "white"
        self.typed = ""  # digits typed for a jump
        self.index = 0
        self.deck: Deck | None = None
        self._laid_out_for: tuple[int, int] = (0, 0)
        self._documents: list[SlideDocument] = []
        self._cut_cache: dict[str, Deck] = {}
        self._cut_cache_key: tuple[object, ...] = ()
        self._prepare = QTimer(self)  # cuts the neighbouring sections when the window is idle
        self._prepare.setSingleShot(True)
        self._prepare.setInterval(0)
        self._prepare.timeout.connect(self._prepare_neighbours)
        self.resize(1024, 768)

    # Geometry and cutting ------------------------------------------------------------------
    @property
    def pixel_size(self) -> int:
        short_side = min(self.width(), self.height())
        return style.text_pixel_size(short_side, self.text_percent, len(self.languages) > 1)

    def slide_layout(self) -> SlideLayout:
        return style.slide_layout(
            self.width(), self.height(), self.pixel_size, max(1, len(self.languages))
        )

    def new_document(self, width: int) -> SlideDocument:
        css = style.slide_css(self.theme_key)
        return SlideDocument(self.pack.root, css, self.pixel_size, width)

    def _cut_key(self) -> tuple[object, ...]:
        """What a cut depends on besides the section: when it changes, cuts are redone."""
        return (self.width(), self.height(), self.pixel_size, self.theme_key, self.languages)

    def cut(self, section_id: str) -> Deck:
        """The section's slides for the present size and text size (kept for the next time)."""
        key = self._cut_key()
        if self._cut_cache_key != key:
            self._cut_cache, self._cut_cache_key = {}, key
        if section_id in self._cut_cache:
            return self._cut_cache[section_id]
        panes = self.slide_layout().panes
        measurers = [self.new_document(pane.width) for pane in panes]

        def fits(htmls: Sequence[str]) -> bool:
            # One HTML per distinct language: a missing second language repeats the first.
            checks = zip(measurers, panes, htmls, strict=False)
            return all(doc.show(html).fits(pane) for doc, pane, html in checks)

        deck = build_deck(self.pack, section_id, self.languages, fits)
        self._cut_cache[section_id] = deck
        return deck

    def build(self, section_id: str | None = None, at_end: bool = False) -> None:
        """Show ``section_id`` (else the same section, re-cut) for the present sizes."""
        keep = (self.index, len(self.deck.slides)) if self.deck and section_id is None else None
        if section_id is not None:
            self.section_id = section_id
        self.deck = self.cut(self.section_id)
        count = len(self.deck.slides)
        if keep is not None:
            self.index = min(count - 1, round(keep[0] * count / max(1, keep[1])))
        else:
            self.index = count - 1 if at_end else 0
        self._laid_out_for = (self.width(), self.height())
        self._show_slide()
        self._prepare.start()

    def _prepare_neighbours(self) -> None:
        """Cut the sections before and after while the trainer talks, so turning there is quick."""
        if self.deck is None or not self.isVisible():
            return
        for forward in (True, False):
            target = next_section(self.pack, self.section_id, forward)
            if target is not None:
                self.cut(target)

    def _show_slide(self) -> None:
        assert self.deck is not None
        panes = self.slide_layout().panes
        htmls = self.deck.slide_html(self.index)
        pairs = zip(panes, htmls, strict=True)
        self._documents = [self.new_document(pane.width).show(html) for pane, html in pairs]
        self.update()

    def slide_documents(self) -> list[SlideDocument]:
        """The documents painted for the current slide (laid out at the pane width)."""
        return list(self._documents)

    @property
    def slide_count(self) -> int:
        return len(self.deck.slides) if self.deck else 0

    # Moving ---------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if self.deck is None:
            return
        self.index = max(0, min(self.slide_count - 1, index))
        self.blank = ""
        self._show_slide()

    def next_slide(self) -> None:
        if self.index + 1 < self.slide_count:
            self.go_to(self.index + 1)
        else:
            self._move_section(True)

    def previous_slide(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)
        else:
            self._move_section(False)

    def _move_section(self, forward: bool) -> None:
        target = next_section(self.pack, self.section_id, forward)
        if target is None:
            return
        self.blank = ""
        self.build(target, at_end=not forward)
        self.sectionChanged.emit(target)

    def toggle_blank(self, colour: str) -> None:
        self.blank = "" if self.blank == colour else colour
        self.update()

    def change_text_size(self, steps: int) -> None:
        before = self.pixel_size
        percent = style.clamp_percent(self.text_percent + steps * style.TEXT_PERCENT_STEP)
        if percent == self.text_percent:
            return
        self.text_percent = percent
        if self.pixel_size == before and steps < 0:
            return  # already at the readable minimum
        self.build()
        self.optionsChanged.emit()

    def set_theme(self, key: str) -> None:
        self.theme_key = key if key in style.THEMES else style.DEFAULT_THEME
        self.build()
        self.optionsChanged.emit()

    # Events ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        text = event.text()
        if text.isdigit() and len(text) == 1:
            self.typed = (self.typed + text)[-4:]
            self.update()
        elif key in ENTER_KEYS and self.typed:
            number = int(self.typed)
            self.typed = ""
            self.go_to(number - 1)
        elif key == Qt.Key.Key_Backspace and self.typed:
            self.typed = self.typed[:-1]
            self.update()
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT_KEYS:
            self.typed = ""
            self.next_slide()
        elif key in PREVIOUS_KEYS:
            self.typed = ""
            self.previous_slide()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.slide_count - 1)
        elif key == Qt.Key.Key_B or text in (".", "b", "B"):
            self.toggle_blank("black")
        elif key == Qt.Key.Key_W:
            self.toggle_blank("white")
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.change_text_size(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.change_text_size(-1)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.deck is not None and self._laid_out_for != (self.width(), self.height()):
            self.build()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.finished.emit(self.section_id)

    def footer_texts(self) -> tuple[str, str, str]:
        """Chapter title, the note in the middle (jump or missing language) and "slide n of m"."""
        count = self.slide_count
        position = ngettext("Slide {number} of {count}", "Slide {number} of {count}", count).format(
            number=format_number(self.index + 1), count=format_number(count)
        )
        middle = ""
        if self.typed:
            middle = _("Go to slide {number}").format(number=format_number(int(self.typed)))
        elif self.deck is not None and self.deck.missing:
            middle = _("Not translated into {language}: shown in {first}.").format(
                language=language_in_sentence(self.deck.missing[0]),
                first=language_in_sentence(self.deck.shown[0]),
            )
        return (self.deck.chapter_title if self.deck else "", middle, position)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.blank:
            painter.fillRect(self.rect(), QColor(BLANK_COLOURS[self.blank]))
            return
        theme = style.theme(self.theme_key)
        painter.fillRect(self.rect(), QColor(theme.background))
        layout = self.slide_layout()
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
        context.palette = palette
        for document, pane in zip(self._documents, layout.panes, strict=False):
            painter.save()
            painter.translate(QPointF(pane.x, pane.y))
            factor = document.scale_for(pane)
            if factor < 1.0:
                painter.scale(factor, factor)
            document.documentLayout().draw(painter, context)
            painter.restore()
        if len(layout.panes) == 2:
            first, second = layout.panes
            painter.setPen(QColor(theme.rule))
            if second.x > first.x:
                x = (first.x + first.width + second.x) // 2
                painter.drawLine(x, first.y, x, first.y + first.height)
            else:
                y = (first.y + first.height + second.y) // 2
                painter.drawLine(first.x, y, first.x + first.width, y)
        self._paint_footer(painter, layout, theme)

    def _paint_footer(self, painter: QPainter, layout: SlideLayout, theme: style.Theme) -> None:
        footer = layout.footer
        font = QFont()
        font.setPixelSize(layout.footer_pixel_size)
        painter.setFont(font)
        painter.setPen(QColor(theme.rule))
        painter.drawLine(footer.x, footer.y, footer.x + footer.width, footer.y)
        painter.setPen(QColor(theme.muted))
        chapter, middle, position = self.footer_texts()
        metrics = QFontMetrics(font)
        area = QRectF(footer.x, footer.y, footer.width, footer.height)
        right = metrics.horizontalAdvance(position)
        third = footer.width // 3
        painter.drawText(
            area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, position
        )
        elided = metrics.elidedText(chapter, Qt.TextElideMode.ElideRight, third)
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        if middle:
            width = footer.width - 2 * max(third, right) - 20
            note = metrics.elidedText(middle, Qt.TextElideMode.ElideRight, max(0, width))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, note)
