"""Search over the per-language indexes: queries, filters, ranking, snippets, "did you mean"."""

from __future__ import annotations

import gc
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.query import And, AndMaybe, AndNot, Phrase, Query, Term

from reader.content.model import Pack
from reader.search import lean_files
from reader.search.analysis import Analyzer
from reader.search.budget import MATCH_BUDGET_S, WORK_BUDGET_S, BoundedPrefix, search_until
from reader.search.compounds import load_decompounder, parts_query
from reader.search.index import lemma_table, read_vocabulary
from reader.search.query import ParsedQuery, Part, parse_query
from reader.search.results import Hit, SearchResults
from reader.search.snippets import AnalyzedText, Matcher, make_snippet, matching_words
from reader.search.spelling import Vocabulary
from reader.search.synonyms import SYNONYMS_FILE, SynonymTable
from reader.search.unions import Or
from reader.search.warm_up import warm_up_steps

# Exact forms weigh most, then folded, then stems; titles weigh more than body text.
BOOSTS = {
    "title_exact": 16.0,
    "body_exact": 4.0,
    "title_folded": 8.0,
    "body_folded": 2.0,
    "title_stem": 4.0,
    "body_stem": 1.0,
}
MIN_PREFIX = 2
# A phrase is matched on its first words only: Whoosh reads every word's positions in every
# document that has them, so a pasted paragraph of common words took most of the 100 ms budget.
MAX_PHRASE_WORDS = 12
SUGGEST_BELOW = 3
COMMON_WORD_SHARE = 0.2  # words in more than this share of documents are optional
TEXT_CACHE_SIZE = 3000  # analysed texts of recently shown hits
# Analysing a hit's text for its snippet takes about 0.5 ms the first time; once this much time has
# gone on snippets in one search, hits whose text is not cached get the opening of their text as
# the snippet, nothing marked (a query matching 60 long sections not shown before).
SNIPPET_BUDGET_S = 0.01
OPENING_CHARS = 600


