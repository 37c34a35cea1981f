"""The toolbar's icons: monochrome Lucide SVGs (resources/icons, ISC licence) in the theme's colour.

Each SVG draws with ``currentColor``; :func:`themed_icon` puts the palette's text colour in its
place and renders it at the sizes a toolbar asks for, so the icons follow light, dark and high
contrast. A checkable action gets a filled variant for its "on" state (the star of a bookmarked
section).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader.paths import resources_dir

SIZES = (16, 20, 32, 40)  # px; 32 and 40 serve screens at twice the pixel density
ICON_SIZE = QSize(20, 20)  # in the toolbar


@cache
def svg_source(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def themed_icon(name: str, colour: str, disabled: str, filled_on: bool = False) -> QIcon:
    """``resources/icons/<name>.svg`` drawn in ``colour`` (``disabled`` when the action is off)."""
    source = svg_source(name)
    icon = QIcon()
    for size in SIZES:
        for mode, ink in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
            svg = source.replace("currentColor", ink)
            icon.addPixmap(_pixmap(svg, size), mode, QIcon.State.Off)
            if filled_on:
                filled = svg.replace('fill="none"', f'fill="{ink}"')
                icon.addPixmap(_pixmap(filled, size), mode, QIcon.State.On)
    return icon
