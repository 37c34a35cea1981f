"""Making, renaming, resetting and deleting checklists, for :class:`ChecklistPanel`.

Resetting and deleting ask first; names are asked for with a reminder not to use names of
people. Every change is one guarded write, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from reader.i18n import _
from reader.ui.checklist_details import ChecklistDetails, note_key
from reader.ui.data_guard import DataGuard
from reader.userdata import Checklist, UserStore


class ChecklistCommands(QWidget):
    """The checklist commands; the panel provides the attributes and :meth:`refresh`."""

    dataChanged = Signal()
    shownChanged = Signal()  # another checklist or second language is shown (to remember it)

    store: UserStore
    guard: DataGuard
    checklist: Checklist | None
    details: ChecklistDetails
    delete_button: QPushButton

    def refresh(self) -> None:
        raise NotImplementedError

    def ask_name(self, title: str, label: str, text: str = "") -> str | None:
        """Ask for a checklist name (tests replace this method)."""
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def confirm(self, title: str, text: str) -> bool:
        """Ask before something is deleted (tests replace this method)."""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _name_prompt(self) -> str:
        return _("Name (a case number or a neutral word; no names of people):")

    def new_checklist(self) -> bool:
        name = self.ask_name(_("New checklist"), self._name_prompt())
        if not name:
            return False
        self.details.show_row(None, None)
        return self._change(
            _("The checklist was not created."), lambda: self.store.create_checklist(name)
        )

    def rename_checklist(self) -> bool:
        checklist = self.checklist
        if checklist is None:
            return False
        name = self.ask_name(_("Rename checklist"), self._name_prompt(), checklist.name)
        if not name or name == checklist.name:
            return False
        return self._change(
            _("The checklist was not renamed."),
            lambda: self.store.rename_checklist(checklist.id, name),
        )

    def reset_checklist(self) -> bool:
        checklist = self.checklist
        if checklist is None or not self.confirm(
            _("Reset checklist"),
            _("Untick every indicator and delete every note in {name}?").format(
                name=checklist.name
            ),
        ):
            return False
        self.details.show_row(None, None)
        self._forget_notes(checklist.id)
        return self._change(
            _("The checklist was not reset."), lambda: self.store.reset_checklist(checklist.id)
        )

    def delete_checklist(self) -> bool:
        checklist = self.checklist
        if checklist is None or not self.confirm(
            _("Delete checklist"),
            _("Delete the checklist {name} with all its ticks and notes?").format(
                name=checklist.name
            ),
        ):
            return False
        self.details.show_row(None, None)
        ok = self.guard.write(
            _("The checklist was not deleted."), lambda: self.store.delete_checklist(checklist.id)
        )
        if ok:
            self._forget_notes(checklist.id)
            self.checklist = None
            self.refresh()
            self.dataChanged.emit()
        return ok

    def _forget_notes(self, checklist_id: str) -> None:
        prefix = note_key(checklist_id, "")
        for key in [k for k in self.guard.unsaved if k.startswith(prefix)]:
            self.guard.forget(key)

    def _change(self, what: str, change: Callable[[], Checklist]) -> bool:
        result: list[Checklist] = []
        ok = self.guard.write(what, lambda: result.append(change()))
        if ok and result:
            self.checklist = result[-1]
            self.refresh()
            self.dataChanged.emit()
        return ok
