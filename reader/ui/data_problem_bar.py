"""The bar above the page that says when the user's data could not be read or saved.

It shows the guard's latest failure in plain words, with "Try again" and, when something typed
is not saved, "Save text to a file…", so that nothing is lost while the fault lasts.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader.atomic_files import write_atomically
from reader.i18n import _
from reader.ui.data_guard import DataFailure, DataGuard


class DataProblemBar(QWidget):
    def __init__(self, guard: DataGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataProblemBar")
        self.guard = guard
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setObjectName("dataProblemText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.retry_button = QPushButton(_("Try again"))
        self.retry_button.setObjectName("dataProblemRetry")
        self.retry_button.setToolTip(_("Try to save the change again"))
        self.save_button = QPushButton(_("Save text to a file…"))
        self.save_button.setObjectName("dataProblemSaveText")
        self.save_button.setToolTip(
            _("Write the text that is not saved yet to a file of your choice")
        )
        self.close_button = QPushButton(_("Hide"))
        self.close_button.setObjectName("dataProblemHide")
        self.close_button.setToolTip(_("Hide this message"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.retry_button, self.save_button, self.close_button):
            button.setAccessibleName(button.text().replace("…", ""))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry)
        self.save_button.clicked.connect(lambda: self.choose_file())
        self.close_button.clicked.connect(self.hide)
        guard.failed.connect(self.show_failure)
        guard.recovered.connect(self._on_recovered)
        self.hide()

    def show_failure(self, failure: object) -> None:
        assert isinstance(failure, DataFailure)
        lines = [f"<b>{html.escape(failure.what)}</b>", html.escape(failure.reason)]
        if self.guard.unsaved:
            lines.append(html.escape(_("What you typed is kept here until it can be saved.")))
        self.label.setText("<br>".join(lines))
        self.retry_button.setVisible(failure.retry is not None or bool(self.guard.unsaved))
        self.save_button.setVisible(bool(self.guard.unsaved))
        self.show()

    def _on_recovered(self) -> None:
        self.hide()

    def retry(self) -> bool:
        ok = self.guard.retry_all()
        if ok:
            self.hide()
        return ok

    def save_text_to(self, path: Path) -> bool:
        """Write the unsaved text to ``path``; a failure is shown in the bar."""
        try:
            write_atomically(path, self.guard.unsaved_document().encode("utf-8"))
        except OSError as exc:
            message = _("The text could not be written to {file}: {reason}").format(
                file=path, reason=exc.strerror or exc
            )
            self.label.setText(html.escape(message))
            self.show()
            return False
        self.label.setText(html.escape(_("The text was saved to {file}.").format(file=path)))
        return True

    def choose_file(self) -> bool:
        """Ask for a file and write the unsaved text to it; True if it was written."""
        first = next(iter(self.guard.unsaved.values()), None)
        suggested = f"{first.key.replace(':', '-')}.txt" if first else "note.txt"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save text to a file"), suggested, _("Text files (*.txt)")
        )
        return bool(name) and self.save_text_to(Path(name))
