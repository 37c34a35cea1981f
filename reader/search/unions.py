"""The union of a word's alternatives (its forms, fields, completions), read in one pass.

A word of a query is an ``Or`` of some ten terms (exact, folded and stem forms, in titles and
body text, a prefix's completions, a compound's parts). Whoosh matches an ``Or`` as a binary
tree of union matchers, and every step of every document walks the tree in pure Python: in the
profile of a search with 23 matches, 1 300 ``is_active`` calls. Here the alternatives are read
one after the other into a score per document, and the union is the list of those documents:
the same documents and scores (sums of the same scores), for a fraction of the calls.

Reading happens when the matcher is made, outside the matching time budget
(:mod:`reader.search.budget`), so it is bounded: an ``Or`` whose alternatives hold more than
``MAX_READ_POSTINGS`` postings (a very common word in every field) is matched as Whoosh's tree,
which the budget can stop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query import Or as WhooshOr

MAX_READ_POSTINGS = 600


def read_scores(matcher: Any, scores: dict[int, float], value: Callable[[], float]) -> int:
    """Add ``value()`` at each document ``matcher`` matches to ``scores`` (using the matcher
    up); how many documents it matched."""
    read = 0
    while matcher.is_active():
        docnum = matcher.id()
        scores[docnum] = scores.get(docnum, 0.0) + value()
        matcher.next()
        read += 1
    return read


def scored_list(scores: dict[int, float], boost: float) -> Any:
    """A matcher of the documents in ``scores``, each scored ``boost`` times its score."""
    if not scores:
        return NullMatcher()
    ids = sorted(scores)
    return ListMatcher(ids, [scores[docnum] * boost for docnum in ids])


class Or(WhooshOr):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's Or, its alternatives read into one list of scored documents (see above)."""

    matcher_type = WhooshOr.DEFAULT_MATCHER

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        scores: dict[int, float] = {}
        read = 0
        for sub in subs:
            matcher = sub.matcher(searcher, context)
            read += read_scores(matcher, scores, matcher.score)
            if read > MAX_READ_POSTINGS:
                # Whoosh's tree of unions (matchers made again: these are used up).
                return super()._matcher(subs, searcher, context)
        return scored_list(scores, self.boost)
