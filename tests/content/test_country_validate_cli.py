"""`strom-reader validate` run as a user runs it reports each kind of bad country record."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.content.country_packs import line_of, pack_with_countries
from tests.test_cli import run_cli

CASES = {
    "missing-field": (
        {'name_en = "Social Integration State Agency"\n': ""},
        "[referral]",
        "country LV: field 'referral.name_en' is missing",
    ),
    "missing-summary": (
        {'summary = "TESTSUMMARYLV': 'summery = "TESTSUMMARYLV'},
        "[text.lv]",
        "country LV: the summary in 'lv' is missing",
    ),
    "fact-without-source": (
        {'number = "+371 28612120"\nsource = "helpline"\n': 'number = "+371 28612120"\n'},
        "[hotline]",
        "country LV: fact 'hotline' has no source",
    ),
    "source-without-date": (
        {'url = "https://www.vp.gov.lv/"\nchecked = 2026-12-01\n': 'url = "https://x.lv/"\n'},
        'id = "police"',
        "country LV: source 'police' has no date checked",
    ),
}


@pytest.mark.slow
def test_validate_names_each_bad_record(tmp_path: Path, isolated_home: Path) -> None:
    packs = {}
    for name, (edits, _needle, _message) in CASES.items():
        packs[name] = pack_with_countries(tmp_path / name, edits)
    unknown = pack_with_countries(tmp_path / "unknown-country")
    (unknown / "countries" / "LV.toml").rename(unknown / "countries" / "XX.toml")
    for name, (_edits, needle, message) in CASES.items():
        result = run_cli("validate", str(packs[name]), home=isolated_home)
        path = packs[name] / "countries" / "LV.toml"
        assert result.returncode == 1, result.stdout
        assert f"{path}:{line_of(path, needle)}: {message}" in result.stdout, result.stdout
    result = run_cli("validate", str(unknown), home=isolated_home)
    assert result.returncode == 1
    assert f"{unknown / 'countries' / 'XX.toml'}: unknown country code 'XX'" in result.stdout


@pytest.mark.slow
def test_validate_passes_a_good_record_with_warnings_only(
    tmp_path: Path, isolated_home: Path
) -> None:
    root = pack_with_countries(tmp_path / "pack")
    result = run_cli("validate", str(root), home=isolated_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no record for country EE" in result.stdout  # the ten others: warnings
