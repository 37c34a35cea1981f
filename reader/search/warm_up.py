"""Warming the search engine up after the index is ready, one short step at a time."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.search.engine import SearchEngine

WARM_TEXTS_STEP = 50  # hit texts analysed in one warm-up step
WARM_SEARCH_ROUNDS = 2  # times the searches of :func:`_searches_as_typed` run
WARM_SEARCH_LIMIT = 60  # hits a search asks for in the app (reader/ui/search_service.py)


def warm_up_steps(
    engine: SearchEngine, langs: list[str] | None = None, texts: Sequence[str] = ()
) -> Iterator[str]:
    """Load what searches need, one step (50-100 ms) per iteration, so that the first search
    the user makes is as fast as the rest: per language the searcher, the lemma table, the
    synonyms (one search); for the languages in ``texts`` (the content language) also the
    analysis of every indexed word, the analysed texts that snippets are made from, and a few
    searches of each kind (:func:`_searches_as_typed`).
    Those two are not done for all twelve languages: 2-3 MiB a language (all twelve took the
    warm-up from 90 to 115 MiB, /tmp scratch: SearchEngine + warm_up, /proc/self/statm); a
    search in another language works out the forms of its hits' words as it shows them
    (build_scripts/bench_search.py prints those searches apart). Yields what it just did.

    The UI runs one step at a time on its search thread once the index is ready, letting
    any search asked for in the meantime go first. Never raises: a damaged index is
    reported by the search itself.
    """
    wanted = langs if langs is not None else engine.pack.languages
    first = [lang for lang in texts if lang in wanted]
    order = first + [lang for lang in wanted if lang not in first]
    for lang in order:
        if lang not in engine.pack.languages:
            continue
        try:
            analyzer = engine.analyzer(lang)  # the lemma table: up to 0.1 s (fi), a step
        except Exception:  # warming is best effort; the search reports a damaged index
            continue
        yield f"{lang} tables"
        try:
            words = engine._vocabulary(lang).words()
            if lang in texts:
                for word in words:
                    analyzer.forms(word)  # stems and lemmas of every indexed word, cached
            # Two real words, one as a prefix, a phrase: Whoosh opens its length columns,
            # postings and stored fields on first use.
            some = " ".join(words[len(words) // 2 : len(words) // 2 + 2]) or "warm"
            engine.search(f'{some} "{some}"', [lang], limit=1, prefix_last=True)
        except Exception:  # warming is best effort; the search reports a damaged index
            continue
        yield lang
    for lang in dict.fromkeys(texts):
        if lang not in engine.pack.languages:
            continue
        try:
            stored = list(engine._searcher(lang).all_stored_fields())
        except Exception:
            continue
        for start in range(0, len(stored), WARM_TEXTS_STEP):
            for fields in stored[start : start + WARM_TEXTS_STEP]:
                key = str(fields.get("key", ""))
                engine._analyzed(lang, key, "text", str(fields.get("text", "")))
                engine._analyzed(lang, key, "title", str(fields.get("title", "")))
            yield f"{lang} texts"
        if _searches_as_typed(engine, lang):
            yield f"{lang} searches"
    # The tables just loaded live as long as the app: keep the cyclic garbage collector from
    # walking them again and again (its full passes showed as 10-50 ms pauses in searches).
    gc.freeze()


def _searches_as_typed(engine: SearchEngine, lang: str) -> bool:
    """Search ``lang`` a few times as people type: a word, a prefix, two words, a phrase, a
    typo, with the app's limit. The same query as a session's first search took twice the time
    it took after other searches (median 1.36 against 0.75 ms over 36 queries, /tmp scratch):
    the calls were the same, but Python had not yet specialised the code of a search (it does
    after a few runs of each function) and some length columns were not open. ~20 ms a round.
    """
    try:
        words = [word for word in engine._vocabulary(lang).words() if len(word) >= 6]
    except Exception:  # warming is best effort; the search reports a damaged index
        return False
    if len(words) < 3:
        return False
    one, two, three = (words[len(words) * share // 4] for share in (1, 2, 3))
    typo = three[:2] + three[3] + three[2] + three[4:]
    queries = [(one, False), (two[:4], True), (f"{one} {three}", False), (f'"{two} {one}"', False)]
    queries.append((typo, False))
    for _round in range(WARM_SEARCH_ROUNDS):
        for text, prefix in queries:
            engine.search(text, [lang], limit=WARM_SEARCH_LIMIT, prefix_last=prefix)
    return True
