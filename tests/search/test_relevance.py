"""The relevance set: queries in each language whose right answer must be in the top 3.

Runs on the real bundled handbook. Each language has a file in tests/search/relevance/ with at
least 30 cases, written as field staff type: forms without diacritics, inflected forms, everyday
words and slang (the synonym tables), abbreviations, misspellings, compounds split or joined.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.content import load_pack
from reader.paths import default_pack_dir
from reader.search.engine import SearchEngine
from reader.search.index import build_index

CASES = Path(__file__).parent / "relevance"
PACK = load_pack(default_pack_dir())


def cases() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        lang = path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            found.append((lang, case["query"], case["expect"]))
    return found


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    folder = build_index(PACK, tmp_path_factory.mktemp("relevance") / "index")
    search = SearchEngine(PACK, folder)
    yield search
    search.close()


def test_every_language_has_at_least_thirty_cases() -> None:
    counts = {lang: 0 for lang in PACK.languages}
    for lang, _query, _expect in cases():
        counts[lang] = counts.get(lang, 0) + 1
    assert {lang: n for lang, n in counts.items() if n < 30} == {}


@pytest.mark.parametrize(("lang", "query", "expect"), cases())
def test_right_answer_in_top_three(
    engine: SearchEngine, lang: str, query: str, expect: str
) -> None:
    if lang not in PACK.languages:
        pytest.skip(f"{lang} is not in the pack yet")
    hits = engine.search(query, [lang], limit=3).hits
    assert expect in [hit.key for hit in hits], [(hit.key, round(hit.score, 2)) for hit in hits]
