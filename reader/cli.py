"""The command line: ``strom-reader`` opens the window; subcommands work without it.

Expected failures (a damaged, locked or newer user-data file, a folder that cannot be created or
written, a bad argument) end with one line on stderr, ``strom-reader COMMAND: what is wrong and
where``, and exit code 1; a traceback is left for real bugs. Output is English: it addresses
administrators. In the bundle, help and messages use the executable's name: there,
``strom-reader-cli`` is the one for a terminal (on Windows ``strom-reader`` has no console).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from reader import APP_ID, __version__, netguard, paths, streams
from reader.calendar import CalendarFileError
from reader.cli_cards import CardsError, cmd_cards_pdf
from reader.cli_cards import add_parser as add_cards_parser
from reader.cli_import import add_parser as add_import_parser
from reader.cli_import import chosen_pack, cmd_import_pack
from reader.content.loader import load_pack
from reader.content.model import Pack
from reader.search.documents import KINDS
from reader.search.engine import SearchEngine
from reader.search.index import META_FILE, build_index, parallel_workers
from reader.search.manager import IndexManager
from reader.search.snippets import snippet_text
from reader.userdata import UserDataError

#: Failures that are the user's situation, not a bug: reported in one line, exit code 1.
EXPECTED_ERRORS = (OSError, UserDataError, CalendarFileError, CardsError)


class CliError(Exception):
    """A problem with the arguments or the folders, told in one line (exit code 1)."""


class _Parser(argparse.ArgumentParser):
    """Bad arguments end like every other expected error: one line and exit code 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see {self.prog} --help)\n")


def os_reason(exc: OSError) -> str:
    """What went wrong and on which path, in one line."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        reason = f"{reason} ({exc.filename})"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        reason += ": a file is where a folder should be"
    return reason


def one_line(exc: BaseException) -> str:
    text = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return " ".join(text.split()) or type(exc).__name__


def _user_folders(portable: bool) -> paths.Folders:
    folders = paths.user_folders(portable)
    try:
        return folders.ensure()
    except OSError as exc:
        raise CliError(f"cannot create the user folders: {os_reason(exc)}") from exc


def _pack_dir(value: str | None) -> Path:
    return Path(value).expanduser() if value else paths.default_pack_dir()


def program_name() -> str:
    """``strom-reader``; in the bundle, the executable's own name (``strom-reader-cli``)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    return APP_ID


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=program_name(),
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
        "--present",
        metavar="SECTION",
        help="start presenting a section as slides (id or link, e.g. strom:lv/definition)",
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
    index = commands.add_parser("index", help="check the search index, build it if needed")
    index.add_argument("--rebuild", action="store_true", help="build even if it is up to date")
    index.add_argument("--output", metavar="DIR", help="build into DIR (for packaging)")
    search = commands.add_parser("search", help="search the handbook")
    search.add_argument("query", metavar="QUERY", nargs="+", help='words, "a phrase", prefix*')
    search.add_argument("--lang", dest="search_lang", metavar="XX|all", help="language(s)")
    search.add_argument("--kind", choices=KINDS, help="only sections, indicators or events")
    search.add_argument("--chapter", metavar="ID", help="only this chapter")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits")
    search.add_argument("--json", action="store_true", help="print JSON")
    add_import_parser(commands)
    add_cards_parser(commands)
    events = commands.add_parser("events", help="list events, or write them to an .ics file")
    events.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    events.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY-MM-DD)")
    events.add_argument("--bookmarked", action="store_true", help="only bookmarked events")
    events.add_argument("--ics", metavar="FILE", help="write the events to an .ics file")
    return parser


def cmd_validate(pack: str | None) -> int:
    from reader.content.validate import validate_pack

    root = _pack_dir(pack)
    problems = validate_pack(root)
    for problem in problems:
        print(problem)
    errors = [problem for problem in problems if not problem.warning]
    if errors:
        print(f"{len(errors)} problem(s) in {root}", file=sys.stderr)
        return 1
    if problems:
        print(f"{root}: {len(problems)} warning(s), no errors")
        return 0
    print(f"{root}: no problems")
    return 0


