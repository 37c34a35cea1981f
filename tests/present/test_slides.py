"""Slide cutting without a window: a measuring callback that counts lines stands in for Qt."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from reader.content.loader import load_pack
from reader.present import style
from reader.present.blocks import parse_blocks
from reader.present.deck import UnknownSectionError, build_deck
from reader.present.slides import cut_slides
from tests.conftest import MINI_PACK

LINE = 40  # characters per line of the pretend pane


def lines(html: str) -> int:
    """Lines the HTML would take: each block starts a line, text wraps at LINE characters."""
    total = 0
    for chunk in re.split(r"<(?:h\d|p|li|tr)\b[^>]*>", html)[1:]:
        text = re.sub(r"<[^>]+>", "", chunk)
        total += max(1, -(-len(text) // LINE))
    return total


def fits_in(budget: int):  # type: ignore[no-untyped-def]
    def fits(htmls: Sequence[str]) -> bool:
        return all(lines(html) <= budget for html in htmls)

    return fits


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_level_two_headings_start_a_new_slide_even_when_there_is_room() -> None:
    blocks = parse_blocks("<h1>Title</h1><p>Intro.</p><h2>First</h2><p>One.</p><h2>Second</h2>")
    slides = cut_slides([blocks], fits_in(100))
    assert [text_of(s.html[0]) for s in slides] == ["TitleIntro.", "FirstOne.", "Second"]


def test_paragraph_groups_fill_a_slide_and_none_overflows() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} has a few words in it.</p>" for i in range(12))
    slides = cut_slides([parse_blocks("<h1>T</h1>" + paragraphs)], fits_in(5))
    assert len(slides) > 2
    assert all(lines(s.html[0]) <= 5 for s in slides)
    joined = "".join(text_of(s.html[0]) for s in slides)
    for i in range(12):
        assert joined.count(f"Paragraph {i} ") == 1  # every paragraph once, none lost


def test_a_long_list_continues_with_its_heading_repeated() -> None:
    items = "".join(f"<li>item {i}</li>" for i in range(20))
    html = f"<h1>Section</h1><h3>Signs</h3><ul>{items}</ul>"
    slides = cut_slides([parse_blocks(html)], fits_in(8), "(continued)")
    assert len(slides) >= 3
    assert all(lines(s.html[0]) <= 8 for s in slides)
    for slide in slides[1:]:
        assert slide.continued
        assert slide.html[0].startswith("<h3>Signs")
        assert "(continued)" in slide.html[0]
        assert slide.html[0].count("<ul>") == 1  # the list goes on as a list
    found = re.findall(r"item (\d+)", "".join(s.html[0] for s in slides))
    assert found == [str(i) for i in range(20)]


def test_a_heading_is_never_left_alone_at_the_bottom() -> None:
    html = "<h1>T</h1><p>" + "word " * 30 + "</p><h3>Next part</h3><p>" + "more " * 30 + "</p>"
    slides = cut_slides([parse_blocks(html)], fits_in(6))
    for slide in slides:
        assert not slide.html[0].rstrip().endswith("</h3>")
    assert any(s.html[0].startswith("<h3>Next part") for s in slides)


def test_a_sentence_longer_than_a_slide_is_cut_between_words() -> None:
    sentence = " ".join(f"w{i}" for i in range(200))
    slides = cut_slides([parse_blocks(f"<h1>T</h1><p>{sentence}</p>")], fits_in(6))
    assert all(lines(s.html[0]) <= 6 for s in slides)
    assert re.findall(r"w(\d+)", "".join(s.html[0] for s in slides)) == [str(i) for i in range(200)]


def test_two_languages_are_cut_at_the_same_places() -> None:
    def section(lang: str, length: int) -> str:
        items = "".join(f"<li>{lang}-{i} " + "x" * length + "</li>" for i in range(15))
        return f"<h1>{lang}</h1><p>{lang} intro.</p><h3>{lang} list</h3><ul>{items}</ul>"

    english, russian = parse_blocks(section("en", 10)), parse_blocks(section("ru", 60))
    slides = cut_slides([english, russian], fits_in(10))
    assert len(slides) > 2
    for slide in slides:
        assert all(lines(h) <= 10 for h in slide.html)
        en_items = re.findall(r"en-(\d+)", slide.html[0])
        ru_items = re.findall(r"ru-(\d+)", slide.html[1])
        assert en_items == ru_items  # slide n shows the same items in both


def test_languages_with_different_structure_still_pair_by_heading() -> None:
    english = parse_blocks("<h1>A</h1><p>one.</p><p>two.</p><h2>B</h2><p>three.</p>")
    latvian = parse_blocks("<h1>A</h1><p>viens. divi.</p><h2>B</h2><p>trīs.</p><p>x.</p>")
    slides = cut_slides([english, latvian], fits_in(50))
    assert [text_of(s.html[0])[0] for s in slides] == ["A", "B"]
    assert [text_of(s.html[1])[0] for s in slides] == ["A", "B"]


def test_table_rows_continue_with_the_header_row() -> None:
    rows = "".join(f"<tr><td>r{i}</td></tr>" for i in range(12))
    html = f"<h1>T</h1><table><thead><tr><th>Head</th></tr></thead><tbody>{rows}</tbody></table>"
    slides = cut_slides([parse_blocks(html)], fits_in(6))
    assert len(slides) > 1
    for slide in slides:
        assert "<th>Head</th>" in slide.html[0]
        assert lines(slide.html[0]) <= 6


def test_text_scales_with_the_screen_and_never_goes_below_the_minimum() -> None:
    small, full, large = (style.text_pixel_size(h, 100) for h in (768, 1080, 2160))
    assert small < full < large
    assert large == pytest.approx(2 * full, abs=1)
    for height in (480, 768, 1080, 2160):
        floor = style.minimum_pixel_size(height)
        assert floor >= style.READABLE_MIN_PX
        assert style.text_pixel_size(height, style.TEXT_PERCENT_MIN, True) >= floor
    assert style.text_pixel_size(768, 10) == style.minimum_pixel_size(768)


def test_portrait_screens_put_the_second_language_below() -> None:
    landscape = style.slide_layout(1920, 1080, 40, 2).panes
    portrait = style.slide_layout(1080, 1920, 40, 2).panes
    assert landscape[0].y == landscape[1].y and landscape[1].x > landscape[0].x
    assert portrait[0].x == portrait[1].x and portrait[1].y > portrait[0].y


def test_deck_of_a_real_section_and_an_unknown_one() -> None:
    pack = load_pack(MINI_PACK)
    section = pack.section_order()[0]
    deck = build_deck(pack, section, ["en", "lv"], fits_in(12))
    assert deck.shown == ("en", "lv")
    assert deck.chapter_title
    assert len(deck.slide_html(0)) == 2
    with pytest.raises(UnknownSectionError):
        build_deck(pack, "no-such-section", ["en"], fits_in(12))


def test_a_very_long_word_and_a_long_code_block_continue_on_the_next_slides() -> None:
    word = "x" * 3000
    slides = cut_slides([parse_blocks(f"<h1>T</h1><p>{word}</p>")], fits_in(6))
    assert all(lines(s.html[0]) <= 6 for s in slides)
    assert "".join(text_of(s.html[0]).removeprefix("T") for s in slides) == word
    code = "".join(f"line {i}\n" for i in range(60))
    slides = cut_slides(
        [parse_blocks(f"<h1>T</h1><pre>{code}</pre>")],
        lambda hs: all(h.count("line") <= 10 for h in hs),
    )
    assert len(slides) == 6
    assert re.findall(r"line (\d+)", "".join(s.html[0] for s in slides)) == [
        str(i) for i in range(60)
    ]


def test_an_empty_section_gives_one_empty_slide() -> None:
    assert [s.html for s in cut_slides([[]], fits_in(5))] == [("",)]
