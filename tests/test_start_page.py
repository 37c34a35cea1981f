"""What the start page shows, chosen without a window (reader/start_page.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.calendar import entries_from_own, entries_from_pack
from reader.content.loader import load_pack
from reader.start_page import (
    build_start_page,
    chapter_cards,
    columns_for_width,
    continue_target,
    first_sentence,
    next_events,
    shorten,
)
from reader.userdata.store import OwnEvent
from tests.conftest import MINI_PACK


def test_first_sentence_is_plain_text_and_ignores_abbreviations() -> None:
    text = "This **short** handbook, e.g. for [tests](#intro), exists. It explains more."
    assert first_sentence(text) == "This short handbook, e.g. for tests, exists."
    assert first_sentence("{{indicators general}}\n\nNo. 5 is a number. Next one.") == (
        "No. 5 is a number."
    )
    assert first_sentence("Это пособие. «Второе» предложение.") == "Это пособие."
    assert first_sentence("") == ""


def test_a_long_sentence_is_cut_at_a_word() -> None:
    cut = shorten("word " * 60, 40)
    assert len(cut) <= 40 and cut.endswith("…") and "wor…" not in cut


def test_every_chapter_of_every_language_of_the_handbook_has_a_summary(
    default_pack: Path,
) -> None:
    pack = load_pack(default_pack)
    assert pack.manifest is not None
    for lang in pack.languages:
        cards = chapter_cards(pack, lang)
        assert [card.chapter_id for card in cards] == list(pack.manifest.chapters), lang
        for card in cards:
            assert 20 <= len(card.summary) <= 170, (lang, card.chapter_id, card.summary)
            assert "*" not in card.summary and "](" not in card.summary, card.summary


def test_chapter_cards_are_in_the_content_language() -> None:
    pack = load_pack(MINI_PACK)
    cards = chapter_cards(pack, "lv")
    lv = pack.edition("lv")
    assert lv is not None
    assert [card.title for card in cards] == [lv.chapters[c].title for c in ("intro", "signs")]
    assert cards[0].summary == first_sentence(lv.chapters["intro"].sections[0].markdown)


def test_continue_target_is_the_last_section_else_history_else_the_first() -> None:
    pack = load_pack(MINI_PACK)
    target = continue_target(pack, "en", "signs-labour", [])
    assert target is not None and target.resumed
    assert (target.section_id, target.title, target.chapter_title) == (
        "signs-labour",
        "Work",
        "Signs of trafficking",
    )
    from_history = continue_target(pack, "en", "gone-section", ["intro", "home", "intro-who"])
    assert from_history is not None and from_history.section_id == "intro-who"
    first = continue_target(pack, "en", None, ["home"])
    assert first is not None and not first.resumed and first.section_id == "intro"
    assert first.chapter_title == ""  # a chapter's lead needs no chapter line


def test_next_events_are_the_next_three_from_today_with_stars() -> None:
    pack = load_pack(MINI_PACK)
    today = dt.date(2030, 10, 10)
    own = [
        OwnEvent(uid="a@x", title="Past", start=dt.date(2030, 10, 1)),
        OwnEvent(uid="b@x", title="Running", start=dt.date(2030, 10, 9), end=dt.date(2030, 10, 11)),
        OwnEvent(uid="c@x", title="Soon", start=dt.date(2030, 10, 12)),
        OwnEvent(uid="d@x", title="Later", start=dt.date(2030, 12, 1)),
    ]
    entries = entries_from_pack(pack, "en") + entries_from_own(own)
    found = next_events(entries, today, {"c@x"})
    assert [e.title for e in found] == [
        "Running",
        "Soon",
        pack.editions["en"].event_texts["anti-trafficking-day"].title,
    ]
    assert [e.starred for e in found] == [False, True, False]
    assert found[2].start == dt.date(2030, 10, 18) and not found[2].own


@pytest.mark.parametrize(
    ("width", "zoom", "columns"),
    [(500, 100, 1), (639, 100, 1), (640, 100, 2), (1079, 100, 2), (1080, 100, 3), (1400, 200, 2)],
)
def test_columns_follow_the_width_and_the_zoom(width: int, zoom: int, columns: int) -> None:
    assert columns_for_width(width, zoom) == columns


def test_the_start_page_of_the_mini_pack() -> None:
    pack = load_pack(MINI_PACK)
    page = build_start_page(pack, "lv", "intro-who", [], [], set(), dt.date(2030, 1, 1))
    lv = pack.edition("lv")
    assert lv is not None
    assert page.title == lv.title and page.subtitle == lv.subtitle
    assert page.intro == page.chapters[0].summary
    assert page.indicators is not None and page.indicators.chapter_id == "signs"
    assert page.indicator_count == len(lv.indicators)
    assert page.resume is not None and page.resume.section_id == "intro-who"
    assert [e.uid for e in page.events] == ["anti-trafficking-day"]  # the conference was 2017
