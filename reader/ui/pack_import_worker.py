"""Run reader.packs.install.import_pack on its own QThread, so the window stays responsive.

The worker lives in a QThread started for one import; signals come back queued to the GUI
thread. ``cancel`` is a threading.Event the progress dialog's Cancel button sets; the import
checks it between files and between documents of the index build.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.i18n import _
from reader.packs.install import ImportCancelled, PackImportError, import_pack
from reader.paths import Folders

log = logging.getLogger(__name__)


class PackImportWorker(QObject):
    progress = Signal(str, int, int)  # stage, done, total
    succeeded = Signal(object)  # ImportResult
    failed = Signal(str, int)  # message, 1 if cancelled by the user
    _start = Signal()

    def __init__(self, archive: Path, folders: Folders, key_dirs: list[Path] | None) -> None:
        super().__init__()
        self.archive = archive
        self.folders = folders
        self.key_dirs = key_dirs
        self.cancel = threading.Event()
        self.thread_name = ""
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("packImportThread")
        self.moveToThread(self.worker_thread)
        self._start.connect(self.run)

    def start(self) -> None:
        self.worker_thread.start()
        self._start.emit()

    @Slot()
    def run(self) -> None:
        self.thread_name = QThread.currentThread().objectName()
        try:
            result = import_pack(
                self.archive,
                self.folders,
                key_dirs=self.key_dirs,
                progress=lambda stage, done, total: self.progress.emit(stage, done, total),
                cancel=self.cancel.is_set,
            )
        except ImportCancelled as exc:
            self.failed.emit(str(exc), 1)
        except PackImportError as exc:
            self.failed.emit(str(exc), 0)
        except Exception as exc:  # a bug must not leave the dialog open forever
            log.exception("pack import failed")
            self.failed.emit(_("Unexpected error: {error}").format(error=exc), 0)
        else:
            self.succeeded.emit(result)
        finally:
            self.worker_thread.quit()

    def wait(self) -> None:
        self.worker_thread.wait()
