"""Lay a :class:`~reader.printing.PrintDocument` out on pages and paint it to a printer or a PDF.

:class:`PageLayout` turns the document's HTML into a QTextDocument cut into A4 pages (in layout
units of :data:`LAYOUT_DPI` dots per inch, with design metrics so that text measured here is the
text painted on any device), then

- keeps every heading with its text: a heading whose next line lands on the following page gets a
  page break before it, repeated until no heading is left alone at the bottom of a page (the
  checks are in reader/ui/print_pages.py);
- fills the table of contents with the pages the headings really landed on, and lays out again
  until the numbers no longer change.

:func:`paint_pages` paints the pages with a header (handbook title, and the chapter or document
title) and a footer (edition, "Page n of m") on every page; it works on a QPdfWriter, a QPrinter
and the print preview's printer alike. Nothing here shows a window, so it runs in a worker thread.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
)

from reader.i18n import _
from reader.printing.documents import PrintDocument, page_label
from reader.ui.pack_resources import pack_resource_path
from reader.ui.print_pages import (
    MAX_PASSES,
    find_anchor_pages,
    keep_headings_with_text,
    page_count,
    relayout,
)

LAYOUT_DPI = 288
SCREEN_DPI = 96
MARGIN_MM = (20.0, 22.0, 20.0, 20.0)  # left, top, right, bottom: header and footer sit inside
HEADER_GAP_MM = 6.0
BODY_POINT_SIZE = 10.5
SMALL_POINT_SIZE = 8.0

PRINT_CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", sans-serif; color: #000000; }
h1 { font-size: 150%; margin-top: 0px; margin-bottom: 8px; }
h1.cover { font-size: 220%; margin-top: 120px; }
h2 { font-size: 125%; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 110%; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 6px; }
li { margin-bottom: 2px; }
a { color: #000000; text-decoration: none; }
p.crumb, p.subtitle, p.cover-line { color: #333333; }
p.subtitle { font-size: 130%; }
p.item { margin-top: 6px; margin-bottom: 2px; margin-left: 22px; text-indent: -22px; }
span.note { color: #222222; }
ul.indicators { list-style-type: none; }
p.fill-in { margin-top: 10px; margin-bottom: 12px; }
small { color: #333333; }
code { font-family: "DejaVu Sans Mono", monospace; }
td.toc-page { padding-left: 12px; }
"""

Progress = Callable[[int, int], None]  # pages painted, pages in all


class PrintExportError(Exception):
    """A PDF or a printer could not be written; the message says which and why."""


def mm_to_units(mm: float) -> float:
    return mm / 25.4 * LAYOUT_DPI


def points_to_units(points: float) -> float:
    return points / 72.0 * LAYOUT_DPI


class _PackDocument(QTextDocument):
    """Loads images only from inside the pack, like the reader view."""

    def __init__(self, pack_root: Path) -> None:
        super().__init__()
        self.pack_root = pack_root

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        path = pack_resource_path(self.pack_root, name)
        return QImage(str(path)) if path is not None else None


class PageLayout:
    """A document cut into pages; ``anchor_pages`` says where each listed heading landed."""

    def __init__(
        self,
        document: PrintDocument,
        pack_root: Path,
        page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
    ) -> None:
        self.source = document
        self.pack_root = pack_root
        self.page_size = QPageSize(page_size)
        full = self.page_size.rect(QPageSize.Unit.Millimeter)
        self.page_width = mm_to_units(full.width())
        self.page_height = mm_to_units(full.height())
        left, top, right, bottom = (mm_to_units(m) for m in MARGIN_MM)
        self.margins = (left, top, right, bottom)
        self.body = QRectF(
            left, top, self.page_width - left - right, self.page_height - top - bottom
        )
        self._device = QImage(8, 8, QImage.Format.Format_RGB32)
        dots_per_metre = round(LAYOUT_DPI / 0.0254)
        self._device.setDotsPerMeterX(dots_per_metre)
        self._device.setDotsPerMeterY(dots_per_metre)
        self.moved_headings = 0
        self.anchor_pages: dict[str, int] = {}
        self.document = self._lay_out()

    # Layout -----------------------------------------------------------------------------
    def _new_document(self, html: str) -> QTextDocument:
        document = _PackDocument(self.pack_root)
        document.documentLayout().setPaintDevice(self._device)
        document.setUseDesignMetrics(True)
        font = QFont("DejaVu Sans")
        font.setPointSizeF(BODY_POINT_SIZE)
        document.setDefaultFont(font)
        document.setDefaultStyleSheet(PRINT_CSS)
        document.setDocumentMargin(0)
        document.setHtml(html)
        fit_images(document, self.body.width(), self.body.height())
        document.setPageSize(QSizeF(self.body.width(), self.body.height()))
        relayout(document)
        return document

    def _lay_out(self) -> QTextDocument:
        pages = None
        document = self._new_document(self.source.html(pages))
        for _pass in range(MAX_PASSES):
            self.moved_headings += keep_headings_with_text(document)
            self.anchor_pages = find_anchor_pages(document)
            if not self.source.has_toc or self.anchor_pages == pages:
                break
            pages = dict(self.anchor_pages)
            document = self._new_document(self.source.html(pages))
        return document

    @property
    def page_count(self) -> int:
        return page_count(self.document)

    def running_title(self, page: int) -> str:
        """The chapter a handbook page belongs to; other documents print their own title."""
        if self.source.kind != "handbook":
            return self.source.title
        title = ""
        for entry in self.source.entries:
            if entry.level == 1 and self.anchor_pages.get(entry.anchor, 10**9) <= page + 1:
                title = entry.title
        return title

    # Painting ---------------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page ``index`` (0-based) in layout units; the caller scales the painter."""
        layout = self.document.documentLayout()
        painter.save()
        painter.translate(self.body.left(), self.body.top() - index * self.body.height())
        clip = QRectF(0, index * self.body.height(), self.body.width(), self.body.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        # Qt draws every line that touches the clip; the line that starts exactly on the page
        # boundary would be drawn (clipped, invisible, but still text in the PDF) on the page
        # before too. A clip a hair inside the page leaves it to its own page.
        context.clip = clip.adjusted(0, 0.5, 0, -0.5)
        context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
        layout.draw(painter, context)
        painter.restore()
        self._paint_header_footer(painter, index)

    def _paint_header_footer(self, painter: QPainter, index: int) -> None:
        left, top, right, bottom = self.margins
        width = self.page_width - left - right
        gap = mm_to_units(HEADER_GAP_MM)
        font = QFont("DejaVu Sans")
        font.setPixelSize(round(points_to_units(SMALL_POINT_SIZE)))
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor("#333333"))
        line_height = painter.fontMetrics().height()
        header = QRectF(left, top - gap - line_height, width, line_height)
        footer = QRectF(left, self.page_height - bottom + gap, width, line_height)
        align_v = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(header, Qt.AlignmentFlag.AlignLeft | align_v, self.source.handbook_title)
        painter.drawText(header, Qt.AlignmentFlag.AlignRight | align_v, self.running_title(index))
        painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | align_v, self.source.edition)
        number = page_label(self.source.language).format(page=index + 1, pages=self.page_count)
        painter.drawText(footer, Qt.AlignmentFlag.AlignRight | align_v, number)
        pen = QPen(QColor("#999999"))
        pen.setWidthF(points_to_units(0.5))
        painter.setPen(pen)
        rule = top - gap / 2
        painter.drawLine(int(left), int(rule), int(left + width), int(rule))
        rule = self.page_height - bottom + gap / 2
        painter.drawLine(int(left), int(rule), int(left + width), int(rule))
        painter.restore()


