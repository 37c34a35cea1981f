"""The box made from a record: the right facts per section, the reader's language, the gaps."""

from __future__ import annotations

from pathlib import Path

from reader.content import load_pack
from reader.content.country_box import box_html, country_name
from reader.content.pages import render_page
from tests.content.country_packs import pack_with_countries


def test_the_box_shows_the_facts_placed_in_each_section(tmp_path: Path) -> None:
    pack = load_pack(pack_with_countries(tmp_path / "pack"))
    who = box_html(pack.countries, "LV", "intro-who", "en")
    what = box_html(pack.countries, "LV", "intro-what", "en")
    law = box_html(pack.countries, "LV", "signs-general", "en")
    assert "TESTIDENTEN" in who and "+371 28612120" in who and "112" in who
    assert "TESTREFLEN" not in who and "TESTSUMMARYEN" not in who
    assert "30 days" in what and "TESTRESEN" in what and "bāriņtiesa" in what
    assert "TESTMUNEN" in what and "TESTIDENTEN" not in what
    assert "Krimināllikums, 154.¹ pants (Criminal Law, section 154.1)" in law
    assert "TESTSUMMARYEN" in law
    for box in (who, what, law):
        assert "Confirm before use (checked December 1, 2026)." in box
        assert "Country information: Latvia" in box
    assert box_html(pack.countries, "LV", "signs-labour", "en") == ""
    assert box_html(pack.countries, "", "intro-who", "en") == ""


def test_the_box_is_in_the_content_language(tmp_path: Path) -> None:
    pack = load_pack(pack_with_countries(tmp_path / "pack"))
    box = box_html(pack.countries, "LV", "intro-who", "lv")
    assert "TESTIDENTLV" in box and "TESTIDENTEN" not in box
    assert country_name("LV", "lv") in box
    # At home, the official name stands alone; elsewhere the English name follows it.
    assert "Sociālās integrācijas valsts aģentūra (Social" not in box
    assert "Sociālās integrācijas valsts aģentūra (Social Integration State Agency)" in box_html(
        pack.countries, "LV", "intro-who", "en"
    )
    assert country_name("LV", "ru") == "Латвия"


def test_a_text_missing_in_the_language_falls_back_to_english_marked(tmp_path: Path) -> None:
    root = pack_with_countries(
        tmp_path / "pack", {'identification = "TESTIDENTLV policija identificē."\n': ""}
    )
    pack = load_pack(root)
    box = box_html(pack.countries, "LV", "intro-who", "lv")
    assert "TESTIDENTEN the police identify victims. <small>" in box
    assert "text.lv.identification" in box  # named as missing


def test_a_gap_is_named_and_the_rest_is_shown(tmp_path: Path) -> None:
    root = pack_with_countries(
        tmp_path / "pack", {'name_en = "Social Integration State Agency"\n': ""}
    )
    box = box_html(load_pack(root).countries, "LV", "intro-who", "en")
    assert "Missing in the country record: referral.name_en." in box
    assert "+371 28612120" in box and "TESTIDENTEN" in box


def test_an_unreadable_record_says_so(tmp_path: Path) -> None:
    root = pack_with_countries(tmp_path / "pack", {"[guardianship]\n": "[guardianship\n"})
    box = box_html(load_pack(root).countries, "LV", "intro-who", "en")
    assert "The country record could not be read (LV.toml: is not valid TOML" in box
    other = box_html(load_pack(root).countries, "EE", "intro-who", "en")
    assert "Country information: Estonia" in other and "EE.toml: there is no record" in other


def test_to_confirm_is_shown_as_such(tmp_path: Path) -> None:
    root = pack_with_countries(
        tmp_path / "pack",
        {'number = "+371 28612120"': 'number = "to confirm"', "days = 30": 'days = "to confirm"'},
    )
    pack = load_pack(root)
    who = box_html(pack.countries, "LV", "intro-who", "en")
    assert "<i>to confirm</i>" in who and "Some facts are still to confirm." in who
    assert "Number of days to confirm." in box_html(pack.countries, "LV", "intro-what", "en")


def test_the_page_holds_the_box_and_the_sources_chapter_lists_the_sources(tmp_path: Path) -> None:
    pack = load_pack(pack_with_countries(tmp_path / "pack"))
    page = render_page(pack, "en", "intro-who", "LV").html
    assert "TESTIDENTEN" in page
    assert "TESTIDENTEN" not in render_page(pack, "en", "intro-who").html
    sources = render_page(pack, "en", "signs", "").html
    assert "Sources of the country boxes" in sources and "https://www.vp.gov.lv/" in sources
