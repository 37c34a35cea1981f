"""A saved window state that no longer fits: the window still opens on screen, with its page.

Each case writes a real settings file and starts the real application on it. The first runs the
app in a subprocess on a 1024x768 offscreen screen (Qt's offscreen platform reads its screens
from a JSON file), so that a geometry saved on a 4K screen meets a small one.
"""

from __future__ import annotations

import base64
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.settings import Settings, SettingsStore, to_dict
from reader.ui.window.view_state import STATE_VERSION
from tests.conftest import MINI_PACK
from tests.ui.conftest import Launcher

ROOT = Path(__file__).resolve().parents[2]

SHOW_WINDOW = """
import json, sys
from pathlib import Path
from reader.ui.app import Application, LaunchOptions
app = Application(LaunchOptions(pack_dir=Path(sys.argv[1]), ui_language="en"))
window = app.start()
window.show()
app.qt_app.processEvents()
frame, screen = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
    "page": [window.view.width(), window.view.height()],
    "contents": window.toc_dock.isVisible(),
}))
window.close()
app.shutdown()
"""


def write_settings(home: Path, **values: object) -> Path:
    path = home / "config" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_dict(Settings(ui_language="en"))
    data.update(values)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def b64(data: QByteArray | bytes) -> str:
    raw = data.data() if isinstance(data, QByteArray) else data
    return base64.b64encode(raw).decode()


def saved_frame(geometry: QByteArray) -> QRect:
    """The frame rectangle in Qt's saved geometry (magic, major, minor, frame QRect, ...)."""
    stream = QDataStream(geometry, QIODevice.OpenModeFlag.ReadOnly)
    magic, _major, _minor = stream.readUInt32(), stream.readUInt16(), stream.readUInt16()
    assert magic == 0x1D9D0CB
    rect = QRect()
    stream >> rect
    return rect


def test_a_4k_geometry_far_off_screen_opens_inside_a_1024x768_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(5000, 5000, 3840, 2160)
    geometry = big.saveGeometry()
    assert saved_frame(geometry).topLeft().x() >= 5000
    assert saved_frame(geometry).width() >= 3840
    home = tmp_path / "home"
    write_settings(home, window_geometry=b64(geometry))
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": 1024, "height": 768}]})
    )
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM=f"offscreen:configfile={screens}", STROM_READER_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-c", SHOW_WINDOW, str(MINI_PACK)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    x, y, width, height = shown["frame"]
    sx, sy, swidth, sheight = shown["screen"]
    assert [sx, sy, swidth, sheight] == [0, 0, 1024, 768]
    assert sx <= x and sy <= y and x + width <= sx + swidth and y + height <= sy + sheight
    assert width >= 600 and height >= 400  # made to fit, not shrunk to nothing
    assert shown["page"][0] >= 240 and shown["contents"]


def test_a_state_of_an_older_layout_is_ignored(
    launch: Launcher, isolated_home: Path, qtbot: QtBot
) -> None:
    app, window = launch()
    window.toc_dock.hide()
    older = window.saveState(STATE_VERSION - 1)
    current = window.saveState(STATE_VERSION)
    window.close()
    app.shutdown()
    write_settings(isolated_home, window_state=b64(older))
    _app, fresh = launch()
    assert fresh.toc_dock.isVisible()  # the default layout, not the old one
    fresh.close()
    _app.shutdown()
    write_settings(isolated_home, window_state=b64(current))
    _app, restored = launch()
    assert not restored.toc_dock.isVisible()  # a state of this version is restored


def test_random_bytes_and_garbage_text_open_the_default_window(
    launch: Launcher, isolated_home: Path
) -> None:
    noise = random.Random(11).randbytes(400)
    for geometry, state in ((b64(noise), b64(noise[::-1])), ("not base64 at all!", "%%%")):
        write_settings(isolated_home, window_geometry=geometry, window_state=state)
        app, window = launch()
        assert window.toc_dock.isVisible() and window.toolbar.isVisible()
        assert window.width() >= 600 and window.view.isVisible()
        assert window.current_section == "home"  # the start page of a first start
        window.close()
        app.shutdown()


def test_a_state_that_hides_the_toolbar_gets_it_back(launch: Launcher, isolated_home: Path) -> None:
    app, window = launch()
    window.toolbar.hide()
    hidden = window.saveState(STATE_VERSION)
    window.close()
    app.shutdown()
    write_settings(isolated_home, window_state=b64(hidden))
    _app, fresh = launch()
    assert fresh.toolbar.isVisible()


def test_a_setting_of_the_wrong_type_is_reported_and_the_window_opens(
    launch: Launcher, isolated_home: Path
) -> None:
    path = write_settings(isolated_home, window_geometry=12345, window_state=["a"])
    store = SettingsStore(path)
    settings = store.load()
    assert settings.window_geometry == "" and settings.window_state == ""
    assert any("window_geometry" in p and str(path) in p for p in store.problems)
    app, window = launch()
    assert window.width() >= 600 and window.toc_dock.isVisible()
    assert any("window_state" in p for p in app.settings_store.problems)
