"""Relevance report: how often the right answer is first, and in the top 3, per language.

Usage: python build_scripts/relevance_report.py [--langs en,lv,...] [--misses]

Builds the index over the full bundled pack and runs the relevance set of
tests/search/relevance/<lang>.toml (the same cases that tests/search/test_relevance.py requires in
the top 3). Prints per language the number of cases and the top-1 and top-3 hit rates; with
``--misses`` also each case whose answer is not in the top 3, with what was found instead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.loader import load_pack  # noqa: E402
from reader.paths import default_pack_dir  # noqa: E402
from reader.search.engine import SearchEngine  # noqa: E402
from reader.search.index import build_index  # noqa: E402

CASES = ROOT / "tests" / "search" / "relevance"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="", help="comma-separated languages (default: all)")
    parser.add_argument("--misses", action="store_true", help="list the cases not in the top 3")
    args = parser.parse_args()
    pack = load_pack(default_pack_dir())
    langs = [lang for lang in args.langs.split(",") if lang] or pack.languages
    total = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        engine = SearchEngine(pack, build_index(pack, Path(tmp) / "index"))
        print(f"{'lang':<6}{'cases':>6}{'top 1':>8}{'top 3':>8}")
        for lang in langs:
            path = CASES / f"{lang}.toml"
            if not path.is_file():
                continue
            cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
            first = top3 = 0
            for case in cases:
                keys = [hit.key for hit in engine.search(case["query"], [lang], limit=3).hits]
                first += bool(keys) and keys[0] == case["expect"]
                top3 += case["expect"] in keys
                if args.misses and case["expect"] not in keys:
                    print(f"  miss {lang} {case['query']!r}: want {case['expect']}, got {keys}")
            n = len(cases)
            total = [total[0] + n, total[1] + first, total[2] + top3]
            print(f"{lang:<6}{n:>6}{first / n:>8.0%}{top3 / n:>8.0%}")
        engine.close()
    n = max(total[0], 1)
    print(f"{'all':<6}{total[0]:>6}{total[1] / n:>8.0%}{total[2] / n:>8.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