class SearchEngine:
    """Opens the indexes once and keeps a searcher per language (use from one thread at a time)."""

    def __init__(self, pack: Pack, folder: Path) -> None:
        lean_files.install()  # index files read from the memory map, not copied (38 MiB less)
        self.pack = pack
        self.folder = folder
        self._indexes: dict[str, Any] = {}
        self._searchers: dict[str, Any] = {}
        self._analyzers: dict[str, Analyzer] = {}
        self._synonyms: dict[str, SynonymTable] = {}
        self._texts: OrderedDict[tuple[str, str, str], AnalyzedText] = OrderedDict()
        self._vocabularies: dict[str, Vocabulary] = {}

    def close(self) -> None:
        for searcher in self._searchers.values():
            searcher.close()
        self._searchers.clear()
        self._indexes.clear()
        self._vocabularies.clear()

    def warm_up(
        self,
        langs: list[str] | None = None,
        cancel: Callable[[], bool] | None = None,
        texts: Sequence[str] = (),
    ) -> None:
        """Do every step of :meth:`warm_up_steps` now; ``cancel`` is asked between them."""
        for _step in self.warm_up_steps(langs, texts):
            if cancel is not None and cancel():
                return

    def warm_up_steps(
        self, langs: list[str] | None = None, texts: Sequence[str] = ()
    ) -> Iterator[str]:
        """See :func:`reader.search.warm_up.warm_up_steps`."""
        return warm_up_steps(self, langs, texts)

    def analyzer(self, lang: str) -> Analyzer:
        if lang not in self._analyzers:
            splitter = load_decompounder(lang, self.folder / lang)
            self._analyzers[lang] = Analyzer(
                lang, lemma_table(self.pack, lang, compact=True), splitter
            )
        return self._analyzers[lang]

    def synonyms(self, lang: str) -> SynonymTable:
        if lang not in self._synonyms:
            path = self.pack.root / lang / SYNONYMS_FILE
            self._synonyms[lang] = SynonymTable.load(path, self.analyzer(lang))
        return self._synonyms[lang]

    def _searcher(self, lang: str) -> Any:
        searcher = self._searchers.get(lang)
        if searcher is None:
            ix = whoosh_index.open_dir(str(self.folder / lang))
            self._indexes[lang] = ix
            searcher = ix.searcher()
            self._searchers[lang] = searcher
        return searcher

    # Query building --------------------------------------------------------------------------
    def _word_query(self, analyzer: Analyzer, word: str, prefix: bool) -> Query:
        forms = analyzer.forms(word)
        alternatives: list[Query]
        if forms.exact != forms.folded:
            alternatives = [
                Term("title_exact", forms.exact, boost=BOOSTS["title_exact"]),
                Term("body_exact", forms.exact, boost=BOOSTS["body_exact"]),
                Term("title_folded", forms.folded, boost=BOOSTS["title_folded"]),
                Term("body_folded", forms.folded, boost=BOOSTS["body_folded"]),
            ]
        else:  # the exact fields hold only words that folding changes (see index.py)
            alternatives = [
                Term(
                    "title_folded",
                    forms.folded,
                    boost=BOOSTS["title_exact"] + BOOSTS["title_folded"],
                ),
                Term(
                    "body_folded", forms.folded, boost=BOOSTS["body_exact"] + BOOSTS["body_folded"]
                ),
            ]
        for stem in forms.stems:
            alternatives.append(Term("title_stem", stem, boost=BOOSTS["title_stem"]))
            alternatives.append(Term("body_stem", stem, boost=BOOSTS["body_stem"]))
        if prefix and len(forms.folded) >= MIN_PREFIX:
            title, body = BOOSTS["title_stem"], BOOSTS["body_stem"]
            alternatives.append(BoundedPrefix("title_folded", forms.folded, boost=title))
            alternatives.append(BoundedPrefix("body_folded", forms.folded, boost=body))
        if len(forms.parts) > 1:
            alternatives.append(parts_query(forms.parts, BOOSTS["title_stem"], BOOSTS["body_stem"]))
        return Or(alternatives)

    def _part_query(self, analyzer: Analyzer, part: Part) -> Query:
        query = self._unweighted_part_query(analyzer, part)
        return query if part.weight == 1.0 else query.with_boost(part.weight)

    def _unweighted_part_query(self, analyzer: Analyzer, part: Part) -> Query:
        if len(part.words) == 1:
            return self._word_query(analyzer, part.words[0], part.prefix)
        if not part.phrase:
            return And([self._word_query(analyzer, word, False) for word in part.words])
        # Phrases are matched without diacritics only (the exact fields keep no positions).
        folded = [analyzer.forms(word).folded for word in part.words[:MAX_PHRASE_WORDS]]
        return Or(
            [
                Phrase(
                    "title_folded", folded, boost=BOOSTS["title_exact"] + BOOSTS["title_folded"]
                ),
                Phrase("body_folded", folded, boost=BOOSTS["body_exact"] + BOOSTS["body_folded"]),
            ]
        )

    def _is_common(self, lang: str, part: Part) -> bool:
        """A single word found in a large share of the documents (and, or, the, og, ir ...)."""
        if part.phrase or part.prefix or len(part.words) != 1:
            return False
        reader = self._searcher(lang).reader()
        folded = self.analyzer(lang).forms(part.words[0]).folded
        frequency = reader.doc_frequency("body_folded", folded)
        return bool(frequency > COMMON_WORD_SHARE * max(reader.doc_count(), 1))

    def build_query(self, parsed: ParsedQuery, lang: str) -> Query | None:
        """All groups must match, except very common words, which only add to the score."""
        if parsed.empty:
            return None
        analyzer = self.analyzer(lang)
        parsed = self.synonyms(lang).expand(parsed)
        required: list[Query] = []
        optional: list[Query] = []
        for group in parsed.groups:
            query_part = (
                Or([self._part_query(analyzer, part) for part in group])
                if len(group) > 1
                else self._part_query(analyzer, group[0])
            )
            if len(group) == 1 and self._is_common(lang, group[0]):
                optional.append(query_part)
            else:
                required.append(query_part)
        if not required:  # only common words: then they are what the user wants
            required, optional = optional, []
        query: Query = And(required) if len(required) > 1 else required[0]
        plain = [
            w for g in parsed.groups for p in g if not p.phrase and p.weight == 1 for w in p.words
        ]
        if len(plain) >= 2:
            # Words typed together rank higher where they stand together in the text.
            folded = [analyzer.forms(word).folded for word in plain]
            optional.append(Phrase("title_folded", folded, slop=2, boost=BOOSTS["title_folded"]))
            optional.append(Phrase("body_folded", folded, slop=2, boost=BOOSTS["body_folded"]))
        if optional:
            query = AndMaybe(query, Or(optional) if len(optional) > 1 else optional[0])
        if parsed.excluded:
            query = AndNot(query, Or([self._part_query(analyzer, p) for p in parsed.excluded]))
        return query

    def _matcher(self, parsed: ParsedQuery, lang: str) -> Matcher:
        analyzer = self.analyzer(lang)
        matcher = Matcher()
        for group in self.synonyms(lang).expand(parsed).groups:
            for part in group:
                for word in part.words:
                    matcher.add(analyzer.forms(word), prefix=part.prefix)
        return matcher

    # Searching -------------------------------------------------------------------------------
    def search(
        self,
        text: str,
        langs: list[str],
        kind: str | None = None,
        chapter: str | None = None,
        limit: int = 50,
        prefix_last: bool = False,
    ) -> SearchResults:
        """Search ``langs``; never raises for any input text.

        The cyclic garbage collector waits until the search is done: a full collection in the
        middle of one (its allocations trigger them) added 20-40 ms to the slowest inputs.
        """
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._search(text, langs, kind, chapter, limit, prefix_last)
        finally:
            if collecting:
                gc.enable()

    def _search(
        self,
        text: str,
        langs: list[str],
        kind: str | None,
        chapter: str | None,
        limit: int,
        prefix_last: bool,
    ) -> SearchResults:
        started = time.perf_counter()
        results = SearchResults(query=text)
        parsed = parse_query(text, prefix_last=prefix_last)
        langs = [lang for lang in langs if lang in self.pack.languages]
        if parsed.empty or not langs or limit <= 0:
            results.elapsed_ms = (time.perf_counter() - started) * 1000
            return results
        filters: list[Query] = []
        if kind:
            filters.append(Term("kind", kind))
        if chapter:
            filters.append(Term("chapter", chapter))
        found: list[tuple[float, str, dict[str, Any]]] = []
        # The time budgets (see budget.py) count building and matching the query, not opening a
        # language's index and tables the first time. Each language's matching gets a fair
        # share of what is left, so a slow language cannot leave the others unsearched.
        matching_s = work_s = 0.0
        for number, lang in enumerate(langs):
            self.analyzer(lang), self.synonyms(lang)
            searcher = self._searcher(lang)
            if work_s >= WORK_BUDGET_S:
                results.cut_short = True  # no time left for this language
                break
            begin = time.perf_counter()
            query = self.build_query(parsed, lang)
            if query is None:
                work_s += time.perf_counter() - begin
                continue
            share = (MATCH_BUDGET_S - matching_s) / (len(langs) - number)
            matching = time.perf_counter()
            hits, timed_out = search_until(
                searcher,
                query,
                limit,
                (And(filters) if len(filters) > 1 else filters[0]) if filters else None,
                matching + share,
            )
            matching_s += time.perf_counter() - matching
            work_s += time.perf_counter() - begin
            results.cut_short |= timed_out
            # The collector counts every match it saw (budget.top_collector): the exact total,
            # or what was found before the deadline.
            results.total += len(hits)
            for hit in hits:
                found.append((float(hit.score), lang, dict(hit.fields())))
        found.sort(key=lambda item: -item[0])
        matchers = {lang: self._matcher(parsed, lang) for lang in langs}
        snippets_until = time.perf_counter() + SNIPPET_BUDGET_S
        for score, lang, fields in found[:limit]:
            whole = time.perf_counter() < snippets_until
            results.hits.append(self._hit(score, lang, fields, matchers[lang], whole))
        if results.total < SUGGEST_BELOW:
            results.suggestion = self.suggest(parsed, langs[0])
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def _analyzed(
        self, lang: str, key: str, part: str, text: str, whole: bool = True
    ) -> AnalyzedText:
        """The analysed text of a hit, cached; with ``whole`` False and nothing cached, only the
        words of its opening (the snippet time budget is spent)."""
        cache_key = (lang, key, part)
        analyzed = self._texts.get(cache_key)
        if analyzed is None and not whole:
            return AnalyzedText.unanalysed(text[:OPENING_CHARS])
        if analyzed is None:
            analyzed = AnalyzedText.of(text, self.analyzer(lang))
            self._texts[cache_key] = analyzed
            if len(self._texts) > TEXT_CACHE_SIZE:
                self._texts.popitem(last=False)
        else:
            self._texts.move_to_end(cache_key)
        return analyzed

    def _hit(
        self, score: float, lang: str, fields: dict[str, Any], matcher: Matcher, whole: bool = True
    ) -> Hit:
        key = str(fields.get("key", ""))
        body = self._analyzed(lang, key, "text", str(fields.get("text", "")), whole)
        title = self._analyzed(lang, key, "title", str(fields.get("title", "")))
        body_hits = body.hit_positions(matcher)
        title_hits = title.hit_positions(matcher)
        if body_hits or not title_hits:
            snippet = make_snippet(body, body_hits)
        else:
            snippet = make_snippet(title, title_hits)
        words = list(
            dict.fromkeys(matching_words(title, title_hits) + matching_words(body, body_hits))
        )
        chapter_id = str(fields.get("chapter", ""))
        edition = self.pack.edition(lang)
        chapter = edition.chapters.get(chapter_id) if edition else None
        return Hit(
            key=key,
            kind=str(fields.get("kind", "")),
            lang=lang,
            section_id=str(fields.get("section_id", "")),
            chapter_id=chapter_id,
            chapter_title=chapter.title if chapter else chapter_id,
            title=title.text,
            score=score,
            snippet=tuple(snippet),
            matched_words=tuple(words),
            anchor=str(fields.get("anchor", "")),
        )

    def _vocabulary(self, lang: str) -> Vocabulary:
        vocabulary = self._vocabularies.get(lang)
        if vocabulary is None:
            vocabulary = Vocabulary(read_vocabulary(self.folder / lang))
            self._vocabularies[lang] = vocabulary
        return vocabulary

    def suggest(self, parsed: ParsedQuery, lang: str) -> str:
        """A corrected query from the index's own words in ``lang``, or "" if none is better."""
        words = parsed.words()
        if not words:
            return ""
        vocabulary = self._vocabulary(lang)
        corrected = []
        changed = False
        for word in words:
            lower = word.lower()
            if lower in vocabulary or len(lower) < 3:
                corrected.append(lower)
                continue
            option = vocabulary.closest(lower)
            if option:
                corrected.append(option)
                changed = True
            else:
                corrected.append(lower)
        return " ".join(corrected) if changed else ""
