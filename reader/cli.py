"""The command line: ``strom-reader`` opens the window; subcommands work without it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import APP_ID, __version__, netguard, paths


def _pack_dir(value: str | None) -> Path:
    return Path(value).expanduser() if value else paths.default_pack_dir()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="STROM Reader: an offline handbook on preventing and combating human "
        "trafficking, for municipal staff. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--pack", metavar="DIR", help="open another content pack folder")
    parser.add_argument("--lang", metavar="XX", help="content language, e.g. lv")
    parser.add_argument("--ui-lang", metavar="XX", help="interface language, e.g. lv")
    parser.add_argument(
        "--open", metavar="SECTION", help="open a section by id or link (strom:lv/definition)"
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help=f"keep settings and data in a '{paths.PORTABLE_FOLDER_NAME}' folder beside the app",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a content pack and list its problems")
    validate.add_argument(
        "pack_path", nargs="?", metavar="PACK", help="pack folder (default: the bundled one)"
    )
    commands.add_parser(
        "self-test", help="open every section in every language offscreen; exit 0 or 1"
    )
    return parser


def cmd_validate(pack: str | None) -> int:
    from reader.content.validate import validate_pack

    root = _pack_dir(pack)
    problems = validate_pack(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(f"{root}: no problems")
    return 0


def cmd_self_test(pack: str | None) -> int:
    from reader.ui.selftest import run_self_test

    report = run_self_test(_pack_dir(pack), progress=lambda line: print(line, flush=True))
    for failure in report.failures:
        print(f"FAIL {failure}")
    print(f"self-test: {report.pages} pages, {len(report.failures)} failures")
    return 0 if report.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    netguard.install()
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.pack_path or args.pack)
    if args.command == "self-test":
        return cmd_self_test(args.pack)
    from reader.ui.app import LaunchOptions, run

    return run(
        LaunchOptions(
            pack_dir=_pack_dir(args.pack),
            content_language=args.lang,
            ui_language=args.ui_lang,
            open_section=args.open,
            portable=args.portable,
        )
    )
