"""Render the indicators checklist offscreen at 1366x768 into docs/screenshots/.

Usage: python build_scripts/checklist_screenshots.py

Two shots of the real main window on the bundled pack, each with its own temporary user data: the
checklist in English, and in Latvian with Russian side by side (an official pointing at the line
in the person's language). A sample checklist has a few ticks, a note, and a mark on an indicator
that is no longer in the handbook.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (file name, UI language, checklist language, side-by-side language or "")
SHOTS = [
    ("checklist-en.png", "en", "en", ""),
    ("checklist-lv-ru.png", "lv", "lv", "ru"),
]
NOTES = {"en": "Bank card kept by the employer.", "lv": "Bankas karti glabā darba devējs."}


def main() -> int:
    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for name, ui_lang, lang, second in SHOTS:
        with tempfile.TemporaryDirectory() as home:
            os.environ["STROM_READER_HOME"] = home
            app = Application(
                LaunchOptions(default_pack_dir(), lang, ui_lang, open_section="identification")
            )
            edition = app.pack.edition(lang)
            if edition is None or app.store is None:
                print(f"skipped {name}: no {lang!r} in the pack or no user data file")
                continue
            ids = [indicator.id for indicator in edition.indicators]
            case = app.store.create_checklist("2026-014")
            for indicator_id in ids[0:3] + ids[12:14]:
                app.store.set_ticked(case.id, indicator_id, True)
            app.store.set_indicator_note(case.id, ids[1], NOTES.get(lang, NOTES["en"]))
            window = app.start()
            window.resize(1366, 768)
            window.show_checklist()
            panel = window.checklist_panel
            assert panel is not None
            panel.set_second_language(second or None)
            item = panel.row_item(ids[1])
            if item is not None:
                panel.tree.setCurrentItem(item)
            app.qt_app.processEvents()
            window.grab().save(str(out / name))
            window.close()
            app.shutdown()
            print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
