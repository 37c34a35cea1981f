"""The Xapian column of bench_search.py, run as its own process (python3-xapian is a Debian
package for the system Python, not installable in the project's virtual environment).

Usage: /usr/bin/python3 build_scripts/bench_xapian.py INPUT.json OUTPUT.json

INPUT holds {"repeat": N, "clock": "wall" or "cpu", "langs": {lang: {"docs": [[title, text], ...],
"queries": [[query, prefix], ...]}}}. For each language this builds an in-memory Xapian database
(title and text, the language's Snowball stemmer where Xapian has one), then times each query
``repeat`` times: parse, the top 10 and a snippet of each hit's text, as the app does. OUTPUT
gets {"version": ..., "build_s": ..., "times": {lang: [ms, ...]}, "hits": {lang: n}}.
Standard library and xapian only: it must run without the project installed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import xapian  # type: ignore[import-not-found]

STEMMERS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "fi": "finnish",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ru": "russian",
    "sv": "swedish",
}  # et, is, lv, pl: no Xapian stemmer; words are indexed unstemmed


def build(lang: str, docs: list[list[str]], folder: str) -> tuple[Any, Any]:
    db = xapian.WritableDatabase(folder, xapian.DB_CREATE_OR_OVERWRITE)
    stemmer = xapian.Stem(STEMMERS.get(lang, "none"))
    generator = xapian.TermGenerator()
    generator.set_stemmer(stemmer)
    generator.set_database(db)  # spelling data for FLAG_SPELLING_CORRECTION
    generator.set_flags(generator.FLAG_SPELLING)
    for title, text in docs:
        doc = xapian.Document()
        generator.set_document(doc)
        generator.index_text(title, 5, "S")
        generator.index_text(title)
        generator.increase_termpos()
        generator.index_text(text)
        doc.set_data(json.dumps([title, text]))
        db.add_document(doc)
    db.commit()
    return db, stemmer


def search(db: Any, stemmer: Any, text: str, prefix: bool) -> tuple[int, str]:
    parser = xapian.QueryParser()
    parser.set_stemmer(stemmer)
    parser.set_stemming_strategy(parser.STEM_SOME)
    parser.set_database(db)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.add_prefix("title", "S")
    flags = parser.FLAG_DEFAULT | parser.FLAG_PHRASE | parser.FLAG_SPELLING_CORRECTION
    if prefix:
        flags |= parser.FLAG_PARTIAL
    query = parser.parse_query(text, flags)
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    mset = enquire.get_mset(0, 10)
    snippets = []
    for match in mset:
        _title, body = json.loads(match.document.get_data())
        snippets.append(mset.snippet(body, 200, stemmer))
    suggestion = parser.get_corrected_query_string() if mset.size() < 3 else ""
    return int(mset.size()), str(suggestion)


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as handle:
        data = json.load(handle)
    repeat = int(data["repeat"])
    clock = time.thread_time if data.get("clock") == "cpu" else time.perf_counter
    times: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    build_s = 0.0
    databases: dict[str, tuple[Any, Any]] = {}
    temp = tempfile.mkdtemp(prefix="bench-xapian-")
    try:
        for lang, entry in data["langs"].items():
            started = time.perf_counter()
            databases[lang] = build(lang, entry["docs"], os.path.join(temp, lang))
            build_s += time.perf_counter() - started
        for lang, entry in data["langs"].items():
            time_language(lang, entry, databases[lang], repeat, clock, times, hits)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    result = {"version": xapian.version_string(), "build_s": build_s, "times": times, "hits": hits}
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


def time_language(
    lang: str,
    entry: dict[str, Any],
    database: tuple[Any, Any],
    repeat: int,
    clock: Callable[[], float],
    times: dict[str, list[float]],
    hits: dict[str, int],
) -> None:
    db, stemmer = database
    search(db, stemmer, entry["queries"][0][0], False)  # first use, as the other engines
    times[lang] = []
    hits[lang] = 0
    for text, prefix in entry["queries"]:
        for _ in range(repeat):
            begin = clock()
            found, _suggestion = search(db, stemmer, text, prefix)
            times[lang].append((clock() - begin) * 1000)
        hits[lang] += min(found, 10)


if __name__ == "__main__":
    sys.exit(main())