def cmd_self_test(pack: str | None) -> int:
    from reader.ui.selftest import run_self_test

    report = run_self_test(_pack_dir(pack), progress=lambda line: print(line, flush=True))
    for failure in report.failures:
        print(f"FAIL {failure}")
    print(f"self-test: {report.pages} pages, {len(report.failures)} failures")
    return 0 if report.ok else 1


def _progress(done: int, total: int, lang: str) -> None:
    if lang:
        print(f"indexing {lang} ({done + 1}/{total})", file=sys.stderr, flush=True)


def _ready_index(
    pack_dir: Path, rebuild: bool = False, portable: bool = False, shipped: Path | None = None
) -> tuple[Pack, IndexManager] | None:
    pack = load_pack(pack_dir)
    if pack.manifest is None:
        for problem in pack.problems:
            print(problem, file=sys.stderr)
        return None
    manager = IndexManager(pack, paths.user_folders(portable).cache, shipped)
    try:
        manager.folder.parent.mkdir(parents=True, exist_ok=True)  # fail before saying "building"
        status = manager.status() if rebuild else manager.prepare()
        if rebuild or not status.ok:
            if not status.ok:
                print(f"{status.message}; building it", file=sys.stderr)
            manager.build(_progress)
    except OSError as exc:
        raise CliError(
            f"cannot prepare the search index in {manager.folder}: {os_reason(exc)}"
        ) from exc
    return pack, manager


def _check_output(output: Path) -> None:
    """``--output`` replaces the folder it names: refuse anything but a new, empty or index one."""
    if output.exists() and not output.is_dir():
        raise CliError(f"--output {output} is a file; give a folder for the search index")
    if output.is_dir() and any(output.iterdir()) and not (output / META_FILE).is_file():
        raise CliError(
            f"--output {output} holds files that are not a search index; "
            "give a new or empty folder (it is replaced)"
        )


def cmd_index(
    pack_dir: Path,
    rebuild: bool,
    output: str | None,
    portable: bool = False,
    shipped: Path | None = None,
) -> int:
    if output:
        pack = load_pack(pack_dir)
        if pack.manifest is None:
            print("\n".join(str(p) for p in pack.problems), file=sys.stderr)
            return 1
        target = Path(output)
        _check_output(target)
        try:
            build_index(pack, target, _progress, workers=parallel_workers())
        except OSError as exc:
            raise CliError(f"cannot write the search index to {target}: {os_reason(exc)}") from exc
        print(f"search index written to {output}")
        return 0
    ready = _ready_index(pack_dir, rebuild, portable, shipped)
    if ready is None:
        return 1
    _pack, manager = ready
    print(f"search index ready: {manager.folder}")
    return 0


def cmd_search(pack_dir: Path, args: argparse.Namespace, shipped: Path | None = None) -> int:
    ready = _ready_index(pack_dir, portable=args.portable, shipped=shipped)
    if ready is None:
        return 1
    pack, manager = ready
    if args.search_lang == "all":
        langs = pack.languages
    else:
        lang = args.search_lang or args.lang or pack.source_language
        if lang not in pack.languages:
            raise CliError(f"unknown language {lang!r}; the pack has: {', '.join(pack.languages)}")
        langs = [lang]
    engine = SearchEngine(pack, manager.folder)
    results = engine.search(
        " ".join(args.query), langs, kind=args.kind, chapter=args.chapter, limit=max(args.limit, 0)
    )
    engine.close()
    if args.json:
        payload = {
            "query": results.query,
            "total": results.total,
            "suggestion": results.suggestion,
            "hits": [hit.as_dict() for hit in results.hits],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for hit in results.hits:
        print(f"{hit.lang}  {hit.kind:9}  {hit.section_id}  {hit.title}  ({hit.chapter_title})")
        print(f"    {snippet_text(list(hit.snippet))}")
    if not results.hits:
        print("no results")
    if results.suggestion:
        print(f"did you mean: {results.suggestion}")
    return 0


def _date_argument(value: str | None, default: dt.date, name: str) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value!r} is not a date like 2026-10-18") from None


