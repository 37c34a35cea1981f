"""Draw the app icon with QPainter and save it as resources/strom-reader.png and .ico.

Usage: python build_scripts/make_icon.py    (the result is checked in; run again after a change)

An open book in white on a deep blue rounded square, with a teal bookmark ribbon: readable at
16 px (the book's silhouette) and at 256 px. The .ico holds 16, 32, 48 and 256 px images.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
SIZES = (16, 32, 48, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1f4e8c"))
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # The two pages of an open book.
    for side in (-1, 1):
        page = QPainterPath(QPointF(128, 84))
        page.cubicTo(
            QPointF(128 + side * 30, 66), QPointF(128 + side * 70, 66), QPointF(128 + side * 92, 76)
        )
        page.lineTo(QPointF(128 + side * 92, 186))
        page.cubicTo(
            QPointF(128 + side * 70, 176), QPointF(128 + side * 30, 176), QPointF(128, 194)
        )
        page.closeSubpath()
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(page)
    # The spine and a few lines of text on the right page.
    painter.setPen(QPen(QColor("#1f4e8c"), 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(128, 86), QPointF(128, 190))
    painter.setPen(QPen(QColor("#9fb6d6"), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (104, 124, 144):
        painter.drawLine(QPointF(146, y), QPointF(204, y + 2))
    # The bookmark ribbon on the left page.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#2bb3a3"))
    ribbon = QPainterPath(QPointF(70, 66))
    for x, y in ((96, 66), (96, 150), (83, 136), (70, 150)):
        ribbon.lineTo(QPointF(x, y))
    ribbon.closeSubpath()
    painter.drawPath(ribbon)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])
    png = RESOURCES / "strom-reader.png"
    if not draw(256).save(str(png)):
        print(f"cannot write {png}", file=sys.stderr)
        return 1
    ico = RESOURCES / "strom-reader.ico"
    # Qt's ICO writer stores one image per call; build the multi-size file from the PNGs.
    images = [draw(size) for size in SIZES]
    if not write_ico(images, ico):
        print(f"cannot write {ico}", file=sys.stderr)
        return 1
    print(f"wrote {png} and {ico} ({', '.join(f'{s} px' for s in SIZES)})")
    del app
    return 0


def write_ico(images: list[QImage], target: Path) -> bool:
    """An ICO file with PNG-compressed entries (Windows Vista and later read them)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs = []
    for image in images:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stub wants bytes, Qt a str
            return False
        blobs.append(bytes(data.data()))
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() % 256  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    target.write_bytes(header + entries + b"".join(blobs))
    return True


if __name__ == "__main__":
    sys.exit(main())
