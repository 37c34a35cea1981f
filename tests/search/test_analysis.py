from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.search.analysis import Analyzer, LemmaTable, fold, fold_slowly
from reader.search.stemmers import get_stemmer, stem_icelandic, stem_latvian


def test_fold_removes_diacritics_in_every_script() -> None:
    assert fold("Cilvēku tirdzniecība") == "cilveku tirdznieciba"
    assert fold("žmonėmis") == "zmonemis"
    assert fold("ludźmi") == "ludzmi"
    assert fold("Ærø Straße ð þ ł") == "aero strasse d th l"
    assert fold("Ёлка") == "елка"


@given(st.text())
def test_folding_letter_by_letter_is_folding_the_whole_text(text: str) -> None:
    assert fold(text) == fold_slowly(text)


def test_tokens_give_the_fields_terms_and_the_words_folding_changes() -> None:
    analyzer = Analyzer("lv")
    exact, changed, folded, stems = analyzer.tokens("Cilvēku tirdzniecība un darbs")
    assert exact == ["cilvēku", "tirdzniecība", "un", "darbs"]
    assert changed == ["cilvēku", "tirdzniecība"]
    assert folded == ["cilveku", "tirdznieciba", "un", "darbs"]
    assert stems == ["cilvek", "tirdzniecib", "un", "darb"]


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["cilvēks", "cilvēka", "cilvēku", "cilvēkam", "cilvēkiem", "cilvēki"], "cilvēk"),
        (["tirdzniecība", "tirdzniecības", "tirdzniecību", "tirdzniecībai"], "tirdzniecīb"),
        (["cietušais", "cietušo", "cietušajiem", "cietušie", "cietušā"], "cietuš"),
        (["ekspluatācija", "ekspluatācijas", "ekspluatāciju", "ekspluatācijai"], "ekspluatācij"),
        (["darbs", "darba", "darbā", "darbu", "darbiem"], "darb"),
        (["bāriņtiesa", "bāriņtiesai", "bāriņtiesas", "bāriņtiesu"], "bāriņties"),
    ],
)
def test_latvian_inflections_meet_on_one_stem(forms: list[str], stem: str) -> None:
    assert {stem_latvian(word) for word in forms} == {stem}


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["mansal", "mansals", "mansali", "mansalið", "mansalsins", "mansalinu"], "mansal"),
        (["nauðungarvinna", "nauðungarvinnu", "nauðungarvinnunnar"], "nauðungarvinn"),
        (["barnavernd", "barnaverndar", "barnaverndin"], "barnavernd"),
        (["þolandi", "þolanda"], "þoland"),
    ],
)
def test_icelandic_inflections_meet_on_one_stem(forms: list[str], stem: str) -> None:
    assert {stem_icelandic(word) for word in forms} == {stem}


def test_short_words_are_left_alone() -> None:
    assert stem_latvian("un") == "un" and stem_icelandic("og") == "og"


def test_snowball_for_the_other_languages() -> None:
    assert get_stemmer("de")("zwangsarbeiter") == get_stemmer("de")("zwangsarbeit")
    assert get_stemmer("lt")("žmonėmis") == "žmon"
    assert get_stemmer("xx")("word") == "word"


def test_stems_are_folded_after_stemming() -> None:
    analyzer = Analyzer("lt")
    assert analyzer.forms("žmonėmis").stems == analyzer.forms("zmones").stems == ("zmon",)
    exact, folded, stems = analyzer.fields("Prekyba žmonėmis")
    assert (exact, folded) == ("prekyba žmonėmis", "prekyba zmonemis")
    assert stems.split()[-1] == "zmon"


def test_lemma_table_joins_forms_a_stemmer_cannot() -> None:
    stem = get_stemmer("pl")
    assert stem("handlu") != stem("handel")  # why the table exists
    analyzer = Analyzer(
        "pl", LemmaTable({"handlu": "handel", "handel": "handel", "ludźmi": "człowiek"})
    )
    assert "handel" in analyzer.forms("handlu").stems
    assert "czlowiek" in analyzer.forms("ludzmi").stems  # found through the folded form


def _plain_lemma(entries: dict[str, str], word: str) -> str | None:
    """What a lemma table answers, from plain dictionaries (the first form to fold wins)."""
    by_folded: dict[str, str] = {}
    for form, lemma in entries.items():
        by_folded.setdefault(fold(form), lemma)
    return entries.get(word) or by_folded.get(fold(word))


@pytest.mark.parametrize("compact", [True, False])
@pytest.mark.parametrize("lang", ["pl", "et", "is", "de", "ru"])
def test_the_lean_lemma_table_answers_as_plain_dictionaries(lang: str, compact: bool) -> None:
    from pathlib import Path

    path = Path(__file__).parents[2] / "content" / "lemmas" / f"{lang}.tsv"
    table = LemmaTable.load(path, compact)
    entries = dict(line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    assert len(entries) > 1000 and len(table) == len(entries)
    assert dict(table.items()) == entries
    by_folded: dict[str, str] = {}
    for form, lemma in entries.items():
        by_folded.setdefault(fold(form), lemma)
    words = list(entries) + list(by_folded) + [w.upper() for w in list(entries)[:200]] + ["zzq"]
    for word in words:
        assert table.lemma(word) == (entries.get(word) or by_folded.get(fold(word))), word


@given(st.dictionaries(st.text("aáäoöß", min_size=1, max_size=4), st.text("xyz", min_size=1)))
def test_lemma_tables_of_any_forms_answer_as_plain_dictionaries(entries: dict[str, str]) -> None:
    tables = LemmaTable(dict(entries)), LemmaTable(dict(entries), compact=True)
    for word in [*entries, *(fold(w) for w in entries), "aa", "oo", "ss"]:
        assert tables[0].lemma(word) == tables[1].lemma(word) == _plain_lemma(entries, word)
