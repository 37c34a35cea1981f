"""Indexing the languages of a pack in several processes at once.

Every process, this one included, takes the next language from one shared queue until none is
left, the largest languages first: whichever process is free takes the next, so all of them
finish within about the smallest language of each other. (Handing each worker its languages
ahead of time left this process idle for a third of a second at the end of a 12-language build
on two cores, waiting for the last language a worker had been given in advance.)

The other processes are started fresh ("spawn": safe from a process with threads, unlike fork)
and get the pack once, through a queue: as an argument of the process it would be written to
each new process before ``start`` returns, so this process waited 0.18 s for the other to start
Python and read 2 MB. This process begins at once, while they import. A cancel
(or an error anywhere) sets a shared event that the other processes ask between documents, so
they stop within a document; an error in another process is raised here, with a note of the
language and that process's traceback.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import traceback
from collections.abc import Callable
from functools import partial
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from reader.content.model import Pack
from reader.search.build_control import CancelCheck, Progress, stop_if_cancelled

#: Indexes one language of the pack into its folder, asking the check between documents.
IndexOne = Callable[[Pack, str, Path, CancelCheck | None], None]

POLL_SECONDS = 0.2  # how often the wait for the other processes asks ``cancel``
STOP_SECONDS = 10.0  # how long a stopped process may take to finish its document


class WorkerFailed(RuntimeError):
    """An indexing process ended before it reported its languages (it crashed or was killed)."""


def language_size(pack: Pack, lang: str) -> int:
    """About how much text a language has to index (its section sources)."""
    edition = pack.edition(lang)
    if edition is None:
        return 0
    return sum(len(s.markdown) for c in edition.chapters.values() for s in c.sections)


def index_in_processes(
    pack: Pack,
    staging: Path,
    workers: int,
    index_one: IndexOne,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> None:
    """Index every language of ``pack`` into ``staging/<lang>`` with ``workers`` processes
    (this one and ``workers - 1`` others). ``index_one`` must be a module-level function.

    ``cancel`` is asked before each language this process takes and while it waits; whatever it
    or ``index_one`` raises is raised here once the other processes have stopped."""
    langs = sorted(pack.languages, key=partial(language_size, pack), reverse=True)
    context = multiprocessing.get_context("spawn")
    tasks: multiprocessing.Queue[str | None] = context.Queue()
    results: multiprocessing.Queue[tuple[str, BaseException | None, str]] = context.Queue()
    packs: multiprocessing.Queue[Pack] = context.Queue()
    stop = context.Event()
    for _ in range(1, workers):
        packs.put(pack)  # through the queue's own thread: this process need not wait for theirs
    for lang in langs:
        tasks.put(lang)
    for _ in range(workers):  # one end mark for each process that takes languages
        tasks.put(None)
    others = [
        context.Process(
            target=take_languages,
            args=(index_one, packs, staging, tasks, results, stop),
            name=f"strom-index-{number}",
            daemon=True,
        )
        for number in range(1, workers)
    ]
    for process in others:
        process.start()
    finished: list[str] = []

    def done(lang: str, error: BaseException | None, remote_traceback: str) -> None:
        if error is not None:
            error.add_note(f"while indexing {lang} in another process:\n{remote_traceback}")
            raise error
        if progress:
            progress(len(finished), len(langs), lang)
        finished.append(lang)

    try:
        while True:
            stop_if_cancelled(cancel)
            taken = tasks.get()
            if taken is None:
                break
            index_one(pack, taken, staging / taken, cancel)
            done(taken, None, "")
            for message in _ready(results, 0):
                done(*message)
        while len(finished) < len(langs):
            stop_if_cancelled(cancel)
            for message in _ready(results, POLL_SECONDS):
                done(*message)
            if len(finished) < len(langs):
                _check_alive(others, results)
    except BaseException:
        stop.set()
        tasks.cancel_join_thread()  # the end marks nobody will take
        raise
    finally:
        _end(others)


def take_languages(
    index_one: IndexOne,
    packs: multiprocessing.Queue[Pack],
    staging: Path,
    tasks: multiprocessing.Queue[str | None],
    results: multiprocessing.Queue[tuple[str, BaseException | None, str]],
    stop: Event,
) -> None:
    """What each other process runs: languages from ``tasks`` until its end mark or a stop."""
    pack = packs.get()
    while not stop.is_set():
        lang = tasks.get()
        if lang is None:
            return
        try:
            index_one(pack, lang, staging / lang, stop.is_set)
        except BaseException as error:  # reported, and raised in the first process
            results.put((lang, _sendable(error), traceback.format_exc()))
            return
        results.put((lang, None, ""))


def _ready(
    results: multiprocessing.Queue[tuple[str, BaseException | None, str]], timeout: float
) -> list[tuple[str, BaseException | None, str]]:
    """The reports waiting in ``results``; waits up to ``timeout`` for the first."""
    ready = []
    try:
        ready.append(results.get(timeout=timeout) if timeout else results.get_nowait())
        while True:
            ready.append(results.get_nowait())
    except queue.Empty:
        return ready


def _check_alive(
    others: list[Any], results: multiprocessing.Queue[tuple[str, BaseException | None, str]]
) -> None:
    """Raise WorkerFailed if a process died, or all ended, with languages still unreported."""
    failed = [p for p in others if p.exitcode not in (None, 0)]
    if failed or all(p.exitcode is not None for p in others):
        if not results.empty():
            return  # their last reports are still on the way
        codes = ", ".join(f"{p.name}: {p.exitcode}" for p in others)
        raise WorkerFailed(f"an indexing process ended before its languages were done ({codes})")


def _end(others: list[Any]) -> None:
    for process in others:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.terminate()
            process.join()


def _sendable(error: BaseException) -> BaseException:
    """``error`` if it can be sent to the first process, else a RuntimeError that says it."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
