"""'Show to the person' cards on paper: one A4 sheet per language, to a PDF file or a printer.

A :class:`CardSheet` is what one page shows: the language's name in its own script at the top,
then that language's cards for the user's country (:func:`reader.content.cards.cards_for`),
each in a bordered block, the hotline card with its number in large bold type on a line of its
own. Arabic sheets run right to left (the number stays left to right: a phone number reads the
same in every script).

:class:`SheetLayout` measures the sheet with QTextLayout in layout units (:data:`LAYOUT_DPI`
dots per inch, as the handbook print) and, when the cards would not fit on one page, lays them
out again in smaller type, step by step (:data:`SCALES`); what it measured is what it paints.
:func:`paint_sheets` paints any QPagedPaintDevice (QPdfWriter, QPrinter), :func:`render_sheet`
a QImage (the tests and a look at the page use it), :func:`write_cards_pdf` writes the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from reader.content.cards import CARD_IDS, CardSet, cards_for, hotline_number
from reader.content.country_records import CountryRecord
from reader.i18n import _
from reader.ui.print_export import LAYOUT_DPI, PrintExportError, mm_to_units, points_to_units

MARGIN_MM = 15.0
TITLE_PT = 36.0  # the language's name
BODY_PT = 28.0  # a card's text
NUMBER_PT = 44.0  # the hotline number
PADDING_PT = 14.0  # inside a card's border
GAP_PT = 14.0  # between cards
BORDER_PT = 1.5
HOTLINE_BORDER_PT = 3.5
#: Type sizes tried in turn until the sheet fits on one page (1.0: the sizes above).
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55, 0.5, 0.45, 0.4)
MIN_SCALE = 0.05  # below the steps, for a card far longer than any real one
#: Stripped around the hotline number on its own line (its own line is left to right anyway).
BIDI_MARKS = " \t\n\u200e\u200f\u2066\u2067\u2068\u2069"
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Arial", "Tahoma"]


@dataclass(frozen=True)
class CardSheet:
    """One language's cards for one country (or none): the content of one page."""

    code: str
    name: str  # in the language's own script
    rtl: bool
    cards: tuple[tuple[str, str], ...]  # (card id, text), in order
    number: str  # the hotline number written into the hotline card


def sheet_for(card_set: CardSet, record: CountryRecord | None) -> CardSheet:
    """The sheet of one card set; a card without text (a partial set) is left out."""
    number = hotline_number(record)
    try:
        shown = cards_for(card_set, record)
    except KeyError:  # a partial set: the cards it has, in the usual order
        police = record is not None and record.police_card_allowed()
        shown = [
            (ident, card_set.cards[ident].replace("{number}", number))
            for ident in CARD_IDS
            if ident in card_set.cards and (police or ident != "police")
        ]
    cards = tuple((ident, text) for ident, text in shown if text and text.strip())
    return CardSheet(card_set.code, card_set.name, card_set.direction == "rtl", cards, number)


