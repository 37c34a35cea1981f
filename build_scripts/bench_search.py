"""Search benchmark: Whoosh (what the app uses) against SQLite FTS5 on the same sections.

Usage: python build_scripts/bench_search.py [--repeat N] [--langs en,lv,...]

Builds the index over the full bundled pack, then runs a fixed query set in one process: for each
language, 24 queries made from four fixed sections (exact word, word without diacritics,
another inflected form from the lemma table, prefix, two-word phrase, typo). Prints the index
build time and size, p50 / p95 / max latency per query with snippets, and the same query set on
SQLite FTS5 (unicode61, remove_diacritics 2) over the same texts, with the ratio of the two.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.loader import load_pack  # noqa: E402
from reader.content.model import Pack  # noqa: E402
from reader.search.analysis import fold, tokenize  # noqa: E402
from reader.search.documents import documents  # noqa: E402
from reader.search.engine import SearchEngine  # noqa: E402
from reader.search.index import build_index, lemma_table, parallel_workers  # noqa: E402

SECTIONS = (
    "definition-means",
    "identification-conversation",
    "assistance-immediate",
    "legal-palermo",
)


def _longest_word(text: str) -> str:
    words = [t.text for t in tokenize(text) if not t.text.isdigit()]
    return max(words, key=len) if words else "x"


def _inflected(pack: Pack, lang: str, word: str) -> str:
    table = lemma_table(pack, lang)
    lemma = table.lemma(word.lower())
    if lemma:
        for form, other in table.by_form.items():
            if other == lemma and form != word.lower():
                return form
    return word.lower()[:-1] if len(word) > 4 else word


def _typo(word: str) -> str:
    if len(word) < 5:
        return word + "x"
    middle = len(word) // 2
    return word[:middle] + word[middle + 1] + word[middle] + word[middle + 2 :]


def query_set(pack: Pack, lang: str) -> list[tuple[str, str, bool]]:
    """(kind, query, prefix) for the fixed sections of ``lang``."""
    queries: list[tuple[str, str, bool]] = []
    for section_id in SECTIONS:
        section = pack.section(lang, section_id)
        if section is None:
            continue
        body_words = [t.text for t in tokenize(section.markdown) if len(t.text) > 3]
        word = _longest_word(section.title)
        pair = " ".join(body_words[:2]) if len(body_words) >= 2 else word
        queries += [
            ("exact", word, False),
            ("folded", fold(word), False),
            ("inflected", _inflected(pack, lang, word), False),
            ("prefix", word[: max(3, len(word) // 2)], True),
            ("phrase", f'"{pair}"', False),
            ("typo", _typo(word.lower()), False),
        ]
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def fts5_database(pack: Pack, langs: list[str]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, lang UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    for lang in langs:
        db.executemany(
            "INSERT INTO docs(title, body, lang) VALUES (?, ?, ?)",
            [(doc.title, doc.text, lang) for doc in documents(pack, lang)],
        )
    db.commit()
    return db


def fts5_query(text: str, prefix: bool) -> str:
    phrase = text.startswith('"')
    words = [t.text for t in tokenize(text)]
    if not words:
        return '""'
    if phrase:
        return '"' + " ".join(words) + '"'
    parts = [f'"{w}"' for w in words]
    if prefix:
        parts[-1] = parts[-1] + "*"
    return " ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--langs", default="")
    args = parser.parse_args()
    pack = load_pack(ROOT / "content")
    langs = args.langs.split(",") if args.langs else pack.languages
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "index"
        started = time.perf_counter()
        build_index(pack, folder, workers=parallel_workers())
        build_s = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        docs = sum(len(documents(pack, lang)) for lang in pack.languages)
        print(f"pack: {len(pack.languages)} languages, {docs} documents")
        print(f"index build: {build_s:.2f} s, size {size / 1024 / 1024:.1f} MiB")
        engine = SearchEngine(pack, folder)
        db = fts5_database(pack, langs)
        all_whoosh: list[float] = []
        all_fts: list[float] = []
        print(
            f"{'lang':5} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
            f"{'fts p50':>8} {'fts p95':>8} {'hits/q':>7}"
        )
        for lang in langs:
            queries = query_set(pack, lang)
            engine.search(queries[0][1], [lang])  # open the searcher and load the lemma table
            times: list[float] = []
            fts_times: list[float] = []
            hits = 0
            for _kind, text, prefix in queries:
                for _ in range(args.repeat):
                    begin = time.perf_counter()
                    result = engine.search(text, [lang], limit=10, prefix_last=prefix)
                    times.append((time.perf_counter() - begin) * 1000)
                hits += len(result.hits)
                expression = fts5_query(text, prefix)
                for _ in range(args.repeat):
                    begin = time.perf_counter()
                    db.execute(
                        "SELECT title, snippet(docs, 1, '[', ']', '…', 12) FROM docs "
                        "WHERE docs MATCH ? AND lang = ? ORDER BY rank LIMIT 10",
                        (expression, lang),
                    ).fetchall()
                    fts_times.append((time.perf_counter() - begin) * 1000)
            all_whoosh += times
            all_fts += fts_times
            print(
                f"{lang:5} {len(queries):7} {statistics.median(times):7.2f} "
                f"{percentile(times, 0.95):7.2f} {max(times):7.2f} "
                f"{statistics.median(fts_times):8.2f} {percentile(fts_times, 0.95):8.2f} "
                f"{hits / max(len(queries), 1):7.1f}"
            )
        whoosh_p95 = percentile(all_whoosh, 0.95)
        fts_p95 = percentile(all_fts, 0.95)
        print(
            f"all   {len(all_whoosh) // args.repeat:7} {statistics.median(all_whoosh):7.2f} "
            f"{whoosh_p95:7.2f} {max(all_whoosh):7.2f} {statistics.median(all_fts):8.2f} "
            f"{fts_p95:8.2f}"
        )
        print(f"Whoosh / FTS5 p95 ratio: {whoosh_p95 / max(fts_p95, 1e-6):.1f}")
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
