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
from pathlib import Path

# Issue 10's goal: the folder fits a small USB stick, the zip a slow line. Until it is reached
# the build fails above a ceiling just over the sizes reached (so what was won stays won) and
# prints the distance to the goal; see DECISIONS.md, "Bundle size (issue 10)".
FOLDER_GOAL_MB = 120
ZIP_GOAL_MB = 50
FOLDER_CEILING_MB = 137
ZIP_CEILING_MB = 53


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


def make_zip(bundle: Path, target: Path) -> None:
    """Zip the folder with deflate level 9 (what Windows Explorer opens; no LZMA or zstd)."""
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(bundle.rglob("*")):
            name = (Path(bundle.name) / path.relative_to(bundle)).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.create_system = 3  # Unix: the mode below is read by unzip
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path), zipfile.ZIP_STORED)
            elif path.is_file():
                archive.write(path, name)


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
    """Print the ten largest parts and both sizes against the goal; 1 above a ceiling or when
    the zip does not hold what the folder holds."""
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
            verdict = f"OVER THE CEILING of {ceiling} MB (a regression)"
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
