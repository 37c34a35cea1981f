"""Whoosh's index files read from the memory map itself, not from a copy of it.

Whoosh opens a segment's compound file as one memory map and each file inside it as a
``BufferFile``, whose constructor copies that part of the map into an ``io.BytesIO`` for its
file-like reads. With twelve languages open that was 23 MB of copies (tracemalloc of the
search warm-up), and making them touched every page of the map as well: the app held about
38 MiB more after the warm-up (RSS 174 against 136 MiB in a plain process, same searches and
hits; as fast within the noise, build_scripts/bench_search.py). :class:`LeanBufferFile` reads
through a memoryview instead, so only the bytes asked for are copied and only the pages read
become resident. :func:`install` puts it where Whoosh's compound storage looks it up; the
engine installs it before it opens an index (tests/search/test_lean_files.py compares every
search of the relevance set with and without it).
"""

from __future__ import annotations

import io
from typing import Any

from whoosh.filedb import compound, structfile

BLOCK = 4096


class ViewRaw(io.RawIOBase):
    """Raw reads from a memoryview; :func:`view_file` buffers them in C (the unpickler of stored
    fields reads a few bytes at a time, which a Python ``read`` per call made ~20 % slower)."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._pos = 0
        self._len = len(view)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        start = self._pos
        count = max(0, min(len(buffer), self._len - start))
        buffer[:count] = self._view[start : start + count]
        self._pos = start + count
        return count

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, self._len)[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos


def view_file(view: memoryview) -> io.BufferedReader:
    """A file over ``view`` that copies only what is read (in blocks of BLOCK bytes)."""
    return io.BufferedReader(ViewRaw(view), buffer_size=BLOCK)


class LeanBufferFile(structfile.BufferFile):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's BufferFile without the BytesIO copy of its buffer."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = view_file(memoryview(buf))
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


def install() -> None:
    """Make Whoosh's compound storage open its files as :class:`LeanBufferFile`."""
    compound.BufferFile = LeanBufferFile


def installed() -> bool:
    return compound.BufferFile is LeanBufferFile
