from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader import i18n
from reader.ui.app import Application, LaunchOptions
from reader.ui.main_window import MainWindow
from tests.conftest import MINI_PACK

Launcher = Callable[..., tuple[Application, MainWindow]]
CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def card_pack(tmp_path: Path) -> Path:
    """The mini pack with the real cards and the real country records."""
    target = tmp_path / "card_pack"
    shutil.copytree(MINI_PACK, target)
    shutil.copytree(CONTENT / "cards", target / "cards")
    shutil.copytree(CONTENT / "countries", target / "countries")
    return target


@pytest.fixture
def launch(qtbot: QtBot) -> Iterator[Launcher]:
    """Start the real application window on a pack, as ``strom-reader`` would."""
    started: list[MainWindow] = []
    apps: list[Application] = []

    def start(pack: Path = MINI_PACK, **options: object) -> tuple[Application, MainWindow]:
        options.setdefault("ui_language", "en")
        app = Application(LaunchOptions(pack_dir=pack, **options))  # type: ignore[arg-type]
        window = app.start()
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        started.append(window)
        apps.append(app)
        return app, window

    yield start
    for window in started:
        window.close()
    for app in apps:
        app.shutdown()
    i18n.install("en")
