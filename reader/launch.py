"""The program's entry point: paint the last page early, then run the command line.

A plain GUI start (no subcommand, no options but --portable) first shows the page of the last
session from a snapshot (:mod:`reader.ui.first_paint`), before the rest of the app is imported;
everything else goes straight to :func:`reader.cli.main`.
"""

from __future__ import annotations

import sys

#: Command-line words that still open the page of the last session.
PLAIN_START_WORDS = frozenset({"--portable"})


def wants_first_paint(argv: list[str]) -> bool:
    """Only a plain GUI start opens the last page (subcommands and options do not)."""
    return all(word in PLAIN_START_WORDS for word in argv[1:])


def main() -> int:
    from reader import netguard, streams

    streams.ensure_streams()  # the windowed bundle has none; see reader.streams
    netguard.install()
    if wants_first_paint(sys.argv):
        from reader.paths import early_cache_folder
        from reader.ui.qt_import import import_qt

        import_qt(early_cache_folder("--portable" in sys.argv))  # see reader.ui.qt_import
        from reader.ui.first_paint import paint_first_page

        paint_first_page(sys.argv)
    from reader.cli import main as cli_main

    return cli_main()
