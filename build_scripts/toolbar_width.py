"""How much room the toolbar has left in a 1024-pixel-wide window, per interface language.

Usage: python build_scripts/toolbar_width.py [--width 1024] [--long] [LANG ...]

Builds the real window offscreen (its own empty user folders) for each language (all 12 by
default) and prints the toolbar's width, the width of the free space between the two groups and
whether Qt shows the overflow button ("»"). With ``--long`` the four short labels are replaced by
the longest ones expected in any language (what a translation may bring before it is in the
catalogs), to see the headroom.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONGEST = {  # the longest likely translation of each short label (pl, lv, lt, de)
    "search_action": "Wyszukiwanie",
    "calendar_action": "Kalendārs",
    "checklist_action": "Kontrolinis sąrašas",
    "present_action": "Präsentieren",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1024)
    parser.add_argument("--long", action="store_true", help="the longest labels of any language")
    parser.add_argument("languages", nargs="*")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["STROM_READER_HOME"] = tempfile.mkdtemp(prefix="strom-toolbar-")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QToolButton, QWidget

    from reader.i18n import UI_LANGUAGES
    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions
    from reader.ui.window import reading_layout

    if args.long:
        reading_layout.short_labels = lambda: dict(LONGEST)
    worst = None
    for lang in args.languages or UI_LANGUAGES:
        app = Application(LaunchOptions(default_pack_dir(), lang, lang))
        window = app.start()
        window.resize(args.width, 768)
        for _ in range(30):
            app.qt_app.processEvents()
        bar = window.toolbar
        spacer = bar.findChild(QWidget, "toolbarSpacer")
        extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
        free = spacer.width() if spacer is not None else 0
        overflow = extension is not None and extension.isVisible()
        print(f"{lang}: toolbar {bar.width()} px, free {free} px, overflow button: {overflow}")
        worst = free if worst is None else min(worst, free)
        window.close()
        app.shutdown()
    print(f"least free space: {worst} px")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
