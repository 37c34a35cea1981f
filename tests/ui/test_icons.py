"""The toolbar icons: shipped with their licence, and the bundle keeps what draws SVG."""

from __future__ import annotations

import pytest

from reader.paths import resources_dir
from reader.ui.window.reading_layout import ICONS
from tests.printing.test_bundle_keeps_printing import load_filter


def test_every_icon_used_is_shipped_and_no_other() -> None:
    folder = resources_dir() / "icons"
    shipped = {path.stem for path in folder.glob("*.svg")}
    assert shipped == set(ICONS.values())
    assert "ISC License" in (folder / "LICENSE").read_text(encoding="utf-8")
    for name in shipped:
        assert 'stroke="currentColor"' in (folder / f"{name}.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/QtSvg.abi3.so",
        "PySide6/QtSvg.pyd",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt6Svg.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
    ],
)
def test_bundle_filter_keeps_svg(dest: str) -> None:
    assert load_filter().keep(dest), f"the bundle filter drops {dest}, which the icons need"
