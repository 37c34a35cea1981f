"""Importing Qt with Shiboken's support code compiled once, not at every start.

The first ``import PySide6.QtCore`` runs Shiboken's signature support: a bootstrap and 13 Python
modules (``shibokensupport``). A PyInstaller bundle has them unpacked as files (``files.dir``,
build_scripts/shiboken_support.py) and Python loads them from their ``.pyc``. A pip install keeps
them as a zip inside Shiboken's library and compiles them from source at every start: 25-35 ms
of the ~90 ms the import takes (/tmp scratch, ``import PySide6.QtCore`` with and without the
compiled code, six runs each), a fifth of the time to the early first page.

:func:`import_qt` keeps what was compiled in the cache folder (``qt-support.marshal``) and hands
it back the next time, for each module only while its source is exactly the one it was compiled
from and the Python is the same version (an upgraded PySide6 brings other sources: they are
compiled and the file is written anew). A missing, damaged or foreign file only means compiling
as before.

Why not unpack ``files.dir`` into the pip install, as the bundle does: pip does not know the
folder, so it stays behind when PySide6 is upgraded and the new version would load the old
version's files; and the app should not write into a Python installation. The cache folder is
the app's own. It is only written when it already exists (the app makes it at its first start),
so an early start that guessed the folder (:func:`reader.paths.early_cache_folder`) never makes
a folder the app does not use.

Shiboken's bootstrap compiles with the built-in :func:`compile`; it is swapped for the length of
the one import, on the main thread before any other thread exists.
"""

from __future__ import annotations

import builtins
import marshal
import sys
from contextlib import suppress
from pathlib import Path
from types import CodeType
from typing import Any

from reader.atomic_files import write_atomically

CACHE_FILE = "qt-support.marshal"
_FORMAT = 1


def _is_support(filename: object) -> bool:
    return isinstance(filename, str) and (
        filename.startswith("shibokensupport/") or filename == "signature_bootstrap.py"
    )


class Counts:
    """What the last :func:`import_qt` did (for tests and the benchmark's notes)."""

    reused = 0
    compiled = 0


def read_cache(path: Path) -> dict[str, tuple[bytes, CodeType]]:
    """The compiled modules in ``path``: file name to (source, code); empty when the file is
    missing, damaged or from another Python or format."""
    try:
        data: Any = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not (isinstance(data, tuple) and len(data) == 3):
        return {}
    fmt, version, modules = data
    if fmt != _FORMAT or version != sys.version or not isinstance(modules, dict):
        return {}
    return {
        name: entry
        for name, entry in modules.items()
        if isinstance(name, str)
        and isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], bytes)
        and isinstance(entry[1], CodeType)
    }


def write_cache(path: Path, modules: dict[str, tuple[bytes, CodeType]]) -> None:
    """Write ``modules`` to ``path`` at once (:func:`reader.atomic_files.write_atomically`);
    only into an existing folder, and a failure (read-only stick, full disk) only costs the
    time next start."""
    if not path.parent.is_dir():
        return
    with suppress(OSError, ValueError):
        write_atomically(path, marshal.dumps((_FORMAT, sys.version, modules)))


def import_qt(cache: Path | None) -> None:
    """``import PySide6.QtCore``, reusing the support code compiled at an earlier start in
    ``cache`` (none when None, or when Qt is already imported or the program is a bundle)."""
    Counts.reused = Counts.compiled = 0
    if "PySide6.QtCore" in sys.modules or cache is None or getattr(sys, "frozen", False):
        import PySide6.QtCore

        return
    path = cache / CACHE_FILE
    known = read_cache(path)
    fresh: dict[str, tuple[bytes, CodeType]] = {}
    real = builtins.compile

    def compile_once(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        if not (_is_support(filename) and mode == "exec" and isinstance(source, bytes | str)):
            return real(source, filename, mode, *args, **kwargs)
        text = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
        entry = known.get(filename) if not (args or kwargs) else None
        if entry is not None and entry[0] == text:
            Counts.reused += 1
            return entry[1]
        code = real(source, filename, mode, *args, **kwargs)
        if not (args or kwargs):
            fresh[filename] = (text, code)
        Counts.compiled += 1
        return code

    builtins.compile = compile_once
    try:
        import PySide6.QtCore  # noqa: F401
    finally:
        builtins.compile = real
    if fresh:
        write_cache(path, {**known, **fresh})
