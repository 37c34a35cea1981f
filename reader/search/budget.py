"""The time budget of one search: a query that would take longer returns what it found in time.

The parser bounds a query's size (reader.search.query: MAX_PARTS, MAX_ALTERNATIVES,
MAX_PREFIXES) and a prefix's expansion (BoundedPrefix below); that alone left 200 common words
joined by OR at 40-90 ms on the 2-core benchmark machine, so matching also stops at a deadline:
documents are collected in index order, and what was collected by then is ranked and shown
(build_scripts/bench_search.py prints the slowest of a set of worst-case inputs). The deadline is
looked at between collected documents, so building the matchers and one step of an intersection
are outside it; the parser's bounds keep those to a few tens of ms. Whoosh's own
TimeLimitCollector cannot be used: it needs a signal handler, which only the main thread may set,
and the app searches on its search thread.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from whoosh.collectors import FilterCollector, TopCollector, WrappingCollector
from whoosh.query import Prefix

from reader.search.unions import read_scores, scored_list

#: Time for matching in all languages of one search (each language a fair share of what is left),
#: and for building and matching: after it, the languages not yet searched are left out.
#: Snippets (reader.search.engine.SNIPPET_BUDGET_S) and the rest fit in the remainder of 100 ms.
MATCH_BUDGET_S = 0.03
WORK_BUDGET_S = 0.045
CHECK_EVERY = 4  # documents between looks at the clock


class DeadlineCollector(WrappingCollector):  # type: ignore[misc]  # Whoosh has no type hints
    """Collects the child's matches until ``deadline`` (a ``time.perf_counter`` value)."""

    def __init__(self, child: Any, deadline: float) -> None:
        super().__init__(child)
        self.deadline = deadline
        self.timed_out = False

    def matches(self) -> Iterator[int]:
        clock = time.perf_counter
        deadline = self.deadline
        for count, docnum in enumerate(self.child.matches(), 1):
            yield docnum
            if not count % CHECK_EVERY and clock() > deadline:
                self.timed_out = True
                return

    def collect_matches(self) -> None:
        collect = self.child.collect
        for docnum in self.matches():
            collect(docnum)


def top_collector(limit: int) -> Any:
    """Whoosh's TopCollector without its block-quality shortcuts.

    They skip posting blocks that cannot reach the top ``limit`` and swap matchers for cheaper
    ones every few documents; on indexes of about 200 documents a language that bookkeeping
    (``max_quality`` over every completion of a prefix, at every step) cost more than it saved:
    a three-letter prefix took 7.7 ms with it and 3.5 ms without. Every match is then scored,
    so the total of a search is exact instead of an estimate.
    """
    collector = TopCollector(limit=limit, usequality=False)
    collector.replace = 0
    return collector


def search_until(
    searcher: Any, query: Any, limit: int, filter_query: Any, deadline: float
) -> tuple[Any, bool]:
    """Whoosh's ``searcher.search(query, limit=limit, filter=filter_query)``, stopped at
    ``deadline``; returns the results and whether time ran out."""
    timed = DeadlineCollector(top_collector(limit), deadline)
    collector = FilterCollector(timed, filter_query) if filter_query is not None else timed
    searcher.search_with_collector(query, collector)
    return collector.results(), timed.timed_out


#: A prefix matches at most this many index terms (the most frequent), of the first SCAN.
MAX_PREFIX_TERMS = 64
MAX_PREFIX_SCAN = 2000


class BoundedPrefix(Prefix):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's Prefix, expanded to at most MAX_PREFIX_TERMS terms: the most frequent ones.

    A two-letter prefix (``po`` while typing Polish) expands to a thousand terms; a prefix with
    fewer completions matches the documents Whoosh's Prefix matches.

    The matcher is a list of those documents, each scored the boost times how often the
    completions occur in it, read from each completion's postings. Whoosh's own matcher
    preloads them into an array of 2048 scores filled and cleared in pure Python (the indexes
    hold about 200 documents a language), which the profile of a search as typed showed as
    about a fifth of its time; and its scores depended on the number of completions (the
    frequencies without the boost for one, with it for two, a flat 1.0 for more).
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        scores: dict[int, float] = {}
        for text in self._btexts(reader):
            postings = reader.postings(self.fieldname, text)
            read_scores(postings, scores, postings.weight)
        return scored_list(scores, self.boost)

    def _btexts(self, ixreader: Any) -> list[bytes]:
        found: list[tuple[int, bytes]] = []
        for text, info in ixreader.iter_prefix(self.fieldname, self.text):
            found.append((info.doc_frequency(), text))
            if len(found) >= MAX_PREFIX_SCAN:
                break
        if len(found) > MAX_PREFIX_TERMS:
            found = sorted(found, key=lambda item: -item[0])[:MAX_PREFIX_TERMS]
        return sorted(text for _frequency, text in found)
