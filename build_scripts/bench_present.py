"""Presentation-mode benchmark: time to enter presentation mode and the slide-turn time.

Usage: python build_scripts/bench_present.py [--size 1920x1080] [--langs en[,ru]] [--enter N]

Opens the main window on the full bundled pack (no search index, settings in a temporary
folder). Unless QT_QPA_PLATFORM says otherwise, it runs offscreen with two pretend screens, a
1366x768 one for the window and one of --size for the slides, so the presentation opens on the
second screen as it does for a trainer. Then it:

- enters presentation mode N times on the longest section (F5 to the first slide painted),
- turns through the whole handbook with Page Down, from the first slide of the first section to
  the last slide of the last one, timing each key press until the slide is painted. Between two
  presses the event loop runs once, as it does while the trainer talks: that is when the window
  cuts the neighbouring sections. Turns into the next section are also shown apart.

Prints the machine, p50 / p95 / max of each, and whether the goal (p95 of a slide turn at most
50 ms) is met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.mkdtemp(prefix="strom-bench-"))
os.environ.setdefault("STROM_READER_HOME", str(SCRATCH / "home"))


def _two_screens(width: int, height: int) -> str:
    """An offscreen platform with the window's screen and a projector of the given size."""
    config = SCRATCH / "screens.json"
    screens = [
        {"name": "main", "x": 0, "y": 0, "width": 1366, "height": 768},
        {"name": "projector", "x": 1366, "y": 0, "width": width, "height": height},
    ]
    for screen in screens:
        screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _size_argument() -> tuple[int, int]:
    size = "1920x1080"
    for index, value in enumerate(sys.argv):
        if value == "--size" and index + 1 < len(sys.argv):
            size = sys.argv[index + 1]
        elif value.startswith("--size="):
            size = value.split("=", 1)[1]
    width, height = (int(v) for v in size.lower().split("x"))
    return width, height


if "QT_QPA_PLATFORM" not in os.environ:
    os.environ["QT_QPA_PLATFORM"] = _two_screens(*_size_argument())

from PySide6 import __version__ as pyside_version  # noqa: E402
from PySide6.QtCore import Qt, qVersion  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from reader import i18n  # noqa: E402
from reader.content.loader import load_pack  # noqa: E402
from reader.paths import default_pack_dir  # noqa: E402
from reader.settings import Settings  # noqa: E402
from reader.ui.app import style_sheet  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.qt_app import ensure_application  # noqa: E402

GOAL_MS = 50.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} logical CPUs, {platform.platform()},"
        f" Python {platform.python_version()}, Qt {qVersion()} (PySide6 {pyside_version}),"
        f" QPA {QGuiApplication.platformName()}"
    )


def summary(label: str, values: list[float]) -> str:
    if not values:
        return f"{label}: none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label}: n={len(values)}  p50 {statistics.median(values):.1f} ms"
        f"  p95 {p95:.1f} ms  max {ordered[-1]:.1f} ms"
    )


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080", help="presentation size, WxH")
    parser.add_argument("--langs", default="en", help="content language(s), e.g. en or en,ru")
    parser.add_argument("--enter", type=int, default=10, help="how often to enter the mode")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    languages = args.langs.split(",")

    app = ensure_application()
    i18n.install("en")
    pack = load_pack(default_pack_dir())
    settings = Settings(content_language=languages[0])
    settings.present_second_language = languages[1] if len(languages) > 1 else ""
    window = MainWindow(pack, settings, style_sheet=style_sheet())
    window.show()
    order = pack.section_order()
    longest = max(order, key=lambda s: len(pack.section(languages[0], s).markdown))  # type: ignore[union-attr]
    window.open_section(longest)

    def present(section: str):  # type: ignore[no-untyped-def]
        shown = window.start_presentation(section)
        assert shown is not None
        if (shown.width(), shown.height()) != (width, height):  # a real screen of another size
            shown.showNormal()
            shown.setGeometry(0, 0, width, height)
        app.processEvents()
        shown.repaint()
        return shown

    enter: list[float] = []
    for _ in range(args.enter):
        start = time.perf_counter()
        shown = present(longest)
        enter.append((time.perf_counter() - start) * 1000)
        shown.close()
        app.processEvents()

    shown = present(order[0])
    within: list[float] = []
    crossing: list[float] = []
    last = order[-1]
    while not (shown.section_id == last and shown.index == shown.slide_count - 1):
        section = shown.section_id
        app.processEvents()  # idle time between two key presses, as while the trainer talks
        start = time.perf_counter()
        QTest.keyClick(shown, Qt.Key.Key_PageDown)
        shown.repaint()
        elapsed = (time.perf_counter() - start) * 1000
        (within if shown.section_id == section else crossing).append(elapsed)
    shown.close()
    turns = within + crossing

    print(f"machine: {machine()}")
    screen = shown.screen()
    print(
        f"presentation: {width}x{height} on screen {screen.name()!r},"
        f" languages {'+'.join(languages)}, {len(order)} sections"
    )
    print(summary(f"enter presentation mode ({longest})", enter))
    print(summary("slide turn, all", turns))
    print(summary("slide turn within a section", within))
    print(summary("slide turn into the next section (cut ahead while idle)", crossing))
    met = p95(turns) <= GOAL_MS
    print(f"goal p95 slide turn <= {GOAL_MS:.0f} ms: {'met' if met else 'NOT met'}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
