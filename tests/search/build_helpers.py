"""Module-level stand-ins for indexing one language, for tests of reader.search.build_processes.

They run in a spawned process too, so they live in an importable module. A process that is not
the first one says it has started by writing to the FIFO ``<staging>/started``; the first
process's stand-in waits for that before its first language, so each test knows another
process has a language of its own.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path

STARTED = "started"
CANCEL_WAIT_SECONDS = 60.0  # a stand-in that never sees the cancel gives up after this


class FakePack:
    """What index_in_processes asks of a pack: its languages and their editions (none)."""

    def __init__(self, languages: list[str]) -> None:
        self.languages = languages

    def edition(self, _lang: str) -> None:
        return None


def _in_first_process() -> bool:
    return multiprocessing.parent_process() is None


def _first_process_waits(folder: Path) -> None:
    fifo = folder.parent / STARTED
    if fifo.exists():  # only before the first process's first language
        with fifo.open("rb") as signal:
            signal.read()
        fifo.unlink()


def _other_process_has_started(folder: Path) -> None:
    with (folder.parent / STARTED).open("wb") as signal:
        signal.write(b"started")


def record(_pack: object, lang: str, folder: Path, _cancel: Callable[[], bool] | None) -> None:
    """Index nothing; write which process took ``lang`` (its pid) into ``folder``."""
    folder.mkdir(exist_ok=True)
    (folder / "by").write_text(str(os.getpid()), encoding="utf-8")


def fail_elsewhere(
    pack: object, lang: str, folder: Path, cancel: Callable[[], bool] | None
) -> None:
    if _in_first_process():
        _first_process_waits(folder)
        record(pack, lang, folder, cancel)
        return
    _other_process_has_started(folder)
    raise ValueError(f"section 7 of {lang} is broken")


def die_elsewhere(pack: object, lang: str, folder: Path, cancel: Callable[[], bool] | None) -> None:
    if _in_first_process():
        _first_process_waits(folder)
        record(pack, lang, folder, cancel)
        return
    _other_process_has_started(folder)
    os._exit(3)


def wait_for_cancel_elsewhere(
    pack: object, lang: str, folder: Path, cancel: Callable[[], bool] | None
) -> None:
    """In another process: run until the cancel (as a long language would, asking between
    documents), then raise as _index_language does; note it if the cancel never came."""
    if _in_first_process():
        _first_process_waits(folder)
        record(pack, lang, folder, cancel)
        return
    _other_process_has_started(folder)
    from reader.search.index import BuildCancelled

    given_up = time.monotonic() + CANCEL_WAIT_SECONDS
    while cancel is not None and not cancel():
        if time.monotonic() > given_up:
            (folder.parent / "never-cancelled").write_text(lang, encoding="utf-8")
            return
        time.sleep(0.01)  # a document's worth of work
    (folder.parent / "stopped").write_text(lang, encoding="utf-8")
    raise BuildCancelled("cancelled")
