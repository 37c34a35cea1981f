from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.content.validate import validate_pack
from tests.conftest import BROKEN_PACK, MINI_PACK


def messages(root: Path) -> list[str]:
    return [str(p) for p in validate_pack(root)]


def test_valid_packs_have_no_problems(default_pack: Path) -> None:
    assert messages(MINI_PACK) == []
    assert messages(default_pack) == []


def test_section_missing_in_one_language(mini_pack: Path) -> None:
    path = mini_pack / "lv" / "signs.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## Darbs")], encoding="utf-8")
    assert f"{path}: section 'signs-labour' is missing (it exists in en/signs.md)" in messages(
        mini_pack
    )


def test_extra_and_duplicate_sections(mini_pack: Path) -> None:
    path = mini_pack / "lv" / "intro.md"
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n## Papildus {#intro-extra}\n\nTeksts.\n\n## Atkal {#intro-who}\n\nX.\n")
    found = messages(mini_pack)
    assert any("section 'intro-extra' does not exist in the source language" in m for m in found)
    assert any("duplicate section id 'intro-who'" in m for m in found)


def test_broken_link_names_file_and_line(mini_pack: Path) -> None:
    path = mini_pack / "en" / "intro.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("(#signs-general)", "(#signs-nowhere)"),
        encoding="utf-8",
    )
    assert f"{path}:10: broken internal link '#signs-nowhere'" in messages(mini_pack)


def test_indicator_and_event_alignment(mini_pack: Path) -> None:
    lv = mini_pack / "lv" / "indicators.toml"
    lv.write_text(lv.read_text(encoding="utf-8").replace('"labour"', '"general"'), encoding="utf-8")
    events = mini_pack / "lv" / "events.toml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text[: text.index("[conference]")], encoding="utf-8")
    found = messages(mini_pack)
    assert any("'labour-withheld-wages' has category 'general', not 'labour'" in m for m in found)
    assert f"{events}: event 'conference' has no title in 'lv'" in found


def test_cli_validate_broken_pack_exits_1_and_names_files() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "validate", str(BROKEN_PACK)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    out = result.stdout
    assert f"{BROKEN_PACK}/lv/intro.md:10: invalid UTF-8" in out
    assert f"{BROKEN_PACK}/en/signs.md:4: unknown front-matter key 'author'" in out
    assert f"{BROKEN_PACK}/en/signs.md:11: raw HTML is not allowed" in out
    assert f"{BROKEN_PACK}/en/signs.md:11: broken internal link '#no-such-section'" in out
    assert f"{BROKEN_PACK}/lv/signs.md: section 'signs-labour' is missing" in out
    assert "does not exist in the pack" in out


def test_cli_validate_default_pack_exits_0() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "validate"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout
