"""Extract user-visible strings into i18n/strom-reader.pot and merge them into every catalog.

Usage: python build_scripts/update_catalogs.py

Runs Babel's extract and update steps; a language in reader.i18n.UI_LANGUAGES without a catalog
gets a new one. Catalogs are compiled in memory at start, so there is no compile step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages import pofile
from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.i18n import DOMAIN, SOURCE_LANGUAGE, UI_LANGUAGES  # noqa: E402


def main() -> int:
    i18n = ROOT / "i18n"
    template = i18n / f"{DOMAIN}.pot"
    cli = CommandLineInterface()
    cli.run(  # type: ignore[no-untyped-call]
        [
            "pybabel",
            "--quiet",
            "extract",
            "-F",
            str(i18n / "babel.cfg"),
            "-o",
            str(template),
            "--project",
            "STROM Reader",
            "--copyright-holder",
            "STROM Reader developers",
            "--no-location",
            "--sort-output",
            "-c",
            "TRANSLATORS:",
            str(ROOT / "reader"),
        ]
    )
    for lang in UI_LANGUAGES:
        catalog = i18n / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        step = "update" if catalog.exists() else "init"
        cli.run(  # type: ignore[no-untyped-call]
            [
                "pybabel",
                "--quiet",
                step,
                "-D",
                DOMAIN,
                "-i",
                str(template),
                "-d",
                str(i18n),
                "-l",
                lang,
                *(["--no-fuzzy-matching", "--ignore-obsolete"] if step == "update" else []),
            ]
        )
    fill_source_catalog(i18n / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po")
    return 0


def fill_source_catalog(path: Path) -> None:
    """The English catalog translates each message to itself, so it is complete by definition."""
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=SOURCE_LANGUAGE)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(message.id)
        else:
            message.string = message.id
    with path.open("wb") as handle:
        pofile.write_po(handle, catalog, width=100)


if __name__ == "__main__":
    sys.exit(main())
