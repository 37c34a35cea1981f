"""The note on the current section, shown under the page and saved as you type."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.i18n import _, format_date
from reader.ui.data_guard import DataGuard
from reader.userdata import Note, UserStore

SAVE_DELAY_MS = 600


def stored_form(text: str) -> str:
    """What saving ``text`` keeps: the text exactly as typed, or nothing if it is blank."""
    return text if text.strip() else ""


class NoteEditor(QWidget):
    saved = Signal(str)  # section id

    def __init__(self, store: UserStore, guard: DataGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.store = store
        self.guard = guard
        self.section_id: str | None = None
        self.label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)  # Tab leaves the note (no keyboard trap)
        self.editor.setObjectName("noteText")
        self.editor.setPlaceholderText(
            _("Your note on this section. It is saved as you type and stays on this PC.")
        )
        self.editor.setAccessibleName(_("Note on this section"))
        self.editor.setToolTip(_("Note on this section"))
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
        """Save the note being edited, then show the note of ``section_id``.

        A note that could not be saved is kept by the guard (and offered again from the problem
        bar); coming back to its section shows the kept text, not the older one in the file.
        """
        self.save()
        self.section_id = section_id
        kept = self.guard.unsaved.get(self._key(section_id))
        note = self.guard.read(
            _("Your note could not be read."), lambda: self.store.note(section_id), lambda: None
        )
        self.editor.blockSignals(True)
        self.editor.setPlainText(kept.text if kept else note.text if note else "")
        self.editor.blockSignals(False)
        self._update_label(note.updated.date() if note and not kept else None)

    def reload(self) -> None:
        """Show the file's note again after it was changed elsewhere (unless one is being typed)."""
        if self.section_id is None or self.pending:
            return
        section_id = self.section_id
        self.section_id = None  # nothing to save first: the editor holds no change
        self.show_section(section_id)

    def _update_label(self, day: object) -> None:
        text = _("Note")
        if day is not None:
            text += " · " + _("saved {date}").format(date=format_date(day))  # type: ignore[arg-type]
        self.label.setText(text)

    @staticmethod
    def _key(section_id: str) -> str:
        return f"note:{section_id}"

    def save(self) -> bool:
        """Save the note if it differs from the file; False if the store refused it."""
        self._timer.stop()
        if self.section_id is None:
            return True
        section_id = self.section_id
        wanted = stored_form(self.editor.toPlainText())
        existing = self.guard.read(
            _("Your note could not be read."), lambda: self.store.note(section_id), lambda: None
        )
        if (existing.text if existing else "") == wanted:
            self.guard.forget(self._key(section_id))
            return True
        return self._write(section_id, wanted)

    def _write(self, section_id: str, text: str) -> bool:
        saved: list[Note | None] = []
        ok = self.guard.write(
            _("Your note was not saved."),
            lambda: saved.append(self.store.set_note(section_id, text)),
            key=self._key(section_id),
            unsaved_label=_("Note on {section}").format(section=section_id),
            unsaved_text=text,
        )
        if ok and saved:
            note = saved[-1]
            if section_id == self.section_id:
                self._update_label(note.updated.date() if note else None)
            self.saved.emit(section_id)
        return ok

    @property
    def pending(self) -> bool:
        return self._timer.isActive()
