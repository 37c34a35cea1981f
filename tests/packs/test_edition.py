"""Edition comparison: numeric, not textual, and older/same editions are refused."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.packs.edition import EditionError, check_newer, parse_edition

REPO = Path(__file__).resolve().parents[2]


def test_shipped_manifest_edition_parses() -> None:
    manifest = tomllib.loads((REPO / "content" / "manifest.toml").read_text(encoding="utf-8"))
    assert parse_edition(manifest["edition"]) >= (1,)


def test_numeric_order() -> None:
    check_newer("1.9", "1.10")
    with pytest.raises(EditionError, match=r"edition 1\.9.*installed edition 1\.10"):
        check_newer("1.10", "1.9")


@pytest.mark.parametrize("same", ["1.0", "1", "1.0.0"])
def test_same_edition_is_refused_unless_forced(same: str) -> None:
    with pytest.raises(EditionError, match="--force"):
        check_newer("1.0", same)
    check_newer("1.0", same, force=True)


@pytest.mark.parametrize("bad", ["", "1.x", "v2", "1..2", "١.٢"])
def test_malformed_edition_is_refused(bad: str) -> None:
    with pytest.raises(EditionError, match="not dot-separated numbers"):
        parse_edition(bad)
    with pytest.raises(EditionError):
        check_newer("1.0", bad, force=True)
