"""The early first page: a snapshot of the page the next start opens, shown before the window.

The snapshot is written by the real window; the early window is shown by a fresh interpreter
(as ``strom-reader`` starts) before the main window, Whoosh or Babel are imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.paths import user_folders
from reader.ui import first_paint
from reader.ui.home_page import HOME_ID
from tests.ui.conftest import Launcher

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from reader.ui import first_paint
painted = first_paint.paint_first_page(sys.argv[1:])
shell = first_paint.shell()
print(json.dumps({
    "painted": painted,
    "loaded": sorted(m for m in ("reader.ui.main_window", "whoosh", "babel", "reader.content")
                     if m in sys.modules),
    "title": shell.windowTitle() if shell else "",
    "text": shell.centralWidget().toPlainText()[:400] if shell else "",
}))
"""


def _snapshot_file() -> Path:
    return first_paint.snapshot_path(user_folders().cache)


def _early(args: list[str]) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}  # STROM_READER_HOME: the test's
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


def _read_a_section(launch: Launcher, qtbot: QtBot) -> str:
    app, window = launch()
    section = window.pack.section_order()[1]
    window.open_section(section)
    qtbot.waitUntil(lambda: not app._first_page_timer.isActive(), timeout=5000)
    return window.view.toPlainText()


def test_the_page_read_last_is_painted_before_the_window_is_imported(
    launch: Launcher, qtbot: QtBot
) -> None:
    page = _read_a_section(launch, qtbot)  # written after the reader stays on it, no close
    assert _snapshot_file().is_file()
    report = _early([])
    assert report["painted"] is True
    assert report["loaded"] == []  # neither the window, the pack, Whoosh nor Babel
    assert report["title"] and "STROM" in str(report["title"])
    first_lines = " ".join(page.split())[:120]
    assert first_lines in " ".join(str(report["text"]).split())


def test_options_or_a_damaged_snapshot_paint_nothing_early(launch: Launcher, qtbot: QtBot) -> None:
    _read_a_section(launch, qtbot)
    assert _early(["--open", "x"])["painted"] is False  # another page is asked for
    assert _early(["search", "x"])["painted"] is False
    path = _snapshot_file()
    path.write_text('{"format": 1, "version": "0.1.0", "title": 3', encoding="utf-8")
    assert _early([])["painted"] is False
    data = {"format": 1, "version": "0.0.0-old"}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert first_paint.read_snapshot(path) is None
    assert _early([])["painted"] is False


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
    snapshot = first_paint.read_snapshot(_snapshot_file())
    assert snapshot is not None
    early = first_paint.show_early(snapshot)
    qtbot.addWidget(early)
    qtbot.waitExposed(early)
    page = early.centralWidget()
    view = window.view
    # The text column starts at the same x in both windows (within a pixel or two).
    x_early = page.viewport().mapTo(early, page.cursorRect().topLeft()).x()  # type: ignore[attr-defined]
    x_full = view.viewport().mapTo(window, view.cursorRect().topLeft()).x()
    assert abs(x_early - x_full) <= 2
    first_paint.hand_over(window)
    assert first_paint.shell() is None
    qtbot.waitUntil(lambda: not early.isVisible())
