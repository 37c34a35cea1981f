from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from babel.messages import pofile

from reader import i18n


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    yield
    i18n.install("en")


def test_latvian_catalog_translates_and_formats() -> None:
    i18n.install("lv")
    assert i18n._("Back") == "Atpakaļ"
    assert i18n.ngettext("{count} problem in the content", "{count} problems in the content", 2)
    assert i18n.format_date(dt.date(2016, 3, 9)) == "2016. gada 9. marts"
    assert i18n.language_name("de") == "Vācu"
    assert i18n.format_number(49392) == "49\xa0392"


def test_language_without_catalog_falls_back_to_english(tmp_path: object) -> None:
    i18n.install("xx")
    assert i18n._("Back") == "Back"


def test_pick_language() -> None:
    assert i18n.pick_language(["lv-LV", "en-US"], i18n.UI_LANGUAGES) == "lv"
    assert i18n.pick_language(["no_NO.UTF-8"], i18n.UI_LANGUAGES) == "nb"
    assert i18n.pick_language(["fr-FR"], i18n.UI_LANGUAGES) == "en"


@pytest.mark.parametrize("lang", i18n.UI_LANGUAGES)
def test_catalogs_are_complete(lang: str) -> None:
    """Every UI catalog translates every message of the template, with no fuzzy entries."""
    with (i18n.paths.i18n_dir() / f"{i18n.DOMAIN}.pot").open("rb") as handle:
        template = pofile.read_po(handle)
    with i18n.catalog_path(lang).open("rb") as handle:
        catalog = pofile.read_po(handle, locale=lang)
    wanted = {m.id for m in template if m.id}
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    have = {m.id for m in catalog if m.id}
    assert wanted <= have, f"not in the {lang} catalog: {wanted - have}"
    assert missing == [], f"untranslated in {lang}: {missing}"


@pytest.mark.parametrize("lang", i18n.UI_LANGUAGES)
def test_catalogs_keep_placeholders_and_accelerators(lang: str) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build_scripts"))
    try:
        from check_catalog import problems
    finally:
        sys.path.pop(0)
    assert problems(lang) == []


def test_language_names_inside_sentences_follow_the_ui_language() -> None:
    i18n.install("lv")
    assert i18n.language_in_sentence("en") == "angļu"
    assert i18n.language_name("en") == "Angļu"
    i18n.install("de")
    assert i18n.language_in_sentence("en") == "Englisch"
