"""One import at a time per user data folder: an OS file lock, released when the process ends.

The lock is taken with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows) on
``<data>/packs/.import.lock``. The operating system drops it when the holder exits, even after a
crash, so a lock file left behind never blocks the next import; it only tells whether staging
folders beside it belong to an import that is still running.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType


class LockBusyError(OSError):
    """Another import holds the lock."""


class ImportLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> ImportLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise LockBusyError(str(exc)) from exc
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
