"""The offline bundle must keep what printing needs: QtPrintSupport and the print plugins."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_filter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_filter", ROOT / "build_scripts" / "bundle_filter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/QtPrintSupport.abi3.so",
        "PySide6/QtPrintSupport.pyd",
        "PySide6/Qt/lib/libQt6PrintSupport.so.6",
        "PySide6/Qt6PrintSupport.dll",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/plugins/printsupport/windowsprintersupport.dll",
    ],
)
def test_bundle_filter_keeps_print_support(dest: str) -> None:
    assert load_filter().keep(dest), f"the bundle filter drops {dest}, which printing needs"


def test_cups_comes_from_the_desktop() -> None:
    """The cups plugin stays; libcups (and the TLS stack it needs) is the system's own."""
    bundle_filter = load_filter()
    assert bundle_filter.keep("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so")
    assert not bundle_filter.keep("libcups.so.2")


def test_spec_does_not_exclude_print_support() -> None:
    spec = (ROOT / "build_scripts" / "strom-reader.spec").read_text(encoding="utf-8")
    excludes = re.search(r"excludes=\[(.*?)\]", spec, re.DOTALL)
    assert excludes is not None
    assert "QtPrintSupport" not in excludes.group(1)
