"""The bundle's zip and its size report (used by build_bundle.py).

MB here is 10**6 bytes. The folder is measured file by file, symbolic links not counted (on
Linux PyInstaller links ``_internal/libQt6Core.so.6`` to ``PySide6/Qt/lib/libQt6Core.so.6``);
the zip stores such a link as a link (Info-ZIP's convention, which ``unzip``, file-roller and
Ark restore), not a second copy of the library. A Windows bundle has no links.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Issue 10's goal: the folder fits a small USB stick, the zip a slow line. Both are reached
# (112.6 MB / 48.2 MB on 2026-12-07) and are the hard limits: the build fails above either.
# See DECISIONS.md, "Bundle size (issue 10)".
FOLDER_GOAL_MB = 120
ZIP_GOAL_MB = 50
FOLDER_CEILING_MB = FOLDER_GOAL_MB
ZIP_CEILING_MB = ZIP_GOAL_MB


def bytes_of(folder: Path) -> dict[Path, int]:
    """Size in bytes of every file under ``folder``; symbolic links are not counted."""
    return {
        path: path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


def folder_size(folder: Path) -> float:
    """MiB on disk."""
    return sum(bytes_of(folder).values()) / 1024 / 1024


def largest_parts(bundle: Path, count: int = 10) -> list[tuple[str, int]]:
    """The ``count`` largest parts: each file of ``_internal/``'s top level, each Qt library,
    each data folder of the app, counted as one part."""
    internal = bundle / "_internal"
    groups = [internal / "PySide6" / "Qt" / "lib", internal / "reader" / "_data"]
    parts: dict[str, int] = {}
    for path, size in bytes_of(bundle).items():
        relative = path.relative_to(bundle)
        name = relative.parts[0] if len(relative.parts) < 2 else "/".join(relative.parts[:2])
        for group in groups:
            if path.is_relative_to(group):
                depth = len(group.relative_to(bundle).parts) + 1
                name = "/".join(relative.parts[:depth])
        parts[name] = parts.get(name, 0) + size
    return sorted(parts.items(), key=lambda item: -item[1])[:count]


# Members at least this big get Zopfli's deflate (about 0.4 MB/s a core, 3-4 % smaller than
# zlib's level 9); smaller ones, a tenth of the bytes, get zlib's.
ZOPFLI_FROM_BYTES = 64 * 1024


def zopfli_deflate(path: Path) -> bytes:
    """The raw deflate stream of one file (Zopfli, one iteration: more gain little)."""
    from zopfli.zopfli import compress

    stream: bytes = compress(path.read_bytes(), numiterations=1)
    return stream[2:-4]  # zlib container: a 2-byte header, an Adler-32 trailer


class _Precompressed:
    """Stands in for zlib's compressor inside zipfile: takes the member's bytes (zipfile still
    computes the CRC and the sizes itself) and hands back the deflate stream made beforehand."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.stream


@contextmanager
def _deflate_with(streams: dict[str, bytes]) -> Iterator[list[str]]:
    """While open, zipfile deflates the member named by the next name pushed on the yielded
    list with the stream from ``streams`` (zipfile has no public way to take one)."""
    original: Any = zipfile._get_compressor  # type: ignore[attr-defined]
    pending: list[str] = []

    def compressor(compress_type: int, compresslevel: int | None = None) -> Any:
        if compress_type == zipfile.ZIP_DEFLATED and pending and pending[-1] in streams:
            return _Precompressed(streams[pending.pop()])
        return original(compress_type, compresslevel)

    zipfile._get_compressor = compressor  # type: ignore[attr-defined]
    try:
        yield pending
    finally:
        zipfile._get_compressor = original  # type: ignore[attr-defined]


def zopfli_streams(files: list[Path]) -> tuple[dict[str, bytes], str]:
    """Zopfli's deflate of each big file, on every core; none (and why) without the package."""
    try:
        import zopfli.zopfli  # noqa: F401
    except ImportError:
        return {}, "zlib level 9 only (the zopfli package is not installed)"
    big = [path for path in files if path.stat().st_size >= ZOPFLI_FROM_BYTES]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        streams = dict(zip((str(path) for path in big), pool.map(zopfli_deflate, big), strict=True))
    return streams, f"Zopfli for {len(big)} files of 64 KiB or more, zlib level 9 for the rest"


