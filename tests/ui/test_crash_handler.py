"""Errors nobody caught end in a log file and a short dialog, and the app keeps running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.crash_log import KEEP, write_crash_log
from reader.ui.crash_handler import CrashHandler
from tests.conftest import MINI_PACK

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def handler(tmp_path: Path) -> Iterator[tuple[CrashHandler, list[Path | None]]]:
    shown: list[Path | None] = []
    crash = CrashHandler(tmp_path / "logs")
    crash.show = lambda _parent, path: shown.append(path)
    crash.install()
    yield crash, shown
    crash.uninstall()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_shown(
    qtbot: QtBot, handler: tuple[CrashHandler, list[Path | None]]
) -> None:
    crash, shown = handler

    def broken_slot() -> None:
        raise ValueError("a slot that fails")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown))
    path = shown[0]
    assert path is not None and path.parent == crash.folder
    text = path.read_text(encoding="utf-8")
    assert "ValueError: a slot that fails" in text and "broken_slot" in text
    assert "STROM Reader" in text and "Python" in text


def test_an_error_in_a_thread_is_logged(handler: tuple[CrashHandler, list[Path | None]]) -> None:
    crash, shown = handler

    def worker() -> None:
        raise OSError("thread failed")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert crash.logs and crash.logs[0] is not None
    assert "OSError: thread failed" in crash.logs[0].read_text(encoding="utf-8")
    assert shown == []  # no dialog from a worker thread: widgets belong to the GUI thread


def test_an_error_while_the_dialog_is_open_is_only_logged(tmp_path: Path) -> None:
    crash = CrashHandler(tmp_path / "logs")
    calls: list[Path | None] = []

    def dialog(_parent: QWidget | None, path: Path | None) -> None:
        calls.append(path)
        crash.handle(RuntimeError, RuntimeError("second"), None)  # would recurse
        raise RuntimeError("the dialog itself fails")

    crash.show = dialog
    crash.handle(RuntimeError, RuntimeError("first"), None)
    assert len(calls) == 1 and len(crash.logs) == 2  # both logged, one dialog, no exception


def test_crash_logs_fall_back_to_the_temp_folder_and_are_pruned(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log folder should be")
    path = write_crash_log(ValueError, ValueError("x"), None, folder=blocked / "logs")
    assert path is not None and path.exists() and blocked not in path.parents
    path.unlink()
    folder = tmp_path / "logs"
    for i in range(KEEP + 5):
        write_crash_log(ValueError, ValueError(str(i)), None, folder=folder)
    assert len(list(folder.glob("crash-*.txt"))) == KEEP


CRASHING_APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reader.ui import app as ui_app, crash_handler

def report(_parent, path):
    print("LOG", path, flush=True)
    QApplication.instance().quit()

def boom():
    raise RuntimeError("test crash in a slot")

crash_handler.show_crash_dialog = report  # instead of the dialog nobody would click offscreen
start = ui_app.Application.start
def start_then_fail(self):
    window = start(self)
    QTimer.singleShot(0, boom)
    return window
ui_app.Application.start = start_then_fail
sys.exit(ui_app.run(ui_app.LaunchOptions(pack_dir=Path(sys.argv[1]), ui_language="en")))
"""


def test_the_real_app_logs_an_uncaught_error_to_its_data_folder(isolated_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, str(MINI_PACK)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    logged = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("LOG")]
    assert logged, done.stdout + done.stderr
    path = Path(logged[0])
    assert path.parent == isolated_home / "data" / "logs"
    assert "RuntimeError: test crash in a slot" in path.read_text(encoding="utf-8")
