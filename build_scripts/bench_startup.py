"""Start-up benchmark: how long until the window shows a page, and how much memory it takes.

Usage: python build_scripts/bench_startup.py [--runs N] [--no-peer] [--program PATH]

Each run is a fresh process (offscreen, its own empty user folders, so the first-start path with
copying or building the search index is included in the first figure and not in the second).
Prints, per run: time to the first page in the full window (in-process, so without the early
page), time until search is ready, and peak RSS. Then, unless --no-peer, ``strom-reader`` itself
side by side with kiwix-desktop under one Xvfb (build_scripts/startup_peer.py): time until a
window shows the page (from the second start on, the early page of the last session,
reader/ui/first_paint.py), process-tree memory after 3 s, and the ratios for the starts after
the first (skipped with a note where Xvfb, xdotool or kiwix are not installed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, resource, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEventLoop, QTimer
from reader.ui.app import Application, LaunchOptions
from reader.paths import default_pack_dir
app = Application(LaunchOptions(pack_dir=default_pack_dir(), ui_language="en"))
window = app.start()
app.qt_app.processEvents()
shown = time.perf_counter() - started
service = app.search
if service is not None and not service.is_ready:
    loop = QEventLoop()
    service.ready.connect(lambda *_: loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
ready = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.close()
app.shutdown()
print(f"{shown:.2f} {ready:.2f} {rss:.0f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip the kiwix-desktop part")
    parser.add_argument(
        "--program",
        type=Path,
        help="in the side-by-side part, start this program instead of the strom-reader of this "
        "Python (the bundle: dist/strom-reader/strom-reader)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STROM_READER_HOME": home}
        print("run  first page (s)  search ready (s)  peak RSS (MiB)")
        for run in range(1, args.runs + 1):
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(ROOT)],
                capture_output=True,
                text=True,
                env=env,
                timeout=300,
                check=True,
            )
            shown, ready, rss = result.stdout.split()
            label = "first start" if run == 1 else "next start"
            print(
                f"{run:3}  {float(shown):14.2f}  {float(ready):16.2f}  {float(rss):14.0f}   {label}"
            )
    if not args.no_peer:
        sys.path.insert(0, str(ROOT / "build_scripts"))
        from startup_peer import compare

        compare(ROOT, args.runs, [str(args.program)] if args.program else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
