"""Index preparation and searching on a worker thread, so the window never waits for them.

One worker object lives in its own QThread; queued calls run there in order, so a search asked
for while the index is being built simply runs once the build is done. Each search carries a
request number; the worker skips requests that a newer one has replaced, and the panel ignores
results that arrive for anything but the latest request.

Closing the app during a build does not wait for it: :meth:`SearchService.stop` sets the worker's
cancel flag, which the build checks before every document, and waits at most
:data:`STOP_TIMEOUT_MS` for the thread. The cancelled build leaves the index on disk as it was.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from reader.content.model import Pack
from reader.search.results import SearchResults

if TYPE_CHECKING:  # Whoosh is imported on the worker thread, after the first page is shown
    from reader.search.engine import SearchEngine
    from reader.search.manager import IndexManager

log = logging.getLogger(__name__)

#: How long stop() waits for the worker; a cancelled build ends within one language's commit.
STOP_TIMEOUT_MS = 3000
#: Services whose thread outlived stop(): kept referenced, as destroying a running QThread aborts.
_still_running: list[SearchService] = []


@dataclass(frozen=True)
class SearchRequest:
    number: int
    text: str
    langs: tuple[str, ...]
    kind: str | None = None
    chapter: str | None = None
    limit: int = 60
    prefix_last: bool = True


class SearchWorker(QObject):
    progress = Signal(int, int, str)  # done, total, language being indexed
    ready = Signal(int, str)  # 1 if usable, else 0 (see SearchService), and a message
    results = Signal(int, object)  # request number, SearchResults
    warmed = Signal()  # the warm-up is complete

    _warm = Signal()  # the next warm-up step, queued on the worker's own thread

    def __init__(
        self, pack: Pack, cache: Path, shipped: Path | None = None, text_langs: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self._where = (pack, cache, shipped)
        # The first of these the pack has: the content language the window will open with.
        self._text_langs = next(([lang] for lang in text_langs if lang in pack.languages), [])
        self._warming: Iterator[str] | None = None
        self._warm.connect(self._warm_next, Qt.ConnectionType.QueuedConnection)
        self._manager: IndexManager | None = None
        self.engine: SearchEngine | None = None
        self._latest = 0
        self._lock = threading.Lock()
        self.cancel = threading.Event()  # set from the GUI thread to stop a build

    @property
    def manager(self) -> IndexManager:
        """The index manager, made on first use (on the worker thread: it imports Whoosh)."""
        if self._manager is None:
            from reader.search.manager import IndexManager

            self._manager = IndexManager(*self._where)
        return self._manager

    def note_request(self, number: int) -> None:
        """Called from the GUI thread: ``number`` is now the newest request."""
        with self._lock:
            self._latest = max(self._latest, number)

    def _is_stale(self, number: int) -> bool:
        with self._lock:
            return number < self._latest

    def _build(self) -> None:
        self.manager.build(
            lambda done, total, lang: self.progress.emit(done, total, lang), self.cancel.is_set
        )

    @Slot()
    def prepare(self) -> None:
        from reader.search.index import BuildCancelled

        try:
            status = self.manager.prepare()
            message = ""
            if not status.ok:
                message = status.message
                self._build()
                status = self.manager.status()
            if not status.ok:
                self.ready.emit(0, status.message)
                return
            self._open_engine()
            self.ready.emit(1, message)
            self._warm_up()
        except BuildCancelled:
            log.info("search index build cancelled")  # the app is closing: nothing to report
        except Exception as exc:  # a broken disk or a full cache must not kill the app
            log.exception("search index could not be prepared")
            self.ready.emit(0, str(exc))

    @Slot()
    def rebuild(self) -> None:
        from reader.search.index import BuildCancelled

        self._warming = None
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        try:
            self._build()
            self._open_engine()
            self.ready.emit(1, "")
            self._warm_up()
        except BuildCancelled:
            log.info("search index rebuild cancelled")
        except Exception as exc:
            log.exception("search index could not be rebuilt")
            self.ready.emit(0, str(exc))

    def _open_engine(self) -> None:
        if self.engine is not None:
            self.engine.close()
        from reader.search.engine import SearchEngine

        self.engine = SearchEngine(self.manager.pack, self.manager.folder)

    def _warm_up(self) -> None:
        """Start loading what searches need, one step at a time (see _warm_next)."""
        if self.engine is not None:
            self._warming = self.engine.warm_up_steps(texts=self._text_langs)
            self._warm.emit()

    @Slot()
    def _warm_next(self) -> None:
        """One warm-up step (50-100 ms), then the next is queued behind whatever arrived
        meanwhile: a search asked for during the warm-up waits for one step, not for all."""
        steps = self._warming
        if steps is None or self.engine is None or self.cancel.is_set():
            self._warming = None
            return
        if next(steps, None) is None:
            self._warming = None
            self.warmed.emit()
            return
        self._warm.emit()

    @Slot(object)
    def search(self, request: SearchRequest) -> None:
        if self._is_stale(request.number) or self.engine is None:
            return
        try:
            found = self.engine.search(
                request.text,
                list(request.langs),
                kind=request.kind,
                chapter=request.chapter,
                limit=request.limit,
                prefix_last=request.prefix_last,
            )
        except Exception:  # the engine never raises for input; this is a damaged index
            log.exception("search failed for %r", request.text)
            found = SearchResults(query=request.text)
        self.results.emit(request.number, found)

    @Slot()
    def shutdown(self) -> None:
        if self.engine is not None:
            self.engine.close()
            self.engine = None


class SearchService(QObject):
    """Owns the worker thread; the main window talks to this object only.

    Signals carry ints rather than bools: with bool arguments across threads, PySide6 6.12 ended
    the process with "bool_dealloc: deallocating True or False" at exit.
    """

    progress = Signal(int, int, str)
    ready = Signal(int, str)
    results = Signal(int, object)
    warmed = Signal()
    _prepare = Signal()
    _rebuild = Signal()
    _search = Signal(object)
    _shutdown = Signal()

    def __init__(
        self, pack: Pack, cache: Path, shipped: Path | None = None, text_langs: Sequence[str] = ()
    ) -> None:
        """``text_langs``: candidates for the content language, best first; the warm-up also
        analyses the hit texts of the first one the pack has (see SearchEngine.warm_up_steps)."""
        super().__init__()
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("searchThread")
        self.worker = SearchWorker(pack, cache, shipped, text_langs)
        self.worker.moveToThread(self.worker_thread)
        self._prepare.connect(self.worker.prepare)
        self._rebuild.connect(self.worker.rebuild)
        self._search.connect(self.worker.search)
        self._shutdown.connect(self.worker.shutdown)
        self.worker.progress.connect(self.progress)
        self.worker.ready.connect(self._on_ready)
        self.worker.results.connect(self.results)
        self.worker.warmed.connect(self.warmed)
        self.is_ready = False
        self.started = False
        self._number = 0
        self.worker_thread.start()

    def _on_ready(self, ok: int, message: str) -> None:
        self.is_ready = bool(ok)
        self.ready.emit(ok, message)

    def start(self) -> None:
        """Prepare the index on the worker thread (once; later calls do nothing)."""
        if self.started:
            return
        self.started = True
        self._prepare.emit()

    def rebuild(self) -> None:
        self.is_ready = False
        self._rebuild.emit()

    def search(
        self,
        text: str,
        langs: list[str],
        kind: str | None = None,
        chapter: str | None = None,
        prefix_last: bool = True,
    ) -> int:
        """Queue a search; returns its request number (results for older numbers are stale)."""
        self._number += 1
        self.worker.note_request(self._number)
        self._search.emit(
            SearchRequest(self._number, text, tuple(langs), kind, chapter, prefix_last=prefix_last)
        )
        return self._number

    @property
    def latest_request(self) -> int:
        return self._number

    def stop(self) -> bool:
        """Cancel a build in progress and end the worker thread; returns whether it ended.

        Waits at most :data:`STOP_TIMEOUT_MS`. A thread still running after that (stuck in a slow
        disk write) is left to end on its own, with this service kept referenced until then.
        """
        if not self.worker_thread.isRunning():
            return True
        self.worker.cancel.set()
        self._shutdown.emit()
        self.worker_thread.quit()
        if self.worker_thread.wait(STOP_TIMEOUT_MS):
            return True
        log.warning("the search thread did not end within %d ms", STOP_TIMEOUT_MS)
        _still_running.append(self)
        return False
