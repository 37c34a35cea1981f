"""The engine's own matchers (a bounded prefix, a union read in one pass) against Whoosh's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.matching import ListMatcher
from whoosh.query import Or as WhooshOr
from whoosh.query import Prefix, Query, Term
from whoosh.scoring import Frequency

from reader.content.model import Pack
from reader.search import unions
from reader.search.budget import BoundedPrefix
from reader.search.engine import BOOSTS


@pytest.fixture
def searcher(mini_index: tuple[Pack, Path]) -> Iterator[Any]:
    with whoosh_index.open_dir(str(mini_index[1] / "en")).searcher() as opened:
        yield opened


def _matches(matcher: Any) -> list[tuple[int, float]]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.score()))
        matcher.next()
    return found


def _tree(query: Query, searcher: Any) -> list[tuple[int, float]]:
    class TreeOr(WhooshOr):  # type: ignore[misc]
        matcher_type = WhooshOr.DEFAULT_MATCHER

    return _matches(TreeOr(query.subqueries, boost=query.boost).matcher(searcher))


@pytest.mark.parametrize("text", ["t", "vic", "help", "tr", "zzz"])
def test_a_prefix_matches_whooshs_documents_scored_by_how_often_its_completions_occur(
    searcher: Any, text: str
) -> None:
    reader = searcher.reader()
    completions = list(Prefix("body_folded", text)._btexts(reader))
    expected: dict[int, float] = {}
    for completion in completions:  # the term frequencies, by Whoosh's own Frequency scorer
        postings = reader.postings("body_folded", completion, scorer=None)
        frequency = Frequency().scorer(searcher, "body_folded", completion)
        while postings.is_active():
            docnum = postings.id()
            expected[docnum] = expected.get(docnum, 0.0) + 3.0 * frequency.score(postings)
            postings.next()
    whooshs = {docnum for docnum, _ in _matches(Prefix("body_folded", text).matcher(searcher))}
    found = _matches(BoundedPrefix("body_folded", text, boost=3.0).matcher(searcher))
    assert {docnum for docnum, _ in found} == whooshs == set(expected)
    assert found == sorted(expected.items())
    assert (text == "zzz") == (not found)


def _word_queries(searcher: Any) -> list[Query]:
    """Word queries as the engine builds them: forms in every field, a prefix, boosts."""
    words = [w.decode() for w in list(searcher.reader().lexicon("body_folded"))[::7][:12]]
    queries = []
    for word in words:
        alternatives: list[Query] = [
            Term("title_folded", word, boost=BOOSTS["title_folded"]),
            Term("body_folded", word, boost=BOOSTS["body_folded"]),
            Term("body_stem", word[:-1], boost=BOOSTS["body_stem"]),
            BoundedPrefix("body_folded", word[:2]),
        ]
        queries.append(unions.Or(alternatives, boost=1.5))
    return queries


def test_a_union_read_in_one_pass_scores_as_whooshs_tree_of_unions(searcher: Any) -> None:
    queries = _word_queries(searcher)
    assert len(queries) >= 5
    for query in queries:
        matcher = query.matcher(searcher)
        assert isinstance(matcher, ListMatcher)
        expected = _tree(query, searcher)
        found = _matches(matcher)
        assert [d for d, _ in found] == [d for d, _ in expected]
        assert [s for _, s in found] == pytest.approx([s for _, s in expected])


def test_a_union_with_too_many_postings_is_matched_as_whooshs_tree(
    searcher: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unions, "MAX_READ_POSTINGS", 0)
    for query in _word_queries(searcher):
        matcher = query.matcher(searcher)
        assert not isinstance(matcher, ListMatcher)
        assert _matches(matcher) == _tree(query, searcher)
