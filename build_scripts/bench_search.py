"""Search benchmark: Whoosh (what the app uses) against Xapian and SQLite FTS5 on the same texts.

Usage: python build_scripts/bench_search.py [--repeat N] [--langs en,lv,...] [--workers N]
       [--clock wall|cpu]

Builds the index over the full bundled pack (in ``--workers`` processes, one per core by default,
as the CLI does), then runs a fixed query set in one process: for each language, 24 queries made
from four fixed sections (exact word, word without diacritics, another inflected form from the
lemma table, prefix, two-word phrase, typo), each ``--repeat`` times, after the engine's warm-up
with that language as the content language (what the app does once the index is ready: the forms of
every indexed word and the hit texts of the content language are analysed, the other languages get
their searchers, lemma and synonym tables). Prints the machine (CPU, cores, load) and date, the
index build time and size, p50 / p95 / max per language of a search with 10 hits and snippets, the
p95 of each query's first run ("1st p95"), and the same queries on Xapian (python3-xapian from
Debian, run with /usr/bin/python3 by build_scripts/bench_xapian.py; skipped with a note where it is
missing) and on SQLite FTS5 (unicode61, remove_diacritics 2), with the ratios; then the first
search of a session against the rest (a fresh engine after the app's warm-up), the same queries in
the languages that are not the content language, and the slowest of a set of worst-case inputs
(every query path must stay under 100 ms). ``--clock cpu`` times each search by the CPU time of the
searching thread (Xapian's too) instead of the wall clock, for figures that a busy machine does not
inflate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.loader import load_pack  # noqa: E402
from reader.content.model import Pack  # noqa: E402
from reader.search.analysis import fold, tokenize  # noqa: E402
from reader.search.documents import documents  # noqa: E402
from reader.search.engine import SearchEngine  # noqa: E402
from reader.search.index import (  # noqa: E402
    build_index,
    lemma_table,
    parallel_workers,
    read_vocabulary,
)

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
        for form, other in table.items():
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


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = (
        ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )
    return f"{model}, {os.cpu_count()} cores, load average {load}"


def xapian_times(
    pack: Pack,
    langs: list[str],
    queries: dict[str, list[tuple[str, str, bool]]],
    repeat: int,
    clock: str,
) -> tuple[dict[str, Any] | None, str]:
    """Run bench_xapian.py with the system Python; (results, "") or (None, why it was skipped)."""
    python = shutil.which("python3", path="/usr/bin") or "python3"
    check = subprocess.run([python, "-c", "import xapian"], capture_output=True, check=False)
    if check.returncode != 0:
        return (
            None,
            f"Xapian column skipped: {python} cannot import xapian "
            "(apt-get install python3-xapian)",
        )
    with tempfile.TemporaryDirectory() as temp:
        data = {
            "repeat": repeat,
            "clock": clock,
            "langs": {
                lang: {
                    "docs": [[doc.title, doc.text] for doc in documents(pack, lang)],
                    "queries": [[text, prefix] for _kind, text, prefix in queries[lang]],
                }
                for lang in langs
            },
        }
        source, target = Path(temp) / "in.json", Path(temp) / "out.json"
        source.write_text(json.dumps(data), encoding="utf-8")
        script = ROOT / "build_scripts" / "bench_xapian.py"
        run = subprocess.run(
            [python, str(script), str(source), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            return None, f"Xapian column skipped: {script.name} failed: {run.stderr.strip()[-300:]}"
        return json.loads(target.read_text(encoding="utf-8")), ""


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--langs", default="")
    parser.add_argument("--workers", type=int, default=parallel_workers())
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="time searches by the wall clock (default) or by the CPU time of the searching "
        "thread, which other processes on a busy machine do not inflate",
    )
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.thread_time
    pack = load_pack(ROOT / "content")
    langs = args.langs.split(",") if args.langs else pack.languages
    print(f"machine: {machine()}")
    print(f"search times by the {args.clock} clock")
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "index"
        cpu = _cpu_seconds()
        started = time.perf_counter()
        build_index(pack, folder, workers=args.workers)
        build_s = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        docs = sum(len(documents(pack, lang)) for lang in pack.languages)
        print(f"pack: {len(pack.languages)} languages, {docs} documents")
        print(
            f"index build: {build_s:.2f} s ({args.workers} processes, {cpu:.2f} s CPU), "
            f"size {size / 2**20:.1f} MiB ({size / 2**20 / len(pack.languages):.2f} MiB a language)"
        )
        queries = {lang: query_set(pack, lang) for lang in langs}
        xapian, xapian_note = xapian_times(pack, langs, queries, args.repeat, args.clock)
        engine = SearchEngine(pack, folder)
        started = time.perf_counter()
        db = fts5_database(pack, langs)
        fts_build_s = time.perf_counter() - started  # includes making the texts (documents())
        all_whoosh: list[float] = []
        first_whoosh: list[float] = []
        all_fts: list[float] = []
        all_xapian: list[float] = []
        print(
            f"{'lang':5} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'1st p95':>7} "
            f"{'xap p50':>8} {'xap p95':>8} {'fts p50':>8} {'fts p95':>8} {'hits/q':>7}"
        )
        for lang in langs:
            engine.warm_up([lang], texts=[lang])  # the app's warm-up, ``lang`` the content language
            times: list[float] = []
            fts_times: list[float] = []
            hits = 0
            for _kind, text, prefix in queries[lang]:
                for number in range(args.repeat):
                    begin = clock()
                    result = engine.search(text, [lang], limit=10, prefix_last=prefix)
                    times.append((clock() - begin) * 1000)
                    if number == 0:
                        first_whoosh.append(times[-1])
                hits += len(result.hits)
                expression = fts5_query(text, prefix)
                for _ in range(args.repeat):
                    begin = clock()
                    db.execute(
                        "SELECT title, snippet(docs, 1, '[', ']', '…', 12) FROM docs "
                        "WHERE docs MATCH ? AND lang = ? ORDER BY rank LIMIT 10",
                        (expression, lang),
                    ).fetchall()
                    fts_times.append((clock() - begin) * 1000)
            all_whoosh += times
            all_fts += fts_times
            xap = xapian["times"][lang] if xapian else []
            all_xapian += xap
            firsts = first_whoosh[-len(queries[lang]) :]
            print(
                f"{lang:5} {len(queries[lang]):7} {statistics.median(times):7.2f} "
                f"{percentile(times, 0.95):7.2f} {max(times):7.2f} {percentile(firsts, 0.95):7.2f} "
                f"{_cell(xap, 0.5)} {_cell(xap, 0.95)} "
                f"{statistics.median(fts_times):8.2f} {percentile(fts_times, 0.95):8.2f} "
                f"{hits / max(len(queries[lang]), 1):7.1f}"
            )
        whoosh_p50 = statistics.median(all_whoosh)
        whoosh_p95 = percentile(all_whoosh, 0.95)
        fts_p95 = percentile(all_fts, 0.95)
        print(
            f"all   {len(all_whoosh) // args.repeat:7} {whoosh_p50:7.2f} "
            f"{whoosh_p95:7.2f} {max(all_whoosh):7.2f} {percentile(first_whoosh, 0.95):7.2f} "
            f"{_cell(all_xapian, 0.5)} {_cell(all_xapian, 0.95)} "
            f"{statistics.median(all_fts):8.2f} {fts_p95:8.2f}"
        )
        print(
            f"Whoosh / FTS5 p95 ratio: {whoosh_p95 / max(fts_p95, 1e-6):.1f} "
            f"(SQLite {sqlite3.sqlite_version}; its build {fts_build_s:.2f} s with the texts)"
        )
        if xapian:
            xapian_p95 = percentile(all_xapian, 0.95)
            print(
                f"Whoosh / Xapian p95 ratio: {whoosh_p95 / max(xapian_p95, 1e-6):.1f} "
                f"(Xapian {xapian['version']}; its index build {xapian['build_s']:.2f} s)"
            )
        else:
            print(xapian_note)
        engine.close()
        first_search(pack, folder, langs, queries)
        other_languages(pack, folder, langs, queries)
        worst_inputs(pack, folder, langs)
    return 0


FIRST_PICKS = 2  # queries per language timed as a session's first search


def first_search(
    pack: Pack, folder: Path, langs: list[str], queries: dict[str, list[tuple[str, str, bool]]]
) -> None:
    """A session's first search against the same query later in a session, as in the app: a
    fresh engine, the warm-up with the content language's texts (each language in turn is the
    content language). Each picked query runs once first in one session, and once in another
    session after the queries of the other sections (not its own: they share its words, whose
    forms would then be known)."""
    firsts: list[float] = []
    laters: list[float] = []
    for lang in langs:
        for pick in range(FIRST_PICKS):
            number = pick * 7 % len(queries[lang])  # another section and kind for each pick
            _kind, text, prefix = queries[lang][number]
            others = [q for i, q in enumerate(queries[lang]) if i // 6 != number // 6]
            for before, times in (([], firsts), (others, laters)):
                engine = SearchEngine(pack, folder)
                engine.warm_up(texts=[lang])
                for _other_kind, other, other_prefix in before:
                    engine.search(other, [lang], limit=60, prefix_last=other_prefix)
                begin = time.perf_counter()
                engine.search(text, [lang], limit=60, prefix_last=prefix)
                times.append((time.perf_counter() - begin) * 1000)
                engine.close()
    ratios = [first / max(later, 1e-6) for first, later in zip(firsts, laters, strict=True)]
    print(
        f"first search of a session (after the warm-up, limit 60; {len(firsts)} queries, each "
        f"also timed later in another session): median {statistics.median(firsts):.2f} ms, "
        f"max {max(firsts):.2f} ms; the same queries later: median "
        f"{statistics.median(laters):.2f} ms, max {max(laters):.2f} ms; first / later median "
        f"{statistics.median(ratios):.2f}"
    )


def other_languages(
    pack: Pack, folder: Path, langs: list[str], queries: dict[str, list[tuple[str, str, bool]]]
) -> None:
    """The queries of the languages that are not the content language (the first of ``langs``),
    each once, after the app's warm-up: their words' forms and hit texts are worked out then."""
    content, others = langs[0], langs[1:]
    if not others:
        return
    engine = SearchEngine(pack, folder)
    engine.warm_up(texts=[content])
    times: list[float] = []
    for lang in others:
        for _kind, text, prefix in queries[lang]:
            begin = time.perf_counter()
            engine.search(text, [lang], limit=10, prefix_last=prefix)
            times.append((time.perf_counter() - begin) * 1000)
    engine.close()
    print(
        f"the other {len(others)} languages, content language {content} (each query once): "
        f"median {statistics.median(times):.2f} ms, p95 {percentile(times, 0.95):.2f} ms"
    )


def worst_inputs(pack: Pack, folder: Path, langs: list[str]) -> None:
    """The slowest of a set of worst-case inputs per language (200 words joined by OR, prefixes,
    long phrases, pasted text, typos, operators), each run cold and warm, limit 60 as the app."""
    engine = SearchEngine(pack, folder)
    engine.warm_up()
    slowest: tuple[float, str, str] = (0.0, "", "")
    slowest_cpu = 0.0  # the CPU time of the searching thread, which a busy machine does not inflate
    cut = 0
    runs = 0
    for lang in langs:
        words = [w for w, _n in sorted(read_vocabulary(folder / lang), key=lambda item: -item[1])]
        common, rare = words[:200], words[-200:]
        cases = {
            "200 common words OR": " OR ".join(common),
            "200 rare words OR": " OR ".join(rare),
            "200 prefixes OR": " OR ".join(w[:3] + "*" for w in common),
            "200 common words": " ".join(common),
            "phrase of 200 words": '"' + " ".join(common) + '"',
            "200 typos": " ".join(w[::-1] for w in rare),
            "operators": " ".join(
                f'{a} OR "{b} {c}" -{d}'
                for a, b, c, d in zip(common, rare, common[5:], rare[9:], strict=False)
            ),
            "10 000 characters": "x" * 10_000,
        }
        for name, text in cases.items():
            for prefix in (False, True):
                for _ in range(2):
                    begin, begin_cpu = time.perf_counter(), time.thread_time()
                    result = engine.search(text, [lang], limit=60, prefix_last=prefix)
                    elapsed = (time.perf_counter() - begin) * 1000
                    slowest_cpu = max(slowest_cpu, (time.thread_time() - begin_cpu) * 1000)
                    cut += result.cut_short
                    runs += 1
                    slowest = max(slowest, (elapsed, lang, name))
    everywhere = " OR ".join(w for lang in langs for w, _n in read_vocabulary(folder / lang)[:20])
    begin = time.perf_counter()
    engine.search(everywhere, langs, limit=60)
    all_langs = (time.perf_counter() - begin) * 1000
    engine.close()
    print(
        f"worst-case inputs: slowest {slowest[0]:.1f} ms ({slowest[1]}, {slowest[2]}; "
        f"slowest by CPU time {slowest_cpu:.1f} ms), {cut} of {runs} cut by the time budget; "
        f"all {len(langs)} languages at once "
        f"{all_langs:.1f} ms (budget 100 ms)"
    )


def _cell(values: list[float], share: float) -> str:
    return f"{percentile(values, share):8.2f}" if values else f"{'-':>8}"


if __name__ == "__main__":
    sys.exit(main())
