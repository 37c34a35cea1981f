"""The bundled country records: every country, every language, every fact sourced and dated."""

from __future__ import annotations

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from reader.content import load_pack
from reader.content.countries import COUNTRIES, TO_CONFIRM
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
        unconfirmed = [f for f in record.facts.values() if f.unconfirmed()]
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
