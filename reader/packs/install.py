"""Install a signed pack file as the reader's content, atomically, or leave everything as it was.

Steps (``import_pack``): take the import lock and remove staging folders a crashed import left;
verify the signature (before the zip is opened); check and unpack the zip into
``<data>/packs/.staging-*``; load and validate it as ``strom-reader validate`` does, and require
the built-in pack's id and all its languages; refuse an edition that is not newer than the one in
use (unless forced); build its search index into ``<staging>/index``; then switch: ``current`` is
renamed to ``previous`` (replacing the one before) and the staging folder to ``current``. Any
failure or cancel removes the staging folder, so the pack in use is never touched before the
switch. A crash between the two renames leaves ``previous`` and no ``current``, which start-up
reads as "use previous" (reader.packs.selection).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.content.loader import load_pack
from reader.content.model import Pack, Problem
from reader.content.validate import check_pack
from reader.i18n import _, ngettext
from reader.packs.edition import EditionError, check_newer
from reader.packs.lock import ImportLock, LockBusyError
from reader.packs.safezip import CancelledError, Limits, UnsafeArchiveError, extract
from reader.packs.selection import (
    INDEX_FOLDER,
    BuiltinInfo,
    builtin_info,
    choose_pack,
    current_dir,
    packs_dir,
    previous_dir,
)
from reader.packs.signing import SignatureError, release_keys_dir, verify
from reader.paths import Folders
from reader.search.index import BuildCancelled, build_index

STAGING_PREFIX = ".staging-"
LOCK_FILE = ".import.lock"
#: At most this many problems are listed in the error message.
SHOWN_PROBLEMS = 10

#: stage description (translated), done, total
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


class PackImportError(Exception):
    """The pack file was refused; the message says why. The pack in use is unchanged."""


class ImportCancelled(PackImportError):
    """The user cancelled; nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    edition: str
    previous_edition: str
    key_id: str
    pack_dir: Path
    languages: tuple[str, ...]


def clean_staging(packs: Path) -> list[Path]:
    """Remove staging folders left by an import that crashed; call it holding the lock."""
    removed = []
    if packs.is_dir():
        for folder in packs.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _problem_lines(staging: Path, problems: list[Problem]) -> list[str]:
    lines = []
    for problem in problems[:SHOWN_PROBLEMS]:
        try:
            where = problem.path.relative_to(staging).as_posix()
        except ValueError:
            where = str(problem.path)
        lines.append(
            f"{where}:{problem.line}: {problem.message}"
            if problem.line
            else f"{where}: {problem.message}"
        )
    return lines


def _check_content(archive: Path, staging: Path, pack: Pack, builtin: BuiltinInfo) -> None:
    problems = check_pack(pack)
    if pack.manifest is not None:
        missing = [lang for lang in builtin.languages if lang not in pack.manifest.languages]
        if missing:
            problems.insert(
                0,
                Problem(
                    pack.manifest.path,
                    _line_of(pack.manifest.path, "languages"),
                    _("languages lacks {missing}; a pack must have all of {required}").format(
                        missing=", ".join(missing), required=", ".join(builtin.languages)
                    ),
                ),
            )
        if builtin.id and pack.manifest.id != builtin.id:
            problems.insert(
                0,
                Problem(
                    pack.manifest.path,
                    _line_of(pack.manifest.path, "id"),
                    _('id is "{id}", but this reader\'s handbook is "{expected}"').format(
                        id=pack.manifest.id, expected=builtin.id
                    ),
                ),
            )
    if problems:
        raise PackImportError(
            ngettext(
                "{file}: the pack has {count} problem:",
                "{file}: the pack has {count} problems:",
                len(problems),
            ).format(file=archive.name, count=len(problems))
            + "\n"
            + "\n".join(_problem_lines(staging, problems))
        )