def cmd_events(pack_dir: Path, args: argparse.Namespace) -> int:
    from reader.calendar import entries_from_own, entries_from_pack, export_ics, occurrences
    from reader.userdata import UserStore, default_store_path

    pack = load_pack(pack_dir)
    if pack.manifest is None:
        print("\n".join(str(p) for p in pack.problems), file=sys.stderr)
        return 1
    lang = args.lang if args.lang in pack.languages else pack.source_language
    today = dt.date.today()
    first = _date_argument(args.first, today, "--from")
    last = _date_argument(args.last, first + dt.timedelta(days=365), "--to")
    if last < first:
        raise CliError("--to is before --from")
    # Only the data folder is needed; the store creates it and names it if that fails.
    store = UserStore(default_store_path(paths.user_folders(args.portable)))
    try:
        if store.open_report.recovered_from is not None:
            print(store.open_report.message, file=sys.stderr)
        entries = entries_from_pack(pack, lang) + entries_from_own(store.own_events())
        if args.bookmarked:
            marked = {b.target_id for b in store.bookmarks("event")}
            entries = [e for e in entries if e.uid in marked]
        found = occurrences(entries, first, last)
        if args.ics:
            chosen = {occ.entry.uid: occ.entry for occ in found}
            count = export_ics(list(chosen.values()), Path(args.ics), lang)
            print(f"{count} event(s) written to {args.ics}")
            return 0
        for occ in found:
            when = occ.start.isoformat()
            if occ.end != occ.start:
                when += f"..{occ.end.isoformat()}"
            star = "*" if store.is_bookmarked("event", occ.entry.uid) else " "
            place = f" ({occ.entry.place})" if occ.entry.place else ""
            print(f"{when:22} {star} {occ.entry.title}{place}")
        if not found:
            print("no events")
        return 0
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    streams.ensure_streams()  # the windowed bundle has none; see reader.streams
    netguard.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except (CliError, *EXPECTED_ERRORS) as exc:
        where = f"{parser.prog} {args.command}" if args.command else parser.prog
        print(f"{where}: {one_line(exc)}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return cmd_validate(args.pack_path or args.pack)
    if args.command == "self-test":
        return cmd_self_test(args.pack)
    if args.command == "import-pack":
        return cmd_import_pack(args)
    if args.command == "index" and args.output:  # packaging: always the built-in pack
        return cmd_index(_pack_dir(args.pack), args.rebuild, args.output, args.portable)
    if args.command == "cards-pdf":
        return cmd_cards_pdf(args, chosen_pack(args.pack, args.portable)[0])
    if args.command in ("index", "search", "events"):
        pack_dir, shipped = chosen_pack(args.pack, args.portable)  # an installed edition
        if args.command == "index":
            return cmd_index(pack_dir, args.rebuild, None, args.portable, shipped)
        if args.command == "search":
            return cmd_search(pack_dir, args, shipped)
        return cmd_events(pack_dir, args)
    from reader.ui.qt_import import import_qt

    import_qt(paths.early_cache_folder(args.portable))  # Qt's support code compiled once
    from reader.ui.app import LaunchError, LaunchOptions, run

    _user_folders(args.portable)  # before any window, so a failure is one clear line
    try:
        return run(
            LaunchOptions(
                pack_dir=_pack_dir(args.pack),
                installed_packs=args.pack is None,
                content_language=args.lang,
                ui_language=args.ui_lang,
                open_section=args.open,
                present_section=args.present,
                portable=args.portable,
            )
        )
    except LaunchError as exc:
        raise CliError(str(exc)) from exc
