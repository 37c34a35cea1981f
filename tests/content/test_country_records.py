"""The bundled country records: every country, every language, every fact sourced and dated."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from reader.content import load_pack
from reader.content.countries import COUNTRIES, TO_CONFIRM, read_record
from reader.content.country_box import _catalog, box_html
from reader.content.country_records import FACTS, NATIONAL_LANGUAGES, TEXTS
from reader.paths import default_pack_dir

PACK = load_pack(default_pack_dir())
RECORDS = PACK.countries
LANGUAGES = PACK.languages
LANGID_CODES = {"nb": "no"}


def test_every_country_has_a_complete_record() -> None:
    assert RECORDS is not None
    assert sorted(RECORDS.records) == sorted(COUNTRIES)
    assert [str(p) for p in RECORDS.problems] == []
    for code, record in RECORDS.records.items():
        assert set(record.facts) == set(FACTS), code
        assert record.missing == [], code
        assert record.review.get("checked") and record.review.get("to_confirm"), code
        for fact in record.facts.values():
            sources = record.sources_of(fact.name)
            assert sources and all(s.checked and s.url.startswith("http") for s in sources)
        assert record.value("emergency", "number") is not None
        for lang in ("en", *NATIONAL_LANGUAGES[code]):
            assert set(record.texts[lang]) == set(TEXTS), (code, lang)
        for lang in LANGUAGES:
            assert record.texts[lang]["summary"], (code, lang)


@pytest.mark.parametrize("code", COUNTRIES)
def test_the_full_box_renders_in_every_language_without_gaps(code: str) -> None:
    record = RECORDS.records[code] if RECORDS else None
    assert record is not None
    for lang in LANGUAGES:
        _ = _catalog(lang).gettext  # the box's words are in its own language
        box = box_html(RECORDS, code, "legal-national", lang)
        assert _("Missing in the country record: {fields}.").split(":")[0] not in box
        assert record.text("summary", lang) == (record.texts[lang]["summary"], lang)
        # A text the record lacks in this language is shown in English, and says so.
        lacking = sum(key not in record.texts.get(lang, {}) for key in TEXTS)
        assert box.count(f"<small>{_('(in English)')}</small>") == lacking, (code, lang)
        assert lacking == 0  # the bundled records have every text in every language
        shown = RECORDS.facts_for("legal-national")
        unconfirmed = [f for f in shown if record.facts[f].unconfirmed()]
        assert (_("Some facts are still to confirm.") in box) == bool(unconfirmed), (code, lang)


def test_the_summaries_are_written_in_their_own_language() -> None:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([LANGID_CODES.get(lang, lang) for lang in LANGUAGES])
    wrong = []
    assert RECORDS is not None
    for code, record in RECORDS.records.items():
        for lang, texts in record.texts.items():
            for key, text in texts.items():
                found = identifier.classify(text)[0]
                if found != LANGID_CODES.get(lang, lang):
                    wrong.append(f"{code} {lang}.{key}: {found}")
    assert wrong == []


def test_boxes_stand_in_the_sections_a_reader_needs() -> None:
    assert RECORDS is not None
    placed = set(RECORDS.boxes)
    for section in (
        "definition-elements",
        "identification-referral",
        "identification-reflection",
        "assistance-immediate",
        "assistance-children",
        "legal-national",
    ):
        assert section in placed
        for lang in LANGUAGES:
            assert PACK.section(lang, section) is not None, (lang, section)
    assert RECORDS.sources_section == "sources-contacts"


def test_unconfirmed_facts_are_marked_not_guessed() -> None:
    """Russia has no known national hotline: its number stays 'to confirm', never a guess."""
    assert RECORDS is not None
    assert RECORDS.records["RU"].value("hotline", "number") == TO_CONFIRM
    assert RECORDS.records["RU"].value("reflection", "days") == "none"


def test_the_police_card_is_allowed_only_where_the_record_says_true() -> None:
    assert RECORDS is not None
    allowed = {code for code, r in RECORDS.records.items() if r.police_card_allowed()}
    # Polish municipal institutions must notify the police (art. 304 § 2 KPK); Russia has
    # victim status only inside a criminal case; "to confirm" shows no police card either.
    assert "PL" not in allowed and "RU" not in allowed
    for code, record in RECORDS.records.items():
        value = record.value("police", "only_with_consent")
        assert value in (True, False, TO_CONFIRM), code
        assert (code in allowed) == (value is True), code


def test_a_wrong_police_value_is_named_with_its_line(tmp_path: Path) -> None:
    source = default_pack_dir() / "countries" / "DE.toml"
    broken = source.read_text(encoding="utf-8").replace(
        "only_with_consent = true", 'only_with_consent = "yes"'
    )
    path = tmp_path / "DE.toml"
    path.write_text(broken, encoding="utf-8")
    record, problems = read_record(path, LANGUAGES)
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if text.startswith("only_with"))
    assert [(p.line, p.message) for p in problems] == [
        (line, "country DE: 'police.only_with_consent' must be true, false or 'to confirm'")
    ]
    assert not record.police_card_allowed()
    assert "police.only_with_consent" in record.missing
