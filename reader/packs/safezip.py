"""Unpack an untrusted zip without letting it escape its folder or fill the disk.

Every member is checked from the zip's central directory before anything is
written (paths, type, declared sizes, count), and the limits are enforced again
while extracting by counting the bytes actually written: declared sizes are
never trusted.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from reader.i18n import _

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one pack archive."""

    max_member_bytes: int = 20 * 1024 * 1024
    max_total_bytes: int = 200 * 1024 * 1024
    max_files: int = 5000


class UnsafeArchiveError(ValueError):
    """The archive is refused; the message names the archive and member."""


class CancelledError(Exception):
    """The caller asked to stop."""


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\\" in name:
        return _("contains a backslash")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return _("is an absolute path")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return _("leaves the pack (..)")
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return _("is a symbolic link")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return _("is a special file")
    return None


def check_archive(archive: Path, limits: Limits = Limits()) -> list[zipfile.ZipInfo]:
    """Check the zip directory; return the file members or raise UnsafeArchiveError."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        raise UnsafeArchiveError(
            _("{file}: not a readable zip archive ({error})").format(file=archive.name, error=exc)
        ) from exc
    files = [info for info in infos if not info.is_dir()]
    if len(files) > limits.max_files:
        raise UnsafeArchiveError(
            _("{file}: {count} files is more than the limit of {limit}").format(
                file=archive.name, count=len(files), limit=limits.max_files
            )
        )
    total = 0
    for info in infos:
        problem = _member_problem(info)
        if problem:
            raise UnsafeArchiveError(
                _("{file}: member {member} {problem}").format(
                    file=archive.name, member=info.filename, problem=problem
                )
            )
        if info.file_size > limits.max_member_bytes:
            raise UnsafeArchiveError(_too_big(archive, info.filename, limits.max_member_bytes))
        total += info.file_size
    if total > limits.max_total_bytes:
        raise UnsafeArchiveError(_total_too_big(archive, limits.max_total_bytes))
    return files


def _too_big(archive: Path, member: str, limit: int) -> str:
    return _("{file}: member {member} is larger than the limit of {limit} bytes").format(
        file=archive.name, member=member, limit=limit
    )


def _total_too_big(archive: Path, limit: int) -> str:
    return _("{file}: unpacked size is larger than the limit of {limit} bytes").format(
        file=archive.name, limit=limit
    )


def extract(
    archive: Path,
    dest: Path,
    limits: Limits = Limits(),
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Check, then extract archive into the empty folder dest, counting real bytes."""
    files = check_archive(archive, limits)
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    try:
        _extract_files(archive, files, root, limits, progress, cancelled)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UnsafeArchiveError(
            _("{file}: damaged archive ({error})").format(file=archive.name, error=exc)
        ) from exc


def _extract_files(
    archive: Path,
    files: list[zipfile.ZipInfo],
    root: Path,
    limits: Limits,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    total = 0
    with zipfile.ZipFile(archive) as zf:
        for done, info in enumerate(files):
            if cancelled is not None and cancelled():
                raise CancelledError(_("Import cancelled."))
            target = (root / info.filename).resolve()
            if not target.is_relative_to(root):
                raise UnsafeArchiveError(
                    _("{file}: member {member} leaves the pack (..)").format(
                        file=archive.name, member=info.filename
                    )
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with zf.open(info) as src, target.open("xb") as out:
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    total += len(chunk)
                    if written > limits.max_member_bytes:
                        raise UnsafeArchiveError(
                            _too_big(archive, info.filename, limits.max_member_bytes)
                        )
                    if total > limits.max_total_bytes:
                        raise UnsafeArchiveError(_total_too_big(archive, limits.max_total_bytes))
                    out.write(chunk)
            if progress is not None:
                progress(done + 1, len(files))
