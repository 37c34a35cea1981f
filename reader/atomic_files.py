"""Writing a file so that a crash never leaves half of it.

A module of its own, outside the packages, with nothing but the standard library: the settings,
the user data, the early first page's picture and Qt's compiled support code all write this way,
and the last two on the early start path, where importing a package (reader.userdata pulls its
store and SQLite) would cost time."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that it is either the old or the complete new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
