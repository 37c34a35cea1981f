"""The first page, painted before the rest of the app is imported.

Importing the whole window (panels, search, calendar, Babel data) takes most of the start-up
time. So the app keeps a picture of its window on the page the next start will open (the last
section read): ``<cache>/first-page.png``, what ``QWidget.grab()`` drew, with the window's title,
place and size in the PNG's own text fields (one file, written at once; no JSON module to
import before the page). At the next start
:func:`paint_first_page` shows the picture in a bare window at the same place, with nothing but Qt
and this module imported; the full window then opens on top of it at the same geometry and
:func:`hand_over` closes the bare one. With no snapshot, a damaged one or one from another
version, nothing is painted early and the app starts as before.

A picture, not the page's HTML laid out again: a text page needs Qt's font database, the text
layout of the whole section and a menu bar and a text widget, which cost 30-60 ms of a start of
about 200 ms (build_scripts/bench_startup.py); decoding a 100 KiB PNG takes under 10 ms and needs
no fonts at all. The picture is the window exactly as it was, so the hand-over does not move a
pixel. It cannot be scrolled in the moment before the full window is up.

Only the GUI start without options uses it (an --open, --present, --lang or --ui-lang start
would show another page: :func:`reader.launch.wants_first_paint`). Of the reader this module
imports only :mod:`reader.launch`, :mod:`reader.ui.qt_app`, :mod:`reader.paths` and
:mod:`reader.atomic_files` (standard library only), and the cache folder is found without
platformdirs (:func:`reader.paths.early_cache_folder`, 6-8 ms less).
"""

from __future__ import annotations

from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QRasterWindow
from PySide6.QtWidgets import QWidget

from reader import __version__
from reader.atomic_files import write_atomically
from reader.launch import wants_first_paint
from reader.ui.qt_app import ensure_application

if TYPE_CHECKING:  # its type is made on first use, 2-3 ms: not before the early page
    from PySide6.QtGui import QPaintEvent

IMAGE_FILE = "first-page.png"
OLD_SNAPSHOT_FILE = "first-page.json"  # format 2 kept the description apart
FORMAT = 3
# PNG quality 80 is zlib's fastest levels: ~20 ms to write a 1366x768 window, ~100 KiB.
PNG_QUALITY = 80


class Snapshot(NamedTuple):
    """Where the window was and what it was called; all plain data (the PNG's text fields). A
    NamedTuple, not a dataclass: typing is loaded with Qt already, dataclasses would add ~5 ms
    to the early page."""

    title: str
    x: int
    y: int
    width: int
    height: int
    maximized: bool = False
    pixel_ratio: float = 1.0  # device pixels per window pixel when the picture was taken
    background: str = "#ffffff"  # around the picture when the window opens larger
    version: str = __version__
    format: int = FORMAT


def snapshot_path(cache: Path) -> Path:
    return cache / IMAGE_FILE


def write_snapshot(path: Path, snapshot: Snapshot, image: QImage) -> None:
    """Write the picture with the description in its text fields, atomically; a failure (full
    disk, read-only stick) only costs the early page."""
    from PySide6.QtCore import QBuffer  # its type is made on first use: not before the page

    image = QImage(image)  # the caller's picture keeps its own text fields
    for name, value in snapshot._asdict().items():
        image.setText(name, str(value))
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes; at run time only a str is accepted.
    if not image.save(buffer, "PNG", PNG_QUALITY):  # type: ignore[call-overload]
        return
    try:
        write_atomically(path, bytes(buffer.data().data()))
        path.with_name(OLD_SNAPSHOT_FILE).unlink(missing_ok=True)
    except OSError:
        pass


