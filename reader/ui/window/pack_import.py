"""File > Import content pack…: pick a signed pack file, install it off the UI thread, restart.

The import itself is reader.packs.install (no Qt); this mixin shows the file dialog, a progress
dialog whose Cancel stops the import (nothing is changed then), an error box that says what was
wrong, and on success offers to restart the reader, which opens the new edition.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from reader import paths
from reader.i18n import _
from reader.ui.window.base import WindowBase

if TYPE_CHECKING:  # the import code (and Whoosh with it) loads when File > Import is used
    from reader.packs.install import ImportResult
    from reader.ui.pack_import_worker import PackImportWorker

if TYPE_CHECKING:
    from reader.ui.window.actions import ActionSpec


def pack_import_actions() -> list[ActionSpec]:
    from reader.ui.window.actions import ActionSpec  # here: actions.py imports this module

    return [
        ActionSpec(
            "import_pack_action",
            _("Import content pack…"),
            "choose_content_pack",
            name="importPack",
            tip=_("Install a new edition of the handbook from a signed pack file"),
        )
    ]


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process, to start it again."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    if Path(sys.argv[0]).name == "__main__.py":  # python -m reader
        return sys.executable, ["-m", "reader", *sys.argv[1:]]
    return sys.executable, sys.argv[:]


class PackImportMixin(WindowBase):
    #: Where packs are installed; the application sets it (portable mode included).
    user_folders: paths.Folders | None = None
    #: Folders of trusted public keys; None means the release keys in resources/pack-keys/.
    pack_key_dirs: list[Path] | None = None
    pack_import: PackImportWorker | None = None
    pack_progress: QProgressDialog | None = None
    pack_message: QMessageBox | None = None
    import_pack_action: QAction

    def choose_content_pack(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import content pack"), "", _("Content pack files (*.zip)")
        )
        if name:
            self.import_content_pack(Path(name))

    def import_content_pack(self, archive: Path) -> None:
        if self.pack_import is not None:
            return
        folders = self.user_folders or paths.user_folders()
        from reader.ui.pack_import_worker import PackImportWorker

        worker = PackImportWorker(archive, folders, self.pack_key_dirs)
        dialog = QProgressDialog(_("Checking the pack file…"), _("Cancel"), 0, 0, self)
        dialog.setObjectName("packImportProgress")
        dialog.setWindowTitle(_("Importing the content pack"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(worker.cancel.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(_("Cancelling…")))
        worker.progress.connect(self._on_pack_progress)
        worker.succeeded.connect(self._on_pack_installed)
        worker.failed.connect(self._on_pack_failed)
        self.pack_import, self.pack_progress = worker, dialog
        self.import_pack_action.setEnabled(False)
        dialog.show()
        worker.start()

    def _on_pack_progress(self, stage: str, done: int, total: int) -> None:
        if self.pack_progress is None or self.pack_import is None:
            return
        if self.pack_import.cancel.is_set():
            return
        self.pack_progress.setLabelText(stage)
        self.pack_progress.setMaximum(max(total, 0))
        self.pack_progress.setValue(min(done, total) if total else 0)

    def _finish_pack_import(self) -> None:
        if self.pack_import is not None:
            self.pack_import.wait()
            self.pack_import.deleteLater()
            self.pack_import = None
        if self.pack_progress is not None:
            self.pack_progress.hide()
            self.pack_progress.deleteLater()
            self.pack_progress = None
        self.import_pack_action.setEnabled(True)

    def _on_pack_failed(self, message: str, cancelled: int) -> None:
        self._finish_pack_import()
        box = QMessageBox(self)
        box.setObjectName("packImportError")
        box.setIcon(QMessageBox.Icon.Information if cancelled else QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Import content pack"))
        if cancelled:
            box.setText(_("The import was cancelled. The handbook in use was not changed."))
        else:
            box.setText(_("The pack file was not installed. The handbook in use was not changed."))
            box.setInformativeText(_("What was wrong:") + "\n" + message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self._show_pack_message(box)
        self.packImportFinished.emit(0)

    def _on_pack_installed(self, result: ImportResult) -> None:
        self._finish_pack_import()
        box = QMessageBox(self)
        box.setObjectName("packInstalled")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Import content pack"))
        box.setText(_("The new edition is installed"))
        box.setInformativeText(
            _(
                "Edition {edition} of the handbook is installed (it was {previous}). Restart "
                "the reader to open it; your bookmarks and notes are kept."
            ).format(edition=result.edition, previous=result.previous_edition)
        )
        restart = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("restartNow")
        later = box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restartLater")
        box.buttonClicked.connect(lambda button: button is restart and self.restart_reader())
        self._show_pack_message(box)
        self.packImportFinished.emit(1)

    def _show_pack_message(self, box: QMessageBox) -> None:
        self.pack_message = box
        box.open()

    def restart_reader(self) -> bool:
        """Close this window (saving its state) and start the same program again."""
        self.close()
        if self.isVisible():  # closing was refused
            return False
        program, arguments = restart_command()
        return bool(QProcess.startDetached(program, arguments))
