"""The early first page: a picture of the window on the page the next start opens, shown before
the window.

The snapshot is written by the real window; the early window is shown by a fresh interpreter
(as ``strom-reader`` starts) before the main window, Whoosh or Babel are imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from pytestqt.qtbot import QtBot

from reader import paths
from reader.paths import user_folders
from reader.ui import first_paint
from reader.ui.home_page import HOME_ID
from reader.ui.main_window import MainWindow
from tests.ui.conftest import Launcher

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from reader.ui import first_paint
painted = first_paint.paint_first_page(sys.argv[1:])
shell = first_paint.shell()
print(json.dumps({
    "painted": painted,
    "loaded": sorted(m for m in ("reader.ui.main_window", "whoosh", "babel", "reader.content",
                                 "socket", "platformdirs")
                     if m in sys.modules),
    "title": shell.title() if shell else "",
    "size": [shell.width(), shell.height()] if shell else [],
    "exposed": shell.isExposed() if shell else False,
    "picture": [shell.image.width(), shell.image.height()] if shell else [],
}))
"""


def _snapshot_file() -> Path:
    return first_paint.snapshot_path(user_folders().cache)


def _early(args: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    env = {**(env or os.environ), "QT_QPA_PLATFORM": "offscreen"}  # STROM_READER_HOME: the test's
    result = subprocess.run(
        [sys.executable, "-c", CHILD, "strom-reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _read_a_section(launch: Launcher, qtbot: QtBot) -> MainWindow:
    app, window = launch()
    section = window.pack.section_order()[1]
    window.open_section(section)
    qtbot.waitUntil(lambda: not app._first_page_timer.isActive(), timeout=5000)
    return window


def test_the_page_read_last_is_painted_before_the_window_is_imported(
    launch: Launcher, qtbot: QtBot
) -> None:
    window = _read_a_section(launch, qtbot)  # written after the reader stays on it, no close
    assert _snapshot_file().is_file()
    picture = QImage(str(_snapshot_file()))
    # The picture is the window on that page: its size, and the page's own pixels.
    assert picture.size() == window.grab().toImage().size()
    view = window.view.viewport()
    corner = view.mapTo(window, view.rect().topLeft())
    page = picture.copy(corner.x(), corner.y(), view.width(), view.height())
    assert page == view.grab().toImage().convertToFormat(page.format())
    report = _early([])
    assert report["painted"] is True
    # Neither the window, the pack, Whoosh, Babel, socket (the network guard is an audit hook)
    # nor platformdirs (the tests' STROM_READER_HOME) is imported for the early page.
    assert report["loaded"] == []
    assert report["title"] and "STROM" in str(report["title"])
    assert report["size"] == [window.width(), window.height()]
    assert report["picture"] == [picture.width(), picture.height()]


def test_options_or_a_damaged_snapshot_paint_nothing_early(launch: Launcher, qtbot: QtBot) -> None:
    _read_a_section(launch, qtbot)
    assert _early(["--open", "x"])["painted"] is False  # another page is asked for
    assert _early(["search", "x"])["painted"] is False
    path = _snapshot_file()
    good = path.read_bytes()
    assert first_paint.read_snapshot(path) is not None
    for damage in ({"format": "2"}, {"version": "0.0.0-old"}, {"width": "-3"}, {"x": "ten"}):
        picture = QImage(str(path))
        for key, value in damage.items():
            picture.setText(key, value)
        assert picture.save(str(path))
        assert first_paint.read_snapshot(path) is None, damage
    path.write_bytes(good[:200])  # a picture cut short
    assert _early([])["painted"] is False
    path.unlink()
    assert _early([])["painted"] is False


def test_the_early_page_finds_the_platforms_cache_folder_without_platformdirs(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("STROM_READER_HOME", "XDG_CACHE_HOME")}
    env["HOME"] = str(tmp_path)
    probe = (
        "import platformdirs; print(platformdirs.user_cache_dir('strom-reader', appauthor=False))"
    )
    cache = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    snapshot = first_paint.Snapshot("STROM Reader", x=10, y=10, width=300, height=200)
    first_paint.write_snapshot(first_paint.snapshot_path(Path(cache)), snapshot, image)
    report = _early([], env)
    assert report["painted"] is True
    assert "platformdirs" not in report["loaded"]  # type: ignore[operator]
    assert report["size"] == [300, 200]


@pytest.mark.parametrize("xdg", [None, "/tmp/elsewhere-cache", "relative/cache"])
def test_the_early_cache_folder_is_platformdirs_folder(
    xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    monkeypatch.delenv("STROM_READER_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = Path(platformdirs.user_cache_dir("strom-reader", appauthor=False))
    assert paths.early_cache_folder() == expected
    assert paths.early_cache_is_right(user_folders())


def test_no_first_page_is_kept_where_the_early_page_would_not_look(
    launch: Launcher, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, window = launch()
    window.open_section(window.pack.section_order()[1])
    app.save_first_page()
    assert _snapshot_file().is_file()
    monkeypatch.setattr(paths, "early_cache_folder", lambda portable=False: Path("/elsewhere"))
    app.save_first_page()
    assert not _snapshot_file().exists()


def test_the_start_page_is_forgotten_when_the_next_start_opens_a_section(
    launch: Launcher, qtbot: QtBot
) -> None:
    app, window = launch()
    window.open_section(window.pack.section_order()[1])
    window.store_state()  # the section becomes the one the next start opens
    window.open_section(HOME_ID)
    app.save_first_page()
    assert not _snapshot_file().exists()


def test_the_full_window_takes_over_where_the_early_page_sat(
    launch: Launcher, qtbot: QtBot
) -> None:
    _app, window = launch()
    window.open_section(window.pack.section_order()[1])
    qtbot.waitUntil(lambda: _snapshot_file().is_file(), timeout=5000)
    found = first_paint.read_snapshot(_snapshot_file())
    assert found is not None
    early = first_paint.show_early(*found)
    qtbot.waitUntil(early.isExposed)
    assert early.geometry() == window.geometry()  # the picture sits where the window opens
    first_paint.hand_over(window)
    assert first_paint.shell() is None
    qtbot.waitUntil(lambda: not early.isVisible())


def test_a_snapshot_on_a_screen_that_is_gone_opens_on_this_one(qtbot: QtBot) -> None:
    snapshot = first_paint.Snapshot("STROM Reader", x=-40000, y=-40000, width=500, height=300)
    image = QImage(500, 300, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    early = first_paint.show_early(snapshot, image)
    qtbot.waitUntil(early.isExposed)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.intersects(early.geometry())
    assert (early.width(), early.height()) == (500, 300)
    early.close()
    first_paint._shell = None


@pytest.mark.parametrize("size", [(500, 300), (700, 300), (500, 420), (720, 460)])
def test_the_background_fills_only_what_the_picture_does_not_cover(size: tuple[int, int]) -> None:
    picture = QImage(500, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    snapshot = first_paint.Snapshot("STROM", 0, 0, 500, 300, background="#ffeedd")
    window = QImage(*size, QImage.Format.Format_RGB32)
    window.fill(QColor("#000000"))  # what an unpainted window would show
    painter = QPainter(window)
    first_paint.paint_picture(painter, QSize(*size), picture, snapshot)
    painter.end()
    width, height = size
    for x in {0, 250, 499, 500, width - 1}:
        for y in {0, 150, 299, 300, height - 1}:
            if x < width and y < height:
                covered = x < 500 and y < 300
                expected = "#336699" if covered else "#ffeedd"
                assert window.pixelColor(x, y).name() == expected, (x, y)
