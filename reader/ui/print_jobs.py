"""Print and PDF work off the window's thread, with progress and a way to cancel.

A :class:`PrintJob` builds the print document (core code), lays it out (:class:`PageLayout`)
and then writes a PDF or paints onto a printer. Qt allows QTextDocument, QPainter, QPdfWriter
and QPrinter outside the GUI thread, so the window stays responsive while the whole handbook is
laid out and painted.

The laid-out document must not be painted in another thread: its lines hold font engines from
the worker thread's font cache, which goes with the thread (painting them in the window's thread
crashed). The print preview therefore lays out in the window's thread (see
reader/ui/window/printing.py); the layout handed back here is for page counts and tests only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from reader.printing import PrintDocument, PrintError
from reader.ui.print_export import (
    PageLayout,
    PrintExportError,
    export_pdf,
    page_layout_for,
    paint_pages,
)

Target = Path | QPrinter | None  # a PDF file, a printer, or nothing (only lay out)


class PrintJob(QObject):
    """One document to a PDF file, a printer, or (``target`` None) just laid out.

    Lives in the thread that made it (the window's) and emits there: ``progress(done, total)``
    per page painted (``total`` 0 while laying out); exactly one of ``finished(layout, pages)``
    or ``failed(message)`` ends the job. A cancelled job finishes with 0 pages and writes no
    file.
    """

    progress = Signal(int, int)
    finished = Signal(object, int)
    failed = Signal(str)

    def __init__(
        self,
        build: Callable[[], PrintDocument],
        pack_root: Path,
        target: Target,
        page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
    ) -> None:
        super().__init__()
        self._worker = _Worker(build, pack_root, target, page_size)
        self._thread: QThread | None = None
        self.layout: PageLayout | None = None
        self.pages = 0
        self.error = ""
        # The worker's signals come from its thread; these slots run queued in this one.
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)

    def cancel(self) -> None:
        self._worker.cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._worker.cancel.is_set()

    def start(self) -> None:
        thread = QThread()
        thread.setObjectName("printJob")
        self._thread = thread
        self._worker.moveToThread(thread)
        thread.started.connect(self._worker.run)
        # Direct: quit() is thread-safe, and a queued call would wait behind _on_failed, which
        # waits for the thread to end.
        self._worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.start()

    def wait(self, milliseconds: int = 60000) -> bool:
        return self._thread.wait(milliseconds) if self._thread is not None else True

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(object, int)
    def _on_finished(self, layout: object, pages: int) -> None:
        self.wait()
        self.layout = layout if isinstance(layout, PageLayout) else None
        self.pages = pages
        self.finished.emit(layout, pages)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.wait()
        self.error = message
        self.failed.emit(message)


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object, int)
    failed = Signal(str)
    done = Signal()

    def __init__(
        self,
        build: Callable[[], PrintDocument],
        pack_root: Path,
        target: Target,
        page_size: QPageSize.PageSizeId,
    ) -> None:
        super().__init__()
        self.build = build
        self.pack_root = pack_root
        self.target = target
        self.page_size = page_size
        self.cancel = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            self.progress.emit(0, 0)
            layout = PageLayout(self.build(), self.pack_root, self.page_size)
            pages = self._write(layout)
        except (PrintError, PrintExportError) as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a crash in a worker would otherwise vanish silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        finally:
            self.done.emit()
        self.finished.emit(layout, pages)

    def _write(self, layout: PageLayout) -> int:
        def report(done: int, total: int) -> None:
            self.progress.emit(done, total)

        def cancelled() -> bool:
            return self.cancel.is_set()

        if isinstance(self.target, Path):
            return export_pdf(layout, self.target, report, cancelled)
        if isinstance(self.target, QPrinter):
            self.target.setFullPage(True)
            self.target.setPageLayout(page_layout_for(layout))
            return paint_pages(layout, self.target, report, cancelled)
        return layout.page_count
