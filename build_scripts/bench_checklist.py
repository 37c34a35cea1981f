"""Print how long the indicators checklist takes to filter and redraw, and one tick to save.

Usage: python build_scripts/bench_checklist.py

On the bundled pack, offscreen: the rows for a text filter (core, no Qt), a full redraw of the
panel with two languages side by side (what every key typed in the filter costs), and a tick
saved to a fresh user data file (one transaction, synchronous=FULL).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RUNS = 50


def measure(label: str, action: Callable[[int], object]) -> None:
    times = []
    for run in range(RUNS):
        start = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<48} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> int:
    from reader.checklist import checklist_groups
    from reader.content.loader import load_pack
    from reader.paths import default_pack_dir
    from reader.settings import Settings
    from reader.ui.main_window import MainWindow
    from reader.ui.qt_app import ensure_application
    from reader.userdata import UserStore

    pack = load_pack(default_pack_dir())
    words = ["parads", "dokument", "darb", "", "pase"]
    measure(
        "rows for a text filter (lv + ru, core)",
        lambda run: checklist_groups(pack, "lv", {}, second_lang="ru", text=words[run % 5]),
    )
    app = ensure_application()
    with tempfile.TemporaryDirectory() as home:
        os.environ["STROM_READER_HOME"] = home
        store = UserStore(Path(home) / "userdata.sqlite3")
        case = store.create_checklist("bench")
        settings = Settings()
        settings.content_language = "lv"
        window = MainWindow(pack, settings, search=None, store=store)
        window.resize(1366, 768)
        window.show()
        window.show_checklist()
        panel = window.checklist_panel
        assert panel is not None
        panel.set_second_language("ru")
        app.processEvents()

        def redraw(run: int) -> None:
            panel.filter_field.setText(words[run % 5])  # redraws the list
            app.processEvents()

        measure("redraw of the panel per filter key (lv + ru)", redraw)
        ids = [indicator.id for indicator in pack.editions["lv"].indicators]
        measure(
            "one tick saved (transaction, store only)",
            lambda run: store.set_ticked(case.id, ids[run % len(ids)], run % 2 == 0),
        )
        panel.filter_field.clear()
        measure(
            "one tick through the panel (save + row update)",
            lambda run: panel.set_ticked(ids[run % len(ids)], run % 2 == 1),
        )
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
