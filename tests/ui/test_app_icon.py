"""The app icon: checked-in PNG and ICO, used as the window icon."""

from __future__ import annotations

from PySide6.QtGui import QImageReader

from reader.paths import resources_dir
from tests.ui.conftest import Launcher


def test_window_shows_the_app_icon(launch: Launcher) -> None:
    _app, window = launch()
    icon = window.windowIcon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).toImage().isNull()
    png = QImageReader(str(resources_dir() / "strom-reader.png"))
    assert png.size().width() == png.size().height() == 256
    assert icon.availableSizes(), "the window icon has no image"


def test_ico_holds_every_size_windows_asks_for() -> None:
    reader = QImageReader(str(resources_dir() / "strom-reader.ico"))
    sizes = []
    for number in range(reader.imageCount()):
        reader.jumpToImage(number)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == [16, 32, 48, 256]
