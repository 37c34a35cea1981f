"""The synonyms table: the file format's checks, and what expansion does to ranking."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.content import load_pack
from reader.search.analysis import Analyzer
from reader.search.engine import SearchEngine
from reader.search.index import build_index
from reader.search.query import parse_query
from reader.search.synonyms import MAX_EXPANSIONS, SynonymTable, read_synonyms
from tests.search.conftest import write_pack

SECTIONS = {
    "victims": ("Support for victims", "Victims of trafficking have a right to support."),
    "casualty": ("Casualty", "A casualty list is kept by the hospital."),
    "labour": ("Work", "Forced labour is work taken by threat of a penalty."),
}
SYNONYMS = """\
format = 1

[synonyms]
casualty = ["victim", "victims"]
"slave work" = "forced labour"
slavery = "forced labour"
"""


@pytest.fixture(scope="module")
def pack_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_pack(tmp_path_factory.mktemp("syn") / "pack", "en", SECTIONS)
    (root / "en" / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def engine(pack_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    pack = load_pack(pack_root)
    search = SearchEngine(pack, build_index(pack, tmp_path_factory.mktemp("ix") / "index"))
    yield search
    search.close()


def keys(engine: SearchEngine, text: str) -> list[str]:
    return [hit.key for hit in engine.search(text, ["en"]).hits]


def test_an_everyday_word_finds_the_handbook_term(engine: SearchEngine) -> None:
    assert keys(engine, "slavery") == ["section:labour"]
    assert keys(engine, "slave work") == ["section:labour"]
    assert keys(engine, '"slave work"') == ["section:labour"]


def test_the_exact_form_still_ranks_first(engine: SearchEngine) -> None:
    # "casualty" is in one section itself and leads to "victims" in another.
    assert keys(engine, "casualty") == ["section:casualty", "section:victims"]
    # Entries are found by stem too.
    assert sorted(keys(engine, "casualties")) == ["section:casualty", "section:victims"]


def test_expanded_words_are_marked_in_the_snippet(engine: SearchEngine) -> None:
    hit = engine.search("slavery", ["en"]).hits[0]
    assert {"forced", "labour"} <= {word.lower() for word in hit.matched_words}


def test_expansions_are_capped(engine: SearchEngine) -> None:
    table = engine.synonyms("en")
    expanded = table.expand(parse_query(" ".join(["casualty", "slavery"] * 250)))
    added = [part for group in expanded.groups for part in group if part.weight < 1]
    assert 0 < len(added) <= MAX_EXPANSIONS
    started = time.perf_counter()
    engine.search(" ".join(["slavery", "casualty"] * 250), ["en"], prefix_last=True)
    assert time.perf_counter() - started < 1.0  # generous: the real bound is the benchmark's


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(["casualty", "slavery", "slave", "work", "OR", "-", '"', "*", "x"]))
)
def test_random_synonym_queries_never_raise(engine: SearchEngine, words: list[str]) -> None:
    results = engine.search(" ".join(words), ["en"], prefix_last=True)
    assert isinstance(results.hits, list)


def test_file_problems_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.toml"
    path.write_text(
        'format = 1\ncolour = "x"\n\n[synonyms]\n"" = "victim"\nok = []\n"fine" = "victim"\n'
        "bad = 3\n",
        encoding="utf-8",
    )
    entries, problems = read_synonyms(path)
    assert [entry.word for entry in entries] == ["fine"]
    found = [str(problem) for problem in problems]
    assert f"{path}:2: unknown key 'colour'" in found
    assert f"{path}:5: empty entry '': no word to look for" in found
    assert f"{path}:6: 'ok': an empty term" in found
    assert f"{path}:8: 'bad': the terms must be a string or a list" in found


def test_a_broken_file_is_reported_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.toml"
    path.write_text('[synonyms]\nvictim = "a"\nbroken line\n', encoding="utf-8")
    entries, problems = read_synonyms(path)
    assert entries == []
    assert problems[0].line == 3 and "is not valid TOML" in problems[0].message
    assert len(SynonymTable.load(path, Analyzer("en"))) == 0


def test_validate_warns_about_terms_the_handbook_does_not_use(pack_root: Path) -> None:
    path = pack_root / "en" / "synonyms.toml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + 'pimp = "procurer"\n', encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "reader", "validate", str(pack_root)],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert f"{path}:7: warning: 'pimp': the term 'procurer' is not in the en handbook" in (
        result.stdout
    )


def test_validate_fails_on_a_broken_line_and_search_still_works(
    pack_root: Path, tmp_path: Path
) -> None:
    path = pack_root / "en" / "synonyms.toml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + "this line is broken\n", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "reader", "validate", str(pack_root)],
            capture_output=True,
            text=True,
            check=False,
        )
        pack = load_pack(pack_root)
        search = SearchEngine(pack, build_index(pack, tmp_path / "index"))
        try:
            assert [hit.key for hit in search.search("victims", ["en"]).hits] == ["section:victims"]
            assert search.search("slavery", ["en"]).hits == []  # the table is ignored
        finally:
            search.close()
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert f"{path}:7: is not valid TOML" in result.stdout