def _line_of(path: Path, key: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith(key):
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return None


def _switch(staging: Path, current: Path, previous: Path) -> None:
    """Make staging the current pack; the current one becomes previous (replacing that one)."""
    had_current = current.exists()
    if had_current:
        if previous.is_dir():
            shutil.rmtree(previous)
        elif previous.exists():
            previous.unlink()
        current.rename(previous)
    try:
        staging.rename(current)
    except BaseException:
        if had_current:
            previous.rename(current)  # put the pack in use back
        raise


def import_pack(
    archive: Path,
    folders: Folders,
    *,
    key_dirs: list[Path] | None = None,
    force: bool = False,
    builtin: Path | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportResult:
    """Verify, unpack, validate, index and switch to the pack file ``archive``."""
    packs = packs_dir(folders)
    try:
        packs.mkdir(parents=True, exist_ok=True)
        with ImportLock(packs / LOCK_FILE):
            clean_staging(packs)
            return _import_locked(
                archive, folders, key_dirs, force, builtin, limits or Limits(), progress, cancel
            )
    except LockBusyError as exc:
        raise PackImportError(
            _("another import of a pack is running ({file})").format(file=packs / LOCK_FILE)
        ) from exc
    except OSError as exc:
        raise PackImportError(
            _("{file}: cannot install the pack: {error}").format(file=archive.name, error=exc)
        ) from exc


def _import_locked(
    archive: Path,
    folders: Folders,
    key_dirs: list[Path] | None,
    force: bool,
    builtin: Path | None,
    limits: Limits,
    progress: Progress | None,
    cancel: Cancel | None,
) -> ImportResult:
    def report(stage: str, done: int = 0, total: int = 0) -> None:
        if progress is not None:
            progress(stage, done, total)

    def stop_if_cancelled() -> None:
        if cancel is not None and cancel():
            raise ImportCancelled(_("Import cancelled; nothing was changed."))

    report(_("Checking the signature"))
    try:
        key_id = verify(archive, key_dirs if key_dirs is not None else [release_keys_dir()])
    except SignatureError as exc:
        raise PackImportError(str(exc)) from exc
    in_use = choose_pack(folders, builtin)
    previous_edition = in_use.pack.manifest.edition if in_use.pack.manifest else "0"
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=packs_dir(folders)))
    try:
        stop_if_cancelled()
        unpack = _("Unpacking")
        report(unpack)
        try:
            extract(archive, staging, limits, lambda d, t: report(unpack, d, t), cancel)
        except UnsafeArchiveError as exc:
            raise PackImportError(str(exc)) from exc
        except CancelledError as exc:
            raise ImportCancelled(_("Import cancelled; nothing was changed.")) from exc
        stop_if_cancelled()
        report(_("Checking the content"))
        pack = load_pack(staging)
        _check_content(archive, staging, pack, builtin_info(builtin))
        assert pack.manifest is not None  # _check_content refuses a pack without one
        edition = pack.manifest.edition
        try:
            check_newer(previous_edition, edition, force)
        except EditionError as exc:
            raise PackImportError(f"{archive.name}: {exc}") from exc
        _build_index(pack, staging, report, cancel)
        stop_if_cancelled()
        report(_("Switching to the new edition"))
        _switch(staging, current_dir(folders), previous_dir(folders))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ImportResult(
        edition, previous_edition, key_id, current_dir(folders), tuple(pack.languages)
    )


def _build_index(
    pack: Pack, staging: Path, report: Callable[[str, int, int], None], cancel: Cancel | None
) -> None:
    def on_progress(done: int, total: int, lang: str) -> None:
        stage = _("Building the search index ({lang})").format(lang=lang) if lang else ""
        report(stage or _("Building the search index"), done, total)

    try:
        build_index(pack, staging / INDEX_FOLDER, on_progress, cancel=cancel)
    except BuildCancelled as exc:
        raise ImportCancelled(_("Import cancelled; nothing was changed.")) from exc
