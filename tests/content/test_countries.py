"""Country records: loading, validation of bad records, and the boxes made from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.content import load_pack
from reader.content.countries import COUNTRIES, country_from_locale, load_countries
from reader.content.validate import validate_pack
from tests.content.country_packs import line_of, pack_with_countries

LANGS = ("en", "lv")


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in validate_pack(root) if not p.warning]


def test_a_complete_record_loads_with_every_fact(tmp_path: Path) -> None:
    root = pack_with_countries(tmp_path / "pack")
    records = load_countries(root, LANGS)
    record = records.records["LV"]
    assert [str(p) for p in records.problems if not p.warning] == []
    assert record.value("law", "article") == "154.¹ pants"
    assert record.value("reflection", "days") == 30
    assert record.text("summary", "lv") == (
        "TESTSUMMARYLV cilvēku tirdzniecība ir noziegums. Otrs teikums.",
        "lv",
    )
    assert record.text("summary", "ru") is not None and record.text("summary", "ru")[1] == "en"
    assert record.checked() == dt.date(2026, 12, 1)  # the oldest source date
    assert [s.id for s in record.sources_of("hotline")] == ["helpline"]
    assert records.facts_for("intro-who") == ("identification", "referral", "hotline", "emergency")
    # The other ten countries have no record: a warning each, not an error.
    assert sum(p.warning and "no record for country" in p.message for p in records.problems) == 10


def test_the_bundled_pack_of_the_mini_pack_validates(tmp_path: Path) -> None:
    root = pack_with_countries(tmp_path / "pack")
    assert problems_of(root) == []


@pytest.mark.parametrize(
    ("edits", "needle", "expected"),
    [
        (
            {'name_en = "Social Integration State Agency"\n': ""},
            "[referral]",
            "country LV: field 'referral.name_en' is missing",
        ),
        (
            {'summary = "TESTSUMMARYLV': 'summery = "TESTSUMMARYLV'},
            "[text.lv]",
            "country LV: the summary in 'lv' is missing ([text.lv] summary)",
        ),
        (
            {'number = "+371 28612120"\nsource = "helpline"\n': 'number = "+371 28612120"\n'},
            "[hotline]",
            "country LV: fact 'hotline' has no source",
        ),
        (
            {'url = "https://www.vp.gov.lv/"\nchecked = 2026-12-01\n': 'url = "https://x.lv/"\n'},
            'id = "police"',
            "country LV: source 'police' has no date checked",
        ),
        (
            {'source = "helpline"\n\n[emergency]': 'source = "nowhere"\n\n[emergency]'},
            'source = "nowhere"',
            "country LV: fact 'hotline' cites source 'nowhere', which is not a [[source]]",
        ),
        (
            {"days = 30": "days = -3"},
            "days = -3",
            "country LV: 'reflection.days' must be a number of days",
        ),
        ({'country = "LV"': 'country = "LT"'}, 'country = "LT"', "'country' is 'LT'"),
        ({"[guardianship]\n": "[guardianship\n"}, "[guardianship", "is not valid TOML"),
    ],
    ids=[
        "missing-field",
        "missing-summary",
        "fact-without-source",
        "source-without-date",
        "unknown-source",
        "bad-days",
        "wrong-country",
        "invalid-toml",
    ],
)
def test_each_bad_record_is_named_with_file_line_country_and_field(
    tmp_path: Path, edits: dict[str, str], needle: str, expected: str
) -> None:
    root = pack_with_countries(tmp_path / "pack", edits)
    path = root / "countries" / "LV.toml"
    found = [p for p in problems_of(root) if expected in p]
    assert found, problems_of(root)
    assert found[0].startswith(f"{path}:{line_of(path, needle)}: ")


def test_a_missing_fact_table_and_missing_review_are_named(tmp_path: Path) -> None:
    start = '[residence]\nsource = "law"\n'
    review = '[review]\nchecked = "Test record: nothing was checked."\nto_confirm = "Everything."\n'
    root = pack_with_countries(tmp_path / "pack", {start: "", review: ""})
    found = problems_of(root)
    assert any(
        "country LV: fact 'residence' is missing (add a [residence] table)" in p for p in found
    )
    assert any("country LV: the review notes are missing" in p for p in found)


def test_an_unknown_country_code_is_named(tmp_path: Path) -> None:
    root = pack_with_countries(tmp_path / "pack")
    (root / "countries" / "LV.toml").rename(root / "countries" / "XX.toml")
    found = problems_of(root)
    assert any(
        p.startswith(str(root / "countries" / "XX.toml")) and "unknown country code 'XX'" in p
        for p in found
    ), found


def test_a_box_in_an_unknown_section_is_named(tmp_path: Path) -> None:
    root = pack_with_countries(tmp_path / "pack")
    boxes = root / "countries" / "boxes.toml"
    boxes.write_text(boxes.read_text().replace('"signs-general"', '"signs-gone"'))
    path = boxes
    assert f"{path}:{line_of(path, 'signs-gone')}: unknown section 'signs-gone'" in problems_of(
        root
    )


def test_to_confirm_is_accepted_and_marked(tmp_path: Path) -> None:
    root = pack_with_countries(
        tmp_path / "pack", {'number = "+371 28612120"': 'number = "to confirm"'}
    )
    assert problems_of(root) == []
    record = load_countries(root, LANGS).records["LV"]
    assert record.facts["hotline"].unconfirmed() == ["number"]


def test_a_broken_record_loses_nothing_else(tmp_path: Path) -> None:
    """The pack still loads: every section, and the other facts of a record with a gap."""
    root = pack_with_countries(
        tmp_path / "pack", {'name_en = "Social Integration State Agency"\n': ""}
    )
    pack = load_pack(root)
    assert pack.countries is not None
    record = pack.countries.records["LV"]
    assert record.value("referral", "name") == "Sociālās integrācijas valsts aģentūra"
    assert "referral.name_en" in record.missing
    assert set(pack.sections_in("lv")) == set(
        load_pack(pack_with_countries(tmp_path / "b")).sections_in("lv")
    )


@pytest.mark.parametrize(
    ("locale", "country"),
    [
        ("lv_LV", "LV"),
        ("ru_LV", "LV"),
        ("ru_LV.UTF-8", "LV"),
        ("nb_NO", "NO"),
        ("sv-FI", "FI"),
        ("de_AT", None),
        ("en_GB", None),
        ("en", None),
        ("C", None),
        ("", None),
    ],
)
def test_country_from_the_system_locale(locale: str, country: str | None) -> None:
    assert country_from_locale(locale) == country


def test_eleven_countries() -> None:
    assert len(COUNTRIES) == 11