def make_zip(bundle: Path, target: Path) -> str:
    """Zip the folder, every member deflated (what Windows Explorer opens; no LZMA or zstd).
    Returns how it was compressed."""
    target.unlink(missing_ok=True)
    paths = sorted(bundle.rglob("*"))
    files = [path for path in paths if path.is_file() and not path.is_symlink()]
    streams, how = zopfli_streams(files)
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        _deflate_with(streams) as pending,
    ):
        for path in paths:
            name = (Path(bundle.name) / path.relative_to(bundle)).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.create_system = 3  # Unix: the mode below is read by unzip
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path), zipfile.ZIP_STORED)
            elif path.is_file():
                pending.append(str(path))
                archive.write(path, name)
                pending.clear()
    return how


def zip_problems(bundle: Path, target: Path) -> list[str]:
    """What the zip holds differently from the folder (files by size, links by target)."""
    expected: dict[str, str] = {}
    for path in bundle.rglob("*"):
        name = (Path(bundle.name) / path.relative_to(bundle)).as_posix()
        if path.is_symlink():
            expected[name] = f"link to {os.readlink(path)}"
        elif path.is_file():
            expected[name] = f"{path.stat().st_size} bytes"
    found: dict[str, str] = {}
    with zipfile.ZipFile(target) as archive:
        for info in archive.infolist():
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                found[info.filename] = f"compression method {info.compress_type}"
            elif stat.S_ISLNK(info.external_attr >> 16):
                found[info.filename] = f"link to {archive.read(info).decode()}"
            else:
                found[info.filename] = f"{info.file_size} bytes"
        broken = archive.testzip()  # reads every member: deflate stream and CRC
    if broken is not None:
        found[broken] = "a member that does not decompress to its CRC"
    names = sorted(set(expected) | set(found))
    return [
        f"{target.name}: {name}: {found.get(name, 'missing')}, the folder has "
        f"{expected.get(name, 'nothing')}"
        for name in names
        if expected.get(name) != found.get(name)
    ]


def unzip(archive: Path, target: Path) -> str:
    """Unpack as a user would: with ``unzip`` where there is one, else Python restoring links
    the same way. Returns what unpacked it."""
    target.mkdir(parents=True, exist_ok=True)
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-q", str(archive), "-d", str(target)], check=True, timeout=600)
        return "unzip"
    with zipfile.ZipFile(archive) as opened:
        for info in opened.infolist():
            path = target / info.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                path.symlink_to(opened.read(info).decode())
            else:
                opened.extract(info, target)
                if mode:
                    path.chmod(stat.S_IMODE(mode))
    return "Python's zipfile"


def describe(size: int) -> str:
    return f"{size / 10**6:.1f} MB ({size / 1024 / 1024:.1f} MiB)"


def check_size(bundle: Path, archive: Path) -> int:
    """Print the ten largest parts and both sizes against the goal; 1 above a ceiling (the
    zip's is its goal) or when the zip does not hold what the folder holds."""
    print("largest parts of the bundle:")
    for name, size in largest_parts(bundle):
        print(f"  {describe(size):>24}  {name}")
    failed = 0
    for what, size, goal, ceiling in (
        (
            f"folder {bundle.name}/",
            sum(bytes_of(bundle).values()),
            FOLDER_GOAL_MB,
            FOLDER_CEILING_MB,
        ),
        (f"zip {archive.name}", archive.stat().st_size, ZIP_GOAL_MB, ZIP_CEILING_MB),
    ):
        if size > ceiling * 10**6:
            over = f"by {(size - ceiling * 10**6) / 10**6:.1f} MB"
            verdict = (
                f"OVER THE LIMIT of {goal} MB {over}"
                if ceiling == goal
                else f"OVER THE CEILING of {ceiling} MB {over} (a regression; goal {goal} MB)"
            )
            failed = 1
        elif size > goal * 10**6:
            verdict = f"over the goal of {goal} MB by {(size - goal * 10**6) / 10**6:.1f} MB"
        else:
            verdict = f"within the goal of {goal} MB"
        print(f"bundle {what}: {describe(size)}, {verdict}")
    for problem in zip_problems(bundle, archive):
        print(problem)
        failed = 1
    return failed
