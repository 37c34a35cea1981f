"""Print benchmark: time to export the whole handbook to PDF, and its page count.

Usage: QT_QPA_PLATFORM=offscreen python build_scripts/bench_print.py [--lang en] [--runs 3]

Per run, prints the time to build the document (Markdown to HTML, core code), to lay it out on
pages (with headings kept with their text and the contents filled in), to paint the PDF, the
page count, how many headings were moved to the next page, and the file size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from reader import i18n
    from reader.content.loader import load_pack
    from reader.paths import default_pack_dir
    from reader.printing import handbook_document
    from reader.ui.print_export import PageLayout, export_pdf

    app = QGuiApplication(sys.argv[:1])
    i18n.install("en")
    pack = load_pack(default_pack_dir())
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "handbook.pdf"
        for run in range(1, args.runs + 1):
            started = time.perf_counter()
            document = handbook_document(pack, args.lang)
            built = time.perf_counter()
            layout = PageLayout(document, pack.root)
            laid_out = time.perf_counter()
            pages = export_pdf(layout, target)
            painted = time.perf_counter()
            print(
                f"run {run}: {args.lang} handbook, {pages} pages, "
                f"{layout.moved_headings} headings or indicators moved to the next page; "
                f"build {built - started:.2f} s, layout {laid_out - built:.2f} s, "
                f"PDF {painted - laid_out:.2f} s, total {painted - started:.2f} s, "
                f"{target.stat().st_size / 1024:.0f} KiB"
            )
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
