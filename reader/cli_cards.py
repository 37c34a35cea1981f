"""``strom-reader cards-pdf OUT.pdf``: the 'show to the person' cards as a PDF, a page a language.

For the IT person or trainer who prints the cards ahead: ``--lang ar,en`` picks languages (all
by default, in the handbook's order), ``--country LV`` the country whose hotline number and
police card rule the cards follow (``none``, the default: 112 and no police card). The pages
are those of File > Print cards for the person… (reader/ui/card_sheet.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reader.content.cards import CARD_LANGUAGES, hotline_number, read_cards
from reader.content.countries import COUNTRIES, load_countries

NO_COUNTRY = "none"


class CardsError(Exception):
    """A bad argument or a file that cannot be written, told in one line."""


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "cards-pdf", help="write the cards to show the person as a PDF, one A4 page per language"
    )
    parser.add_argument("output", metavar="OUT.pdf", help="the PDF file to write")
    parser.add_argument(
        "--lang",
        dest="card_langs",
        metavar="XX,YY",
        help="languages, comma-separated, e.g. ar,en (default: every language with cards)",
    )
    parser.add_argument(
        "--country",
        default=NO_COUNTRY,
        metavar="XX|none",
        help="whose hotline number and police rule the cards follow, e.g. LV "
        "(default: none: 112 and no police card)",
    )


def _languages(value: str | None, available: list[str]) -> list[str]:
    if not value:
        return available
    codes = [code.strip().lower() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in available]
    if unknown or not codes:
        raise CardsError(
            f"unknown card language {', '.join(unknown) or repr(value)}; "
            f"the pack has cards in: {','.join(available)}"
        )
    return list(dict.fromkeys(codes))


def _country(value: str) -> str:
    code = value.strip().upper()
    if code == NO_COUNTRY.upper():
        return ""
    if code not in COUNTRIES:
        raise CardsError(
            f"unknown country {value!r}; use one of {','.join(COUNTRIES)} or {NO_COUNTRY}"
        )
    return code


def cmd_cards_pdf(args: argparse.Namespace, pack_dir: Path) -> int:
    output = Path(args.output).expanduser()
    country = _country(args.country)
    sets, problems = read_cards(pack_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    order = list(sets)  # in the order of CARD_LANGUAGES
    if not order:
        raise CardsError(f"the pack in {pack_dir} has no cards")
    codes = _languages(args.card_langs, order)
    record = None
    if country:
        records = load_countries(pack_dir, list(CARD_LANGUAGES))
        record = records.records.get(country)
        if record is None or record.unreadable:
            why = record.unreadable if record is not None else "there is no record"
            raise CardsError(f"the country record {country} cannot be used: {why}")
    if output.is_dir():
        raise CardsError(f"{output} is a folder; give a file name like cards.pdf")
    if not output.parent.is_dir():
        raise CardsError(f"cannot write {output}: the folder {output.parent} does not exist")

    # Qt only now: the other commands start without it. Offscreen unless told otherwise, so
    # that this works over SSH and on a server without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from reader.ui.card_sheet import sheets_for, write_cards_pdf
    from reader.ui.print_export import PrintExportError

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    try:
        pages = write_cards_pdf(sheets_for(sets, codes, record), output)
    except PrintExportError as exc:
        raise CardsError(str(exc)) from exc
    finally:
        del app
    police = "with" if record is not None and record.police_card_allowed() else "without"
    print(
        f"{pages} page(s) written to {output}: {','.join(codes)}; "
        f"country {country or NO_COUNTRY}, hotline {hotline_number(record)}, "
        f"{police} the police card"
    )
    return 0
