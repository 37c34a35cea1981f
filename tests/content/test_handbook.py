"""Checks on the bundled handbook itself: complete, aligned, translated, in every language."""

from __future__ import annotations

from collections import Counter

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from reader.content import load_pack
from reader.content.stats import chapter_word_counts
from reader.content.validate import check_pack
from reader.paths import default_pack_dir
from reader.search.documents import documents

LANGUAGES = ["en", "da", "de", "et", "fi", "is", "lt", "lv", "nb", "pl", "ru", "sv"]
PACK = load_pack(default_pack_dir())
# langid knows Norwegian as "no" (and "nn"), not "nb".
LANGID_CODES = {"nb": "no"}


def test_all_twelve_languages_and_no_problems() -> None:
    assert PACK.languages == LANGUAGES
    assert check_pack(PACK) == []


def test_every_chapter_has_three_to_eight_sections_in_every_language() -> None:
    for lang in LANGUAGES:
        for chapter in PACK.editions[lang].chapters.values():
            assert 3 <= len(chapter.sections) - 1 <= 8, f"{lang}/{chapter.id}"


def test_word_counts_within_60_to_200_percent_of_english() -> None:
    counts = chapter_word_counts(PACK)
    outside = {
        f"{lang}/{chapter}": round(words / per_lang["en"], 2)
        for chapter, per_lang in counts.items()
        for lang, words in per_lang.items()
        if not 0.6 <= words / per_lang["en"] <= 2.0
    }
    assert outside == {}
    assert sum(per_lang["en"] for per_lang in counts.values()) >= 11_000


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    found.set_languages([LANGID_CODES.get(lang, lang) for lang in LANGUAGES])
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_identified_as_its_own_language(
    identifier: LanguageIdentifier, lang: str
) -> None:
    """No untranslated English (or any other language) left in a section, indicator or event."""
    expected = LANGID_CODES.get(lang, lang)
    wrong = []
    for doc in documents(PACK, lang):
        text = f"{doc.title}\n{doc.text}"
        if doc.kind == "event" and len(text.split()) < 12:
            continue  # a bare name of a day is too short to identify
        found, confidence = identifier.classify(text)
        if found != expected:
            wrong.append(f"{doc.key}: identified as {found} ({confidence:.2f})")
    assert wrong == []


def test_indicators_in_every_language() -> None:
    english = PACK.editions["en"].indicators
    assert len(english) >= 60
    categories = Counter(indicator.category for indicator in english)
    assert set(categories) == {
        "general",
        "labour",
        "sexual",
        "children",
        "domestic",
        "begging-crime",
        "marriage-online",
    }
    for lang in LANGUAGES:
        indicators = PACK.editions[lang].indicators
        assert [(i.id, i.category) for i in indicators] == [(i.id, i.category) for i in english]
        assert all(i.text and i.explanation for i in indicators), lang


def test_events_in_every_language() -> None:
    ids = {event.id for event in PACK.events}
    assert len(ids) >= 13
    assert {e.id for e in PACK.events if e.recurrence == "yearly"} >= {
        "world-day-against-trafficking",
        "eu-anti-trafficking-day",
    }
    for lang in LANGUAGES:
        texts = PACK.editions[lang].event_texts
        assert set(texts) == ids, lang
        assert all(t.title and t.description for t in texts.values()), lang


def test_contacts_say_when_they_were_checked() -> None:
    for lang in LANGUAGES:
        contacts = PACK.editions[lang].chapters["contacts"]
        text = "\n".join(section.markdown for section in contacts.sections)
        assert text.count("2026") >= 10, lang  # a "last checked" date for each country
        for number in ("+371 28612120", "+372 660 7320", "+48 22 628 01 20", "112"):
            assert number in text, (lang, number)
