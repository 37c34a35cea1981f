"""Find in page: a bar under the reader with a query field, next/previous and a match count."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.i18n import _, ngettext
from reader.ui.reader_view import ReaderView


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(_("Find:"))
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("Find in this page"))
        self.field.setToolTip(_("Find in this page"))
        self.field.setClearButtonEnabled(True)
        self.label.setBuddy(self.field)
        self.previous_button = QToolButton()
        self.previous_button.setText(_("Previous"))
        self.previous_button.setToolTip(_("Previous match (Shift+Enter)"))
        self.next_button = QToolButton()
        self.next_button.setText(_("Next"))
        self.next_button.setToolTip(_("Next match (Enter)"))
        self.count_label = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText("\u2715")
        self.close_button.setToolTip(_("Close (Esc)"))
        self.close_button.setAccessibleName(_("Close the find bar"))
        for widget in (
            self.label,
            self.field,
            self.previous_button,
            self.next_button,
            self.count_label,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.field.textChanged.connect(self.refresh)
        self.field.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.view.clear_matches()
        self.hide()
        self.closed.emit()

    def refresh(self) -> None:
        """Search the page again (after typing or after the page changed)."""
        if self.isHidden():
            return
        count = self.view.find_all(self.field.text())
        if count:
            self.view.step_match(True)
        self._update_count()

    def find_next(self) -> None:
        self.view.step_match(True)
        self._update_count()

    def find_previous(self) -> None:
        self.view.step_match(False)
        self._update_count()

    def sync_count(self) -> None:
        if self.isVisible():
            self._update_count()

    def _update_count(self) -> None:
        count = self.view.match_count
        if not self.field.text():
            self.count_label.setText("")
        elif count == 0:
            self.count_label.setText(_("No matches"))
        else:
            self.count_label.setText(
                ngettext(
                    "{current} of {count} match", "{current} of {count} matches", count
                ).format(current=self.view.current_match + 1, count=count)
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc closes the bar; Shift+Enter in the field finds the previous match."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.find_previous()
                return True
        return super().eventFilter(watched, event)
