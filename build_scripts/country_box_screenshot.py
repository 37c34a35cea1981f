"""Render a country box offscreen at 1366x768 into docs/screenshots/country-box-lv-ru.png.

Usage: python build_scripts/country_box_screenshot.py [--translations FILE.json]

The real main window on the bundled pack: a reader in Latvia (locale ru_LV) reading the Russian
edition, on "Referral to the national referral mechanism", scrolled to Latvia's box. The box's
words come from the Russian UI catalog; until new strings are merged into the catalogs,
``--translations`` takes them from a translations file (a JSON list of {"msgid", "msgstr"}).
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LANG = "ru"
SECTION = "identification-referral"


class _Extra(gettext.NullTranslations):
    def __init__(self, base: gettext.NullTranslations, table: dict[str, str]) -> None:
        super().__init__()
        self.base = base
        self.table = table

    def gettext(self, message: str) -> str:
        return self.table.get(message) or self.base.gettext(message)


def _patch(path: Path) -> None:
    from reader.content import country_box

    rows = json.loads(path.read_text(encoding="utf-8"))
    table = {
        row["msgid"]: row["msgstr"][LANG]
        for row in rows
        if isinstance(row["msgid"], str) and LANG in row["msgstr"]
    }
    base = country_box._catalog(LANG)
    country_box._catalog = lambda lang: _Extra(base, table)  # type: ignore[assignment]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translations", type=Path, help="JSON translations not yet merged")
    args = parser.parse_args()
    if args.translations:
        _patch(args.translations)
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from reader.paths import default_pack_dir
    from reader.ui.app import Application, LaunchOptions
    from reader.ui.window import country

    country.system_locale_name = lambda: "ru_LV"
    out = ROOT / "docs" / "screenshots" / "country-box-lv-ru.png"
    with tempfile.TemporaryDirectory() as home:
        os.environ["STROM_READER_HOME"] = home
        app = Application(LaunchOptions(default_pack_dir(), LANG, LANG, open_section=SECTION))
        window = app.start()
        window.resize(1366, 768)
        window.show()
        window.search_dock.hide()
        if window.calendar_panel is not None:
            window.calendar_dock.hide()
        QApplication.processEvents()
        window.view.moveCursor(QTextCursor.MoveOperation.End)
        window.view.ensureCursorVisible()
        QApplication.processEvents()
        window.grab().save(str(out))
        print(f"{out}: {window.settings.my_country} box in {LANG}")
        window.close()
        app.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
