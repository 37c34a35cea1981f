"""The mini pack with country records, and ways to break one record (for the country tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA, MINI_PACK

RECORDS = DATA / "country_records"


def pack_with_countries(target: Path, edits: dict[str, str] | None = None) -> Path:
    """A copy of the mini pack with ``countries/`` (LV.toml, boxes.toml); ``edits`` replaces
    text in LV.toml (old -> new), each edit must match."""
    shutil.copytree(MINI_PACK, target)
    shutil.copytree(RECORDS, target / "countries")
    record = target / "countries" / "LV.toml"
    text = record.read_text(encoding="utf-8")
    for old, new in (edits or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    record.write_text(text, encoding="utf-8")
    return target


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)
