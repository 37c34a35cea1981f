"""Test session setup: offscreen Qt, isolated user folders, and no network for any test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts.warning=false")

from reader import netguard
from reader.paths import default_pack_dir

DATA = Path(__file__).parent / "data"
MINI_PACK = DATA / "mini_pack"
BROKEN_PACK = DATA / "broken_pack"

netguard.install()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own settings, data and cache folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("STROM_READER_HOME", str(home))
    return home


@pytest.fixture
def mini_pack(tmp_path: Path) -> Path:
    """A writable copy of the small test pack (en and lv)."""
    target = tmp_path / "mini_pack"
    shutil.copytree(MINI_PACK, target)
    return target


@pytest.fixture(scope="session")
def default_pack() -> Path:
    return default_pack_dir()


@pytest.fixture
def english_ui() -> Iterator[None]:
    from reader import i18n

    i18n.install("en")
    yield
    i18n.install("en")
