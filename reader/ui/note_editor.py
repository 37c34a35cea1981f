"""The note on the current section: a strip under the page that opens into an editor.

Closed, the strip is one line: a pencil, "Note" or the note's first words, and when it was
saved. A click on it (or Ctrl+Shift+N in the window) opens the editor; the text is saved as you
type, whether the strip is open or closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import _, format_date
from reader.ui.data_guard import DataGuard
from reader.userdata import Note, UserStore

SAVE_DELAY_MS = 600
SUMMARY_CHARACTERS = 60  # of the note shown in the closed strip
EDITOR_HEIGHT = 150  # px, the open editor


def summary(text: str, limit: int = SUMMARY_CHARACTERS) -> str:
    """The note's first words on one line, cut at a word with "…" when it is longer."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut + "…"


def stored_form(text: str) -> str:
    """What saving ``text`` keeps: the text exactly as typed, or nothing if it is blank."""
    return text if text.strip() else ""


class NoteEditor(QWidget):
    saved = Signal(str)  # section id
    expandedChanged = Signal(bool)

    def __init__(self, store: UserStore, guard: DataGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.store = store
        self.guard = guard
        self.section_id: str | None = None
        self.label = QLabel()
        self.label.setObjectName("noteSaved")
        self.label.setEnabled(False)  # drawn in the muted (disabled) text colour
        self.toggle = QToolButton()
        self.toggle.setObjectName("noteToggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Ignored: a long first line of the note is cut, it does not widen the window.
        self.toggle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.toggle.setToolTip(_("Show or hide your note on this section (Ctrl+Shift+N)"))
        self.toggle.setAccessibleName(_("Note on this section"))
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)  # Tab leaves the note (no keyboard trap)
        self.editor.setObjectName("noteText")
        self.editor.setPlaceholderText(
            _("Your note on this section. It is saved as you type and stays on this PC.")
        )
        self.editor.setAccessibleName(_("Note on this section"))
        self.editor.setToolTip(_("Note on this section"))
        self.editor.setFixedHeight(EDITOR_HEIGHT)
        self.editor.hide()
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setEnabled(False)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.toggle, 1)
        header.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(line)
        self.column = QVBoxLayout()  # lined up with the page's text column (align_with)
        self.column.setContentsMargins(0, 0, 0, 4)
        self.column.setSpacing(2)
        self.column.addLayout(header)
        self.column.addWidget(self.editor)
        layout.addLayout(self.column)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._timer.start)
        self.editor.textChanged.connect(self._update_summary)
        self._update_summary()

    def align_with(self, margin: int) -> None:
        """Line the strip up with the page's text column (``margin`` px either side)."""
        inset = max(0, margin - 8)  # the button's icon sits a little left of the text
        self.column.setContentsMargins(inset, 0, inset, 4)

    @property
    def expanded(self) -> bool:
        return not self.editor.isHidden()

    def set_expanded(self, expanded: bool, focus: bool = True) -> None:
        """Open the editor (with the cursor in it) or close it to the one-line strip."""
        if expanded == self.expanded:
            return
        self.editor.setVisible(expanded)
        if expanded and focus:
            self.editor.setFocus()
        self.expandedChanged.emit(expanded)

    @property
    def has_text(self) -> bool:
        return bool(self.editor.toPlainText().strip())

    def _update_summary(self) -> None:
        start = summary(self.editor.toPlainText())
        self.toggle.setText(_("Note: {start}").format(start=start) if start else _("Note"))
        self.toggle.setProperty("hasNote", bool(start))
        font = self.toggle.font()
        font.setBold(bool(start))
        self.toggle.setFont(font)

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
        self._update_summary()
        self._update_label(note.updated.date() if note and not kept else None)

    def reload(self) -> None:
        """Show the file's note again after it was changed elsewhere (unless one is being typed)."""
        if self.section_id is None or self.pending:
            return
        section_id = self.section_id
        self.section_id = None  # nothing to save first: the editor holds no change
        self.show_section(section_id)

    def _update_label(self, day: object) -> None:
        text = ""
        if day is not None:
            text = _("saved {date}").format(date=format_date(day))  # type: ignore[arg-type]
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