def forget_snapshot(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(OLD_SNAPSHOT_FILE).unlink(missing_ok=True)


def read_snapshot(path: Path) -> tuple[Snapshot, QImage] | None:
    """The snapshot and its picture, or None when it is missing, damaged or from another
    version (of the app or of this format)."""
    image = QImage(str(path))
    if image.isNull():
        return None
    if image.text("format") != str(FORMAT) or image.text("version") != __version__:
        return None
    try:
        snapshot = Snapshot(
            title=image.text("title"),
            x=int(image.text("x")),
            y=int(image.text("y")),
            width=int(image.text("width")),
            height=int(image.text("height")),
            maximized=image.text("maximized") == "True",
            pixel_ratio=float(image.text("pixel_ratio")),
            background=image.text("background") or "#ffffff",
        )
    except ValueError:
        return None
    if snapshot.width <= 0 or snapshot.height <= 0 or not snapshot.pixel_ratio > 0:
        return None
    image.setDevicePixelRatio(snapshot.pixel_ratio)
    return snapshot, image


class EarlyWindow(QRasterWindow):
    """The picture of the last session's window, until the real one is up."""

    def __init__(self, snapshot: Snapshot, image: QImage) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.image = image

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_picture(painter, QSize(self.width(), self.height()), self.image, self.snapshot)
        painter.end()


def paint_picture(painter: QPainter, size: QSize, image: QImage, snapshot: Snapshot) -> None:
    """The picture at the top left of a window of ``size``, the background colour beside and
    below it where the window is larger (opened maximized on a larger screen). Only there: the
    first fillRect of a process makes Python types for all of Qt's enums (~20 ms, cProfile),
    which the usual start, at the picture's own size, can do after the full window is up."""
    painter.drawImage(0, 0, image)
    covered = image.deviceIndependentSize()
    right, bottom = ceil(covered.width()), ceil(covered.height())
    width, height = size.width(), size.height()
    if right < width:
        painter.fillRect(QRect(right, 0, width - right, height), QColor(snapshot.background))
    if bottom < height:
        painter.fillRect(
            QRect(0, bottom, min(right, width), height - bottom), QColor(snapshot.background)
        )


_shell: EarlyWindow | None = None


def paint_first_page(argv: list[str]) -> bool:
    """Show the snapshot's page now, if there is a usable one; True when it was painted."""
    if not wants_first_paint(argv) or QGuiApplication.instance() is not None:
        return False
    from reader.paths import early_cache_folder

    cache = early_cache_folder("--portable" in argv)
    found = read_snapshot(snapshot_path(cache)) if cache is not None else None
    if found is None:
        return False
    app = ensure_application(argv)
    show_early(*found)
    app.processEvents()
    return True


def show_early(snapshot: Snapshot, image: QImage) -> EarlyWindow:
    """Show ``image`` in a bare window where ``snapshot`` says, until :func:`hand_over`."""
    global _shell
    window = EarlyWindow(snapshot, image)
    window.setTitle(snapshot.title)
    window.setGeometry(_on_screen(QRect(snapshot.x, snapshot.y, snapshot.width, snapshot.height)))
    if snapshot.maximized:
        window.showMaximized()
    else:
        window.show()
    _shell = window
    return window


def _on_screen(place: QRect) -> QRect:
    """``place``, or the same size at the top left of the screen when no screen shows it (a
    second monitor that is gone), as QWidget.restoreGeometry does for the full window."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return place
    if any(s.availableGeometry().intersects(place) for s in QGuiApplication.screens()):
        return place
    available = screen.availableGeometry()
    return QRect(available.topLeft(), place.size().boundedTo(available.size()))


def shell() -> EarlyWindow | None:
    """The early window while it is up (for tests and the hand-over)."""
    return _shell


def hand_over(window: QWidget) -> None:
    """The full window is up: close the early one (it sat under it at the same place)."""
    global _shell
    if _shell is None:
        return
    early, _shell = _shell, None
    window.activateWindow()
    early.close()
    early.deleteLater()


def snapshot_of(window: QWidget) -> tuple[Snapshot, QImage]:
    """``window`` as it is now: where it is, and its picture."""
    place = window.geometry()
    image = window.grab().toImage()
    return (
        Snapshot(
            title=window.windowTitle(),
            x=place.x(),
            y=place.y(),
            width=place.width(),
            height=place.height(),
            maximized=window.isMaximized(),
            pixel_ratio=image.devicePixelRatio(),
            background=window.palette().color(window.backgroundRole()).name(),
        ),
        image,
    )
