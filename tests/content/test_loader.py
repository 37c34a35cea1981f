from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.content import load_pack
from tests.conftest import MINI_PACK


def test_mini_pack_loads_every_part() -> None:
    pack = load_pack(MINI_PACK)
    assert pack.problems == []
    assert pack.manifest is not None
    assert pack.manifest.date == dt.date(2026, 1, 15)
    assert pack.languages == ["en", "lv"]
    assert pack.section_order() == [
        "intro",
        "intro-who",
        "intro-what",
        "signs",
        "signs-general",
        "signs-labour",
    ]
    lead = pack.section("lv", "intro")
    assert lead is not None and lead.is_chapter_lead and lead.title == "Ievads"
    who = pack.section("lv", "intro-who")
    assert who is not None and who.title == "Kas satiek cietušos" and who.line == 8
    assert pack.edition("lv").categories["labour"] == "Darba ekspluatācija"  # type: ignore[union-attr]
    assert [i.id for i in pack.edition("en").indicators] == [  # type: ignore[union-attr]
        "general-no-documents",
        "labour-withheld-wages",
    ]
    yearly, once = pack.events
    assert (yearly.recurrence, yearly.month, yearly.day, yearly.since) == ("yearly", 10, 18, 2007)
    assert (once.start, once.end) == (dt.date(2017, 10, 12), dt.date(2017, 10, 13))
    assert pack.edition("lv").event_texts["conference"].place == "Birštona"  # type: ignore[union-attr]


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    pack = load_pack(tmp_path / "nowhere")
    assert pack.manifest is None
    assert "content folder is missing" in str(pack.problems[0])


def test_malformed_manifest_names_file_and_line(mini_pack: Path) -> None:
    (mini_pack / "manifest.toml").write_text('id = "x"\nlanguages = [\n', encoding="utf-8")
    pack = load_pack(mini_pack)
    assert pack.manifest is None and pack.editions == {}
    problem = pack.problems[0]
    assert problem.path.name == "manifest.toml"
    assert problem.line is not None
    assert "malformed TOML" in problem.message
    (mini_pack / "manifest.toml").write_text('id = "x"\nedition = 1.0.0\nformat = 1\n', "utf-8")
    (problem,) = load_pack(mini_pack).problems
    assert problem.line == 2


def test_manifest_without_required_keys(mini_pack: Path) -> None:
    (mini_pack / "manifest.toml").write_text('id = "x"\n', encoding="utf-8")
    messages = [p.message for p in load_pack(mini_pack).problems]
    assert any("'languages'" in m for m in messages)
    assert any("'edition'" in m for m in messages)


def test_invalid_utf8_keeps_the_rest(mini_pack: Path) -> None:
    path = mini_pack / "lv" / "intro.md"
    path.write_bytes(path.read_bytes().replace("Sociālie".encode(), b"Soci\xe2\x6clie"))
    pack = load_pack(mini_pack)
    (problem,) = pack.problems
    assert problem.path == path and problem.line == 10
    assert "invalid UTF-8" in problem.message
    assert pack.section("lv", "intro-who") is None
    assert pack.section("lv", "signs-labour") is not None
    assert pack.section("en", "intro-who") is not None


def test_missing_language_folder(mini_pack: Path) -> None:
    for file in (mini_pack / "lv").rglob("*"):
        if file.is_file():
            file.unlink()
    for folder in sorted((mini_pack / "lv").rglob("*"), reverse=True):
        folder.rmdir()
    (mini_pack / "lv").rmdir()
    pack = load_pack(mini_pack)
    assert pack.languages == ["en"]
    assert "language folder for 'lv' is missing" in str(pack.problems[0])


def test_heading_without_id_and_bad_front_matter(mini_pack: Path) -> None:
    path = mini_pack / "en" / "intro.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Introduction", "title: Introduction\ncolour: red")
    text = text.replace("## What to do {#intro-what}", "## What to do")
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in load_pack(mini_pack).problems]
    assert f"{path}:4: unknown front-matter key 'colour' (allowed: id, title)" in problems
    assert any(p.startswith(f"{path}:15: section heading has no id") for p in problems)


def test_bad_event_dates_are_reported(mini_pack: Path) -> None:
    (mini_pack / "events.toml").write_text(
        '[[event]]\nid = "x"\nrecurrence = "yearly"\nmonth = 2\nday = 30\nchapter = "intro"\n'
        '[[event]]\nid = "y"\nrecurrence = "once"\nchapter = "intro"\n',
        encoding="utf-8",
    )
    pack = load_pack(mini_pack)
    messages = [p.message for p in pack.problems]
    assert "event 'x' has an impossible date 2-30" in messages
    assert "event 'y' needs a start date such as 2017-10-12" in messages
    assert pack.events == []
