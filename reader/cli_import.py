"""``strom-reader import-pack FILE``: install a signed pack file (see reader.packs.install)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader import paths
from reader.packs.selection import PackChoice, choose_pack


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "import-pack", help="install a new edition of the handbook from a signed pack file"
    )
    parser.add_argument("file", metavar="FILE", help="the pack file NAME.zip (NAME.zip.sig beside)")
    parser.add_argument(
        "--force", action="store_true", help="install even if the edition is not newer"
    )
    parser.add_argument(
        "--keys",
        metavar="DIR",
        help="trust the public keys (*.pub) in DIR instead of the built-in ones (for testing)",
    )


def cmd_import_pack(args: argparse.Namespace) -> int:
    # Here, not at the top: every start of the program imports this module, and the import
    # machinery (Whoosh for the index build, PyNaCl) is needed only by this command.
    from reader.packs.install import PackImportError, import_pack

    folders = paths.user_folders(args.portable)
    last = [""]

    def progress(stage: str, done: int, total: int) -> None:
        if stage != last[0]:
            last[0] = stage
            print(f"{stage}…", file=sys.stderr, flush=True)

    try:
        result = import_pack(
            Path(args.file).expanduser(),
            folders,
            key_dirs=[Path(args.keys)] if args.keys else None,
            force=args.force,
            progress=progress,
        )
    except PackImportError as exc:
        from reader.cli import program_name

        print(f"{program_name()} import-pack: refused, nothing was changed: {exc}", file=sys.stderr)
        return 1
    print(
        f"installed edition {result.edition} (was {result.previous_edition}), "
        f"{len(result.languages)} languages, signed by {result.key_id}, in {result.pack_dir}"
    )
    return 0


def chosen_pack(pack_option: str | None, portable: bool) -> tuple[Path, Path | None]:
    """The pack folder a command uses and its prebuilt index: ``--pack``, else the chosen one."""
    if pack_option:
        return Path(pack_option).expanduser(), None
    choice: PackChoice = choose_pack(paths.user_folders(portable))
    if choice.notice:
        print(choice.notice, file=sys.stderr)
    return choice.pack.root, choice.index