def fit_images(document: QTextDocument, width: float, height: float) -> int:
    """Shrink every image that would be wider than the body (or taller than most of a page).

    Image sizes are in screen pixels; the layout draws them at 96 pixels to the inch on its
    288-dpi device, so a pixel is :data:`LAYOUT_DPI` / :data:`SCREEN_DPI` layout units.
    Returns how many images were shrunk.
    """
    scale = LAYOUT_DPI / SCREEN_DPI
    fitted = 0
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            if char_format.isImageFormat():
                image_format = char_format.toImageFormat()
                image = document.resource(
                    QTextDocument.ResourceType.ImageResource, QUrl(image_format.name())
                )
                if isinstance(image, QImage) and not image.isNull():
                    w = image_format.width() or image.width()
                    h = image_format.height() or image.height()
                    factor = min(1.0, width / scale / w, height * 0.9 / scale / h)
                    if factor < 1.0:
                        # Whole pixels, rounded down: Qt rounds the size, which could overshoot.
                        image_format.setWidth(math.floor(w * factor))
                        image_format.setHeight(math.floor(h * factor))
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        end = fragment.position() + fragment.length()
                        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image_format)
                        fitted += 1
            iterator += 1
        block = block.next()
    return fitted


def paint_pages(
    layout: PageLayout,
    device: QPagedPaintDevice,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Paint every page onto ``device`` (which must already have its page layout); pages painted."""
    painter = QPainter()
    if not painter.begin(device):
        raise PrintExportError(_("The printer or file could not be opened for writing."))
    try:
        dpi = device.logicalDpiX()
        scale = dpi / LAYOUT_DPI
        total = layout.page_count
        for index in range(total):
            if cancelled is not None and cancelled():
                abort = getattr(device, "abort", None)  # a QPrinter drops the job
                if abort is not None:
                    abort()
                return index
            if index > 0:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            layout.paint_page(painter, index)
            painter.restore()
            if progress is not None:
                progress(index + 1, total)
        return total
    finally:
        painter.end()


def page_layout_for(layout: PageLayout) -> QPageLayout:
    """The device page layout: the whole sheet, no device margins (the painter adds its own)."""
    return QPageLayout(
        layout.page_size,
        QPageLayout.Orientation.Portrait,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Millimeter,
    )


def export_pdf(
    layout: PageLayout,
    path: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the pages to ``path`` as PDF; returns the page count.

    The PDF is written to a temporary file beside ``path`` and renamed over it at the end, so a
    failed or cancelled export leaves any earlier file of that name as it was.
    """
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".strom-print-", suffix=".pdf", dir=folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PrintExportError(
            _("The PDF could not be written to {file}: {reason}").format(file=path, reason=reason)
        ) from exc
    os.close(handle)
    written = Path(temporary)
    try:
        writer = QPdfWriter(str(written))
        writer.setResolution(300)
        writer.setPageLayout(page_layout_for(layout))
        writer.setTitle(f"{layout.source.handbook_title} – {layout.source.title}")
        writer.setCreator("STROM Reader")
        pages = paint_pages(layout, writer, progress, cancelled)
        del writer  # closes the file
        if cancelled is not None and cancelled():
            written.unlink(missing_ok=True)
            return 0
        os.replace(written, path)
    except OSError as exc:
        written.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise PrintExportError(
            _("The PDF could not be written to {file}: {reason}").format(file=path, reason=reason)
        ) from exc
    except BaseException:
        written.unlink(missing_ok=True)
        raise
    return pages
