"""The first page, painted before the rest of the app is imported.

Importing the whole window (panels, search, calendar, Babel data) takes most of the start-up
time. So at every close the app keeps a small snapshot of the page it will open next (the last
section read: its HTML, the page style, where the text column sat in the window, the colours and
the menu titles), and at the next start :func:`paint_first_page` shows that page in a plain
window at the same place, with nothing but Qt and this module imported. The page can already be
scrolled and read; the full window then opens on top of it at the same geometry and
:func:`hand_over` closes the plain one. With no snapshot, a damaged one or one from another
version, nothing is painted early and the app starts as before.

Only the GUI start without options uses it (an --open, --present, --lang or --ui-lang start
would show another page: :func:`reader.launch.wants_first_paint`). Of the reader this module
imports only :mod:`reader.launch`, :mod:`reader.ui.qt_app` and :mod:`reader.paths`
(platformdirs), so that the early window costs little more than Qt itself.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QMenuBar, QTextBrowser, QWidget

from reader import __version__
from reader.launch import wants_first_paint
from reader.ui.qt_app import ensure_application

SNAPSHOT_FILE = "first-page.json"
FORMAT = 1


@dataclass
class Snapshot:
    """What the first window needs; all plain data (JSON)."""

    title: str
    html: str
    style_sheet: str
    geometry: str  # QWidget.saveGeometry(), base64
    margins: tuple[float, float, float, float]  # text column: left, top, right, bottom (px)
    font_family: str
    point_size: float
    background: str  # "#rrggbb"
    foreground: str
    menus: list[str] = field(default_factory=list)  # menu titles, shown greyed until ready
    layout_rtl: bool = False
    version: str = __version__
    format: int = FORMAT


def snapshot_path(cache: Path) -> Path:
    return cache / SNAPSHOT_FILE


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write atomically; a failure (full disk, read-only stick) only costs the early page."""
    temporary = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(asdict(snapshot)), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def read_snapshot(path: Path) -> Snapshot | None:
    """The snapshot, or None when it is missing, damaged or from another version."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("version") != __version__:
            return None
        data["margins"] = tuple(float(m) for m in data["margins"])
        snapshot = Snapshot(**data)
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None
    texts = (snapshot.title, snapshot.html, snapshot.style_sheet, snapshot.geometry)
    if not all(isinstance(t, str) for t in texts) or len(snapshot.margins) != 4:
        return None
    return snapshot


class _PlainPage(QTextBrowser):
    """The early page: text only; it loads nothing (images come with the full window)."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


_shell: QMainWindow | None = None


def paint_first_page(argv: list[str]) -> bool:
    """Show the snapshot's page now, if there is a usable one; True when it was painted."""
    if not wants_first_paint(argv) or QApplication.instance() is not None:
        return False
    from reader.paths import user_folders

    snapshot = read_snapshot(snapshot_path(user_folders("--portable" in argv).cache))
    if snapshot is None:
        return False
    app = ensure_application(argv)
    show_early(snapshot)
    app.processEvents()
    return True


def show_early(snapshot: Snapshot) -> QMainWindow:
    """Show ``snapshot``'s page in a plain window until :func:`hand_over`."""
    global _shell
    _shell = _build(snapshot)
    _shell.show()
    return _shell


def _build(snapshot: Snapshot) -> QMainWindow:
    window = QMainWindow()
    window.setObjectName("firstPage")
    window.setWindowTitle(snapshot.title)
    window.restoreGeometry(QByteArray(base64.b64decode(snapshot.geometry.encode(), validate=False)))
    menus = QMenuBar(window)
    for title in snapshot.menus:
        menus.addMenu(title).setEnabled(False)
    window.setMenuBar(menus)
    palette = QPalette(window.palette())
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(role, QColor(snapshot.background))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(role, QColor(snapshot.foreground))
    window.setPalette(palette)
    page = _PlainPage(window)
    page.setObjectName("firstPageText")
    page.setFrameShape(QTextBrowser.Shape.NoFrame)
    page.setOpenLinks(False)
    page.setPalette(palette)
    font = QFont(snapshot.font_family)
    font.setPointSizeF(snapshot.point_size)
    page.document().setDefaultFont(font)
    page.document().setDefaultStyleSheet(snapshot.style_sheet)
    page.setHtml(snapshot.html)
    root = page.document().rootFrame()
    frame = root.frameFormat()
    left, top, right, bottom = snapshot.margins
    frame.setLeftMargin(max(0.0, left))
    frame.setTopMargin(max(0.0, top - menus.sizeHint().height()))
    frame.setRightMargin(max(0.0, right))
    frame.setBottomMargin(max(0.0, bottom))  # the page's own bottom margin
    root.setFrameFormat(frame)
    if snapshot.layout_rtl:
        window.setLayoutDirection(page.layoutDirection().RightToLeft)
    window.setCentralWidget(page)
    return window


def shell() -> QMainWindow | None:
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


def snapshot_of(window: QMainWindow, view: QTextBrowser, html: str, menus: list[str]) -> Snapshot:
    """The snapshot of ``view`` (showing ``html``) as it sits in ``window`` now."""
    root = view.document().rootFrame().frameFormat()
    origin = view.viewport().mapTo(window, view.viewport().rect().topLeft())
    right_edge = window.width() - (origin.x() + view.viewport().width())
    font = view.document().defaultFont()
    colours = view.palette()
    return Snapshot(
        title=window.windowTitle(),
        html=html,
        style_sheet=view.document().defaultStyleSheet(),
        geometry=base64.b64encode(window.saveGeometry().data()).decode(),
        margins=(
            origin.x() + root.leftMargin(),
            origin.y() + root.topMargin(),
            right_edge + root.rightMargin(),
            root.bottomMargin(),
        ),
        font_family=font.family(),
        point_size=font.pointSizeF(),
        background=colours.color(QPalette.ColorRole.Base).name(),
        foreground=colours.color(QPalette.ColorRole.Text).name(),
        menus=menus,
        layout_rtl=window.layoutDirection() == window.layoutDirection().RightToLeft,
    )
