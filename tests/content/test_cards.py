"""The 'show to the person' cards of the real pack, and bad card files found by `validate`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reader.content.cards import CARD_IDS, CARD_LANGUAGES, read_cards

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_real_pack_has_every_card_language() -> None:
    sets, problems = read_cards(CONTENT)
    assert problems == []
    assert set(sets) == set(CARD_LANGUAGES)
    assert sets["ar"].direction == "rtl"
    assert sets["uk"].name == "Українська"
    for card_set in sets.values():
        assert set(card_set.cards) == set(CARD_IDS)


def test_police_card_only_where_allowed_and_hotline_number() -> None:
    en = read_cards(CONTENT)[0]["en"]
    without = dict(en.texts("112", police=False))
    assert "police" not in without
    assert "112" in without["hotline"]
    assert "police" in dict(en.texts("116 006", police=True))


def _validate(root: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "reader", "validate", str(root)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)


def drop_card(path: Path, ident: str) -> None:
    """Take the card ``ident`` out of a card file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(x for x in lines if not x.startswith(ident)), encoding="utf-8")


def test_validate_names_file_and_card(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    cards = root / "cards"
    de = cards / "de.toml"
    drop_card(de, "reflection")
    ar = cards / "ar.toml"
    ar.write_text(ar.read_text(encoding="utf-8").replace('"rtl"', '"ltr"'), encoding="utf-8")
    en = cards / "en.toml"
    text = en.read_text(encoding="utf-8").replace("{number}", "").replace("help =", "helpp =")
    en.write_text(text, encoding="utf-8")
    shutil.copy(cards / "sv.toml", cards / "xx.toml")
    result = _validate(root)
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert "de.toml" in out and "card 'reflection': missing card" in out
    assert "ar.toml" in out and "direction is 'ltr', must be 'rtl'" in out
    assert "unknown card id 'helpp'" in out
    assert "missing placeholder {number}" in out
    assert "xx.toml" in out and "unknown card language code 'xx'" in out


def test_cards_follow_the_country_record() -> None:
    from reader.content import load_pack
    from reader.content.cards import cards_for, hotline_number
    from reader.paths import default_pack_dir

    pack = load_pack(default_pack_dir())
    assert pack.countries is not None
    records = pack.countries.records
    sets, problems = read_cards(default_pack_dir())
    assert problems == []
    english = sets["en"]
    # No country: no police card, the hotline card gives the emergency number 112.
    no_country = dict(cards_for(english, None))
    assert "police" not in no_country and no_country["hotline"].endswith("112")
    # Germany allows the police card, Poland does not (municipal staff must report).
    assert "police" in dict(cards_for(english, records["DE"]))
    assert "police" not in dict(cards_for(english, records["PL"]))
    # The hotline card carries the country's hotline number from its record.
    latvia = dict(cards_for(english, records["LV"]))
    assert hotline_number(records["LV"]) == records["LV"].value("hotline", "number")
    assert str(records["LV"].value("hotline", "number")) in latvia["hotline"]


def test_a_hotline_for_professionals_gives_the_card_the_number_for_victims() -> None:
    from reader.content import load_pack
    from reader.content.cards import cards_for
    from reader.paths import default_pack_dir

    pack = load_pack(default_pack_dir())
    assert pack.countries is not None
    sweden = pack.countries.records["SE"]
    assert sweden.value("hotline", "number") == "020-390 000"  # shown in the box, for staff
    english = read_cards(default_pack_dir())[0]["en"]
    hotline = dict(cards_for(english, sweden))["hotline"]
    assert hotline.endswith("112") and "020" not in hotline


def test_a_number_keeps_its_order_in_right_to_left_cards() -> None:
    from reader.content.cards import LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE
    from reader.paths import default_pack_dir

    sets = read_cards(default_pack_dir())[0]
    arabic = dict(sets["ar"].texts("+371 28612120", police=False))["hotline"]
    isolated = f"{LEFT_TO_RIGHT_ISOLATE}+371 28612120{POP_DIRECTIONAL_ISOLATE}"
    assert isolated in arabic
    english = dict(sets["en"].texts("+371 28612120", police=False))["hotline"]
    assert LEFT_TO_RIGHT_ISOLATE not in english and "+371 28612120" in english


def test_a_partial_card_file_keeps_what_it_has(tmp_path: Path) -> None:
    from reader.content.cards import cards_for, missing_for

    cards = tmp_path / "cards"
    shutil.copytree(CONTENT / "cards", cards)
    de = cards / "de.toml"
    drop_card(de, "reflection")
    lv = cards / "lv.toml"
    lv.write_text(lv.read_text(encoding="utf-8").replace("{number}", ""), encoding="utf-8")
    (cards / "ro.toml").write_text("name = 'Română'\n[cards\n", encoding="utf-8")  # broken TOML
    sets, problems = read_cards(tmp_path)
    assert "ro" not in sets and any("ro.toml" in str(p) for p in problems)
    assert sets["de"].missing == ("reflection",)
    assert [i for i, _text in cards_for(sets["de"], None)] == [
        "help", "not-to-blame", "interpreter", "hotline",
    ]  # fmt: skip
    assert missing_for(sets["de"], None) == ["reflection"]
    assert sets["lv"].missing == ("hotline",)  # a hotline card without its number is left out
    assert "hotline" not in dict(cards_for(sets["lv"], None))
    assert len(sets) == len(CARD_LANGUAGES) - 1