def sheets_for(
    card_sets: dict[str, CardSet], codes: Sequence[str], record: CountryRecord | None
) -> list[CardSheet]:
    """The sheets of the languages ``codes`` (in that order) that have a card set."""
    return [sheet_for(card_sets[code], record) for code in codes if code in card_sets]


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(points_to_units(points))))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def layout_device() -> QImage:
    """A tiny image at :data:`LAYOUT_DPI`: text is measured for it, painted anywhere."""
    device = QImage(8, 8, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    device.setDotsPerMeterX(dots_per_metre)
    device.setDotsPerMeterY(dots_per_metre)
    return device


@dataclass
class TextBlock:
    """Wrapped text at a place on the page (layout units)."""

    layout: QTextLayout
    top_left: QPointF
    height: float

    def paint(self, painter: QPainter) -> None:
        self.layout.draw(painter, self.top_left)


@dataclass
class CardBlock:
    ident: str
    rect: QRectF  # the border
    text_rect: QRectF  # inside the padding
    texts: list[TextBlock] = field(default_factory=list)


class SheetLayout:
    """One sheet laid out on one page; ``scale`` is the type size used (1.0: full size)."""

    def __init__(
        self, sheet: CardSheet, page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4
    ) -> None:
        self.sheet = sheet
        self.page_size = QPageSize(page_size)
        full = self.page_size.rect(QPageSize.Unit.Millimeter)
        self.page_width = mm_to_units(full.width())
        self.page_height = mm_to_units(full.height())
        margin = mm_to_units(MARGIN_MM)
        self.body = QRectF(
            margin, margin, self.page_width - 2 * margin, self.page_height - 2 * margin
        )
        self._device = layout_device()
        self.scale = SCALES[0]
        self.height = 0.0
        for scale in SCALES:
            self._lay_out(scale)
            if self.fits:
                return
        scale = SCALES[-1]
        while not self.fits and scale > MIN_SCALE:  # far more text than cards hold: keep going
            scale *= 0.85
            self._lay_out(scale)

    @property
    def fits(self) -> bool:
        return self.height <= self.body.height()

    @property
    def body_points(self) -> float:
        return BODY_PT * self.scale

    def _text(self, text: str, font: QFont, width: float, rtl: bool, top: float) -> TextBlock:
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setUseDesignMetrics(True)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        option.setTextDirection(direction)
        align = Qt.AlignmentFlag.AlignRight if self.sheet.rtl else Qt.AlignmentFlag.AlignLeft
        option.setAlignment(align | Qt.AlignmentFlag.AlignAbsolute)
        layout = QTextLayout(text, font, self._device)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return TextBlock(layout, QPointF(self.body.left(), top), y)

    def _lay_out(self, scale: float) -> None:
        self.scale = scale
        rtl = self.sheet.rtl
        body, width = self.body, self.body.width()
        top = body.top()
        self.title = self._text(self.sheet.name, _font(TITLE_PT * scale, True), width, rtl, top)
        top += self.title.height + points_to_units(GAP_PT * scale) * 1.5
        padding = points_to_units(PADDING_PT * scale)
        inner = width - 2 * padding
        self.cards: list[CardBlock] = []
        for ident, text in self.sheet.cards:
            pieces: list[tuple[str, QFont, bool]] = [(text, _font(BODY_PT * scale), rtl)]
            number = self.sheet.number
            if ident == "hotline" and number in text:
                before, _sep, after = text.partition(number)
                pieces = [(before.strip(BIDI_MARKS), _font(BODY_PT * scale), rtl)]
                pieces.append((number, _font(NUMBER_PT * scale, True), False))
                pieces.append((after.strip(BIDI_MARKS), _font(BODY_PT * scale), rtl))
            card_top = top
            y = top + padding
            texts = []
            for piece, font, piece_rtl in pieces:
                if not piece:
                    continue
                block = self._text(piece, font, inner, piece_rtl, y)
                block.top_left = QPointF(body.left() + padding, y)
                texts.append(block)
                y += block.height + padding * 0.25
            y += padding * 0.75
            rect = QRectF(body.left(), card_top, width, y - card_top)
            text_rect = rect.adjusted(padding, padding, -padding, -padding)
            self.cards.append(CardBlock(ident, rect, text_rect, texts))
            top = y + points_to_units(GAP_PT * scale)
        self.height = top - points_to_units(GAP_PT * scale) - body.top()

    def card(self, ident: str) -> CardBlock | None:
        return next((card for card in self.cards if card.ident == ident), None)

    def paint(self, painter: QPainter) -> None:
        """Paint the page in layout units (the caller scales the painter to its device)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("black"))
        self.title.paint(painter)
        radius = points_to_units(6 * self.scale)
        for card in self.cards:
            border = HOTLINE_BORDER_PT if card.ident == "hotline" else BORDER_PT
            pen = QPen(QColor("black"))
            pen.setWidthF(points_to_units(border))
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = pen.widthF() / 2
            painter.drawRoundedRect(card.rect.adjusted(half, half, -half, -half), radius, radius)
            painter.setPen(QColor("black"))
            for text in card.texts:
                text.paint(painter)
        painter.restore()


def sheet_page_layout(page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4) -> QPageLayout:
    """The device page layout: the whole sheet, portrait, no device margins."""
    return QPageLayout(
        QPageSize(page_size),
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def paint_sheets(layouts: Sequence[SheetLayout], device: QPagedPaintDevice) -> int:
    """Paint one page per sheet onto ``device`` (its page layout already set); pages painted."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintExportError(_("The printer or file could not be opened for writing."))
    try:
        scale = device.logicalDpiX() / LAYOUT_DPI
        for index, layout in enumerate(layouts):
            if index > 0:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            layout.paint(painter)
            painter.restore()
        return len(layouts)
    finally:
        painter.end()


def render_sheet(layout: SheetLayout, dpi: int = 96) -> QImage:
    """The page as an image, white paper, painted by the same code as the PDF."""
    scale = dpi / LAYOUT_DPI
    size = (round(layout.page_width * scale), round(layout.page_height * scale))
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    layout.paint(painter)
    painter.end()
    return image


def write_cards_pdf(sheets: Sequence[CardSheet], path: Path) -> int:
    """Write one A4 page per sheet to ``path``; returns the page count.

    Written to a temporary file beside ``path`` and renamed over it at the end, so a failure
    leaves an earlier file of that name as it was. Raises :class:`PrintExportError`.
    """
    from PySide6.QtGui import QPdfWriter

    def failed(exc: OSError) -> PrintExportError:
        reason = exc.strerror or str(exc)
        return PrintExportError(
            _("The PDF could not be written to {file}: {reason}").format(file=path, reason=reason)
        )

    layouts = [SheetLayout(sheet) for sheet in sheets]
    try:
        handle, temporary = tempfile.mkstemp(prefix=".strom-cards-", suffix=".pdf", dir=path.parent)
    except OSError as exc:
        raise failed(exc) from exc
    os.close(handle)
    written = Path(temporary)
    try:
        writer = QPdfWriter(str(written))
        writer.setResolution(300)
        writer.setPageLayout(sheet_page_layout())
        writer.setTitle(_("Cards for the person"))
        writer.setCreator("STROM Reader")
        pages = paint_sheets(layouts, writer)
        del writer  # closes the file
        os.replace(written, path)
    except OSError as exc:
        written.unlink(missing_ok=True)
        raise failed(exc) from exc
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    return pages
