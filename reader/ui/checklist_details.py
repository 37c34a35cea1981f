"""Under the checklist: the chosen indicator's explanation (in both languages) and its note.

The note is saved as you type through the window's :class:`DataGuard`, like a section's note:
text the file refuses stays in the editor and in the guard until it is saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from reader.checklist import Row
from reader.i18n import _
from reader.ui.data_guard import DataGuard
from reader.userdata import Checklist, UserStore

SAVE_DELAY_MS = 600


def _paragraph(text: str, explanation: str) -> str:
    """The indicator in bold, then what it means."""
    if not text:
        return ""
    shown = f"<b>{html.escape(text)}</b>"
    return f"{shown}<br>{html.escape(explanation)}" if explanation else shown


def note_key(checklist_id: str, indicator_id: str) -> str:
    return f"checklist-note:{checklist_id}:{indicator_id}"


class ChecklistDetails(QWidget):
    saved = Signal(object)  # the Checklist as stored after the note was saved

    def __init__(self, store: UserStore, guard: DataGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDetails")
        self.store = store
        self.guard = guard
        self.checklist: Checklist | None = None
        self.indicator_id: str | None = None
        self.explanation = QLabel()
        self.explanation.setObjectName("checklistExplanation")
        self.second_explanation = QLabel()
        self.second_explanation.setObjectName("checklistSecondExplanation")
        for label in (self.explanation, self.second_explanation):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setMinimumWidth(120)
        self.note_label = QLabel(_("Note on this indicator"))
        self.editor = QPlainTextEdit()
        self.editor.setTabChangesFocus(True)  # Tab leaves the note (no keyboard trap)
        self.editor.setObjectName("checklistNote")
        self.editor.setAccessibleName(_("Note on this indicator"))
        self.editor.setToolTip(
            _("Saved as you type, in this checklist only. Do not write names of people.")
        )
        self.editor.setPlaceholderText(
            _("What you noticed (saved as you type). Do not write names of people.")
        )
        lines = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(lines * 3)
        self.editor.setMaximumHeight(lines * 7)  # the rest of the height goes to the list
        texts = QHBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.explanation, 1, Qt.AlignmentFlag.AlignTop)
        texts.addWidget(self.second_explanation, 1, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(texts)
        layout.addWidget(self.note_label)
        layout.addWidget(self.editor, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._timer.start)
        self.show_row(None, None)

    def show_row(self, checklist: Checklist | None, row: Row | None) -> None:
        """Save the note being typed, then show ``row`` of ``checklist`` (or nothing)."""
        self.save()
        self.checklist = checklist
        self.indicator_id = row.indicator_id if row else None
        if row is None:
            self.explanation.setText(html.escape(_("Choose an indicator to see what it means.")))
            self.second_explanation.hide()
        elif row.dropped:
            message = _(
                "This indicator ({indicator}) is no longer in the handbook. Its tick and note"
                " are kept."
            ).format(indicator=row.indicator_id)
            self.explanation.setText(html.escape(message))
            self.second_explanation.hide()
        else:
            self.explanation.setText(_paragraph(row.text, row.explanation))
            self.second_explanation.setVisible(bool(row.second_text))
            self.second_explanation.setText(_paragraph(row.second_text, row.second_explanation))
        kept = self.guard.unsaved.get(self._key()) if self._key() else None
        mark = checklist.mark(row.indicator_id) if checklist and row else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(kept.text if kept else mark.note if mark else "")
        self.editor.blockSignals(False)
        editable = checklist is not None and row is not None
        self.editor.setEnabled(editable)
        self.note_label.setEnabled(editable)

    def _key(self) -> str:
        if self.checklist is None or self.indicator_id is None:
            return ""
        return note_key(self.checklist.id, self.indicator_id)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def save(self) -> bool:
        """Save the note if it differs from the file; False if the store refused it."""
        self._timer.stop()
        checklist, indicator_id = self.checklist, self.indicator_id
        if checklist is None or indicator_id is None:
            return True
        key = self._key()
        wanted = self.editor.toPlainText()
        wanted = wanted if wanted.strip() else ""
        mark = checklist.mark(indicator_id)
        if (mark.note if mark else "") == wanted:
            self.guard.forget(key)
            return True
        result: list[Checklist] = []
        change: Callable[[], object] = lambda: result.append(  # noqa: E731
            self.store.set_indicator_note(checklist.id, indicator_id, wanted)
        )
        ok = self.guard.write(
            _("Your note in the checklist was not saved."),
            change,
            key=key,
            unsaved_label=_("Note on indicator {indicator} in checklist {name}").format(
                indicator=indicator_id, name=checklist.name
            ),
            unsaved_text=wanted,
        )
        if ok and result:
            if self.checklist is not None and self.checklist.id == result[-1].id:
                self.checklist = result[-1]
            self.saved.emit(result[-1])
        return ok
