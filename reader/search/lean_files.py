"""Whoosh's index files read from the memory map itself, not from a copy of it.

Whoosh opens a segment's compound file as one memory map and each file inside it as a
``BufferFile``, whose constructor copies that part of the map into an ``io.BytesIO`` for its
file-like reads. With twelve languages open that was 23 MB of copies (tracemalloc of the
search warm-up), and making them touched every page of the map as well: the app held about
40 MiB more after the warm-up (RSS 174 against 132 MiB in a plain process, same searches and
hits; matching ~5 % slower, build_scripts/bench_search.py). :class:`LeanBufferFile` reads
through a memoryview instead, so only the bytes asked for are copied and only the pages read
become resident. :func:`install` puts it where Whoosh's compound storage looks it up; the
engine installs it before it opens an index (tests/search/test_lean_files.py compares every
search of the relevance set with and without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.filedb import compound, structfile

_LINE_CHUNK = 256


class ViewReader:
    """The file-like reads StructFile makes (read, readline, seek, tell) over a memoryview."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0
        self._len = len(view)

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        if start >= self._len:
            return b""  # at or past the end (after a seek): nothing, the position stays
        end = self._len if size is None or size < 0 else min(start + size, self._len)
        self._pos = end
        return self._view[start:end].tobytes()

    def readline(self, size: int | None = -1) -> bytes:
        start = end = self._pos
        if start >= self._len:
            return b""
        limit = self._len if size is None or size < 0 else min(start + size, self._len)
        while end < limit:
            chunk = self._view[end : min(end + _LINE_CHUNK, limit)].tobytes()
            newline = chunk.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(chunk)
        self._pos = end
        return self._view[start:end].tobytes()

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, self._len)[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        return None

    def __iter__(self) -> Iterator[bytes]:
        while self._pos < self._len:
            yield self.readline()


class LeanBufferFile(structfile.BufferFile):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh's BufferFile without the BytesIO copy of its buffer."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        self._buf = buf
        self._name = name
        self.file = ViewReader(memoryview(buf))
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False


def install() -> None:
    """Make Whoosh's compound storage open its files as :class:`LeanBufferFile`."""
    compound.BufferFile = LeanBufferFile


def installed() -> bool:
    return compound.BufferFile is LeanBufferFile
