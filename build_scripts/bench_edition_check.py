"""How long the "what changed in this edition" check takes, part by part, on the built-in pack.

Usage: python build_scripts/bench_edition_check.py [--runs N]

Prints the best of N runs (in ms) for: hashing the source (what every start does when the
edition is the one seen last time), making the full snapshot (rendering every section to plain
text; done once per new edition, on a worker thread after the first paint), saving and reading
it back, a start on the same edition, a start on a new edition, and Help > What changed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.content.changes import (  # noqa: E402
    changes_since_seen,
    last_changes,
    load_snapshot,
    pack_identity,
    save_snapshot,
    snapshot_of,
)
from reader.content.loader import load_pack  # noqa: E402
from reader.paths import default_pack_dir  # noqa: E402


def best(
    runs: int, work: Callable[[], object], setup: Callable[[], object] = lambda: None
) -> float:
    times = []
    for _run in range(runs):
        setup()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pack = load_pack(default_pack_dir())
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        seen, previous = cache / "last-seen-edition.json", cache / "previous-edition.json"
        snapshot = snapshot_of(pack)
        identity = pack_identity(pack)
        old = dict(snapshot, edition="0.9", text_hash="0" * 64)
        save_snapshot(snapshot, seen)
        rows = [
            ("hash the source (pack_identity)", best(args.runs, lambda: pack_identity(pack))),
            ("make the full snapshot (snapshot_of)", best(args.runs, lambda: snapshot_of(pack))),
            ("save the snapshot", best(args.runs, lambda: save_snapshot(snapshot, seen))),
            ("read the snapshot back", best(args.runs, lambda: load_snapshot(seen))),
            (
                "start, same edition as last time",
                best(args.runs, lambda: changes_since_seen(pack, seen, identity, previous)),
            ),
            (
                "start, new edition (snapshot + compare)",
                best(
                    args.runs,
                    lambda: changes_since_seen(pack, seen, "old/0.9/0", previous),
                    lambda: save_snapshot(old, seen),
                ),
            ),
            (
                "Help > What changed (read both, compare)",
                best(args.runs, lambda: last_changes(previous, seen)),
            ),
        ]
        shutil.rmtree(cache, ignore_errors=True)
    size = len(snapshot["languages"])
    print(f"built-in pack: {size} languages, best of {args.runs} runs")
    for label, ms in rows:
        print(f"{label:45} {ms:9.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
