"""The note on the current section, shown under the page and saved as you type."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.i18n import _, format_date
from reader.userdata import UserStore

SAVE_DELAY_MS = 600


class NoteEditor(QWidget):
    saved = Signal(str)  # section id

    def __init__(self, store: UserStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.store = store
        self.section_id: str | None = None
        self.label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteText")
        self.editor.setPlaceholderText(
            _("Your note on this section. It is saved as you type and stays on this PC.")
        )
        self.editor.setAccessibleName(_("Note on this section"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._timer.start)

    def show_section(self, section_id: str) -> None:
        """Save the note being edited, then show the note of ``section_id``."""
        self.save()
        self.section_id = section_id
        note = self.store.note(section_id)
        self.editor.blockSignals(True)
        self.editor.setPlainText(note.text if note else "")
        self.editor.blockSignals(False)
        self._update_label(note.updated.date() if note else None)

    def _update_label(self, day: object) -> None:
        text = _("Note")
        if day is not None:
            text += " · " + _("saved {date}").format(date=format_date(day))  # type: ignore[arg-type]
        self.label.setText(text)

    def save(self) -> None:
        self._timer.stop()
        if self.section_id is None:
            return
        text = self.editor.toPlainText()
        existing = self.store.note(self.section_id)
        if (existing.text if existing else "") == text.strip() or (
            existing is None and not text.strip()
        ):
            return
        note = self.store.set_note(self.section_id, text)
        self._update_label(note.updated.date() if note else None)
        self.saved.emit(self.section_id)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
