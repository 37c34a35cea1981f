"""Compound words: splits from a vocabulary, and search finding parts and wholes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.content import load_pack
from reader.search.compounds import VOCABULARY_FILE, Decompounder, vocabulary_of
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from tests.search.conftest import write_pack


def test_splits_into_known_words_with_linking_elements() -> None:
    splitter = Decompounder("sv", ["tvång", "arbete", "äktenskap", "barn"])
    assert splitter.split("tvångsarbete") == ("tvang", "arbete")
    assert splitter.split("Tvångsäktenskap") == ("tvang", "aktenskap")
    assert splitter.split("arbete") == ()
    assert splitter.split("xyzzyqwerty") == ()
    de = Decompounder("de", ["schuld", "bedenk", "frist", "menschen", "handel"])
    assert de.split("Menschenhandel") == ("menschen", "handel")
    assert de.split("Bedenkfrist") == ("bedenk", "frist")
    # A known head and an unknown rest (Knechtschaft never stands alone in the text).
    assert de.split("Schuldknechtschaft") == ("schuld", "knechtschaft")


def test_languages_without_compounding_and_odd_words_are_not_split() -> None:
    assert Decompounder("en", ["forced", "labour"]).split("forcedlabour") == ()
    splitter = Decompounder("de", ["schuld"])
    assert splitter.split("schuld" * 40) == ()  # longer than any word
    assert splitter.split("schuld123schuld") == ()
    assert vocabulary_of(["Tvång, tvång och 12 arbete"]) == ["arbete", "och", "tvang"]


SECTIONS = {
    "bond": ("Schulden", "Schuldknechtschaft bindet Menschen an die Arbeit."),
    "reflect": ("Frist", "Die Bedenk- und Stabilisierungsfrist dauert drei Monate."),
    "other": ("Andere", "Die Schuld liegt nicht bei den Menschen."),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    pack = load_pack(write_pack(tmp_path_factory.mktemp("de") / "pack", "de", SECTIONS))
    folder = build_index(pack, tmp_path_factory.mktemp("ix") / "index")
    assert "stabilisierungsfrist" in (folder / "de" / VOCABULARY_FILE).read_text(encoding="utf-8")
    search = SearchEngine(pack, folder)
    yield search
    search.close()


def keys(engine: SearchEngine, text: str) -> list[str]:
    return [hit.key for hit in engine.search(text, ["de"]).hits]


def test_a_part_finds_the_compound(engine: SearchEngine) -> None:
    assert "section:bond" in keys(engine, "Knechtschaft")
    assert keys(engine, "Stabilisierung") == ["section:reflect"]
    hit = engine.search("Knechtschaft", ["de"]).hits[0]
    assert "Schuldknechtschaft" in hit.matched_words


def test_a_compound_finds_its_parts(engine: SearchEngine) -> None:
    assert keys(engine, "Bedenkfrist") == ["section:reflect"]
    assert keys(engine, "Schuldmenschen")[0] in ("section:other", "section:bond")


def test_the_whole_word_ranks_above_its_parts(engine: SearchEngine) -> None:
    assert keys(engine, "Schuldknechtschaft")[0] == "section:bond"


def test_two_typed_words_find_the_compound_they_make() -> None:
    splitter = Decompounder("sv", ["tvångsarbete", "tvång", "arbete"])
    assert splitter.join("tvång", "arbete") == "tvangsarbete"
    assert splitter.join("arbete", "tvång") is None
    assert Decompounder("en", ["forcedlabour"]).join("forced", "labour") is None


def test_parts_typed_apart_find_the_compound(engine: SearchEngine) -> None:
    assert keys(engine, "Schuld Knechtschaft")[0] == "section:bond"
    assert "section:reflect" in keys(engine, "Stabilisierung Frist")


FRAGMENTS = [
    "schuld",
    "knecht",
    "schaft",
    "s",
    "en",
    "frist",
    "bedenk",
    "-",
    " ",
    "ä",
    "OR",
    '"',
    "*",
]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.booleans())
def test_random_compound_queries_never_raise(
    engine: SearchEngine, fragments: list[str], prefix: bool
) -> None:
    results = engine.search("".join(fragments), ["de"], prefix_last=prefix)
    assert all(hit.lang == "de" for hit in results.hits)
    Decompounder("de", ["schuld", "frist"]).split("".join(fragments))
