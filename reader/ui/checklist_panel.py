"""The indicators checklist: named checklists (one per case), ticks, notes, filters, two languages.

What rows to show is decided by :func:`reader.checklist.checklist_groups` (no Qt); this panel
draws them, and every read and write goes through the window's :class:`DataGuard`, so a tick or
a note the file refuses is reported in the problem bar and can be saved again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.checklist import DROPPED, Group, Row, checklist_groups
from reader.content.model import Pack
from reader.i18n import _
from reader.ui.checklist_commands import ChecklistCommands
from reader.ui.checklist_details import ChecklistDetails, note_key
from reader.ui.checklist_tree import ROW_ROLE, ChecklistTree
from reader.ui.data_guard import DataGuard
from reader.ui.window.languages import language_label
from reader.userdata import Checklist, UserStore


class ChecklistPanel(ChecklistCommands):
    def __init__(
        self,
        pack: Pack,
        store: UserStore,
        guard: DataGuard,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self.pack = pack
        self.store = store
        self.guard = guard
        self.checklist: Checklist | None = None

        self.checklist_box = QComboBox()
        self.checklist_box.setObjectName("checklistChooser")
        self.checklist_box.setAccessibleName(_("Checklist"))
        self.checklist_box.setToolTip(_("The checklist shown: one per case"))
        self.checklist_box.setMinimumContentsLength(14)
        self.new_button = self._button(_("New…"), "checklistNew", _("Start a new checklist"))
        self.rename_button = self._button(
            _("Rename…"), "checklistRename", _("Rename this checklist")
        )
        self.reset_button = self._button(
            _("Reset…"), "checklistReset", _("Untick every indicator and delete every note")
        )
        self.delete_button = self._button(
            _("Delete…"), "checklistDelete", _("Delete this checklist")
        )
        self.reminder = QLabel(
            _(
                "Do not enter names or other details that identify a person. Name a checklist"
                " by a case number or a neutral word."
            )
        )
        self.reminder.setObjectName("checklistReminder")
        self.reminder.setWordWrap(True)
        self.lang_box = self._language_box(_("Language of the checklist"), pack.languages)
        self.lang_box.setObjectName("checklistLanguage")
        self.second_box = self._language_box(
            _("Second language, shown side by side"), pack.languages, with_none=True
        )
        self.second_box.setObjectName("checklistSecondLanguage")
        self.category_box = QComboBox()
        self.category_box.setObjectName("checklistCategory")
        self.category_box.setAccessibleName(_("Category"))
        self.category_box.setToolTip(_("Show one category of indicators"))
        self.only_ticked = QCheckBox(_("Only ticked"))
        self.only_ticked.setObjectName("checklistOnlyTicked")
        self.only_ticked.setToolTip(_("Show only the indicators ticked in this checklist"))
        self.filter_field = QLineEdit()
        self.filter_field.setObjectName("checklistFilter")
        self.filter_field.setAccessibleName(_("Filter indicators"))
        self.filter_field.setPlaceholderText(_("Filter (diacritics optional)"))
        self.filter_field.setToolTip(
            _("Show the indicators whose text, explanation or note contains these words")
        )
        self.filter_field.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        self.summary.setWordWrap(True)  # long in German or Latvian: it must not widen the panel
        self.tree = ChecklistTree()
        self.details = ChecklistDetails(store, guard)

        # Rows that stay narrow at large interface text sizes (200 %): the chooser over its
        # buttons, one language per row, the filter field under category and "only ticked".
        top = QVBoxLayout()
        top.addWidget(self.checklist_box)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.reset_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top.addLayout(buttons)
        languages = QGridLayout()
        for row, (text, box) in enumerate(
            ((_("&Language:"), self.lang_box), (_("Side &by side with:"), self.second_box))
        ):
            label = QLabel(text)
            label.setBuddy(box)
            languages.addWidget(label, row, 0)
            languages.addWidget(box, row, 1)
        languages.setColumnStretch(1, 1)
        filters = QVBoxLayout()
        choose = QHBoxLayout()
        choose.addWidget(self.category_box, 1)
        choose.addWidget(self.only_ticked)
        filters.addLayout(choose)
        filters.addWidget(self.filter_field)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.reminder)
        layout.addLayout(languages)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.set_language(lang)
        self._fill_categories()
        self.checklist_box.currentIndexChanged.connect(self._on_checklist_chosen)
        self.new_button.clicked.connect(self.new_checklist)
        self.rename_button.clicked.connect(self.rename_checklist)
        self.reset_button.clicked.connect(self.reset_checklist)
        self.delete_button.clicked.connect(self.delete_checklist)
        self.lang_box.currentIndexChanged.connect(lambda _i: self._languages_changed())
        self.second_box.currentIndexChanged.connect(lambda _i: self._languages_changed())
        self.category_box.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.only_ticked.toggled.connect(lambda _on: self.rebuild())
        self.filter_field.textChanged.connect(lambda _text: self.rebuild())
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_details(item))
        self.tree.noteRequested.connect(self._edit_note)
        self.details.saved.connect(self._on_note_saved)
        guard.recovered.connect(self.refresh)
        self.refresh()

    # -- building ----------------------------------------------------------------------------

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("…", ""))
        return button

    def _language_box(self, name: str, langs: list[str], with_none: bool = False) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(name)
        if with_none:
            box.addItem(_("(none)"), "")
        for code in langs:
            box.addItem(language_label(code), code)
        return box

    @property
    def lang(self) -> str:
        return str(self.lang_box.currentData() or self.pack.source_language)

    @property
    def second_lang(self) -> str | None:
        code = self.second_box.currentData()
        return str(code) if code and code != self.lang else None

    def set_language(self, lang: str) -> None:
        """Show the checklist in ``lang`` (the window's content language by default)."""
        index = self.lang_box.findData(lang)
        if index >= 0:
            self.lang_box.setCurrentIndex(index)

    def set_second_language(self, lang: str | None) -> None:
        index = self.second_box.findData(lang or "")
        if index >= 0:
            self.second_box.setCurrentIndex(index)

    def _languages_changed(self) -> None:
        self._fill_categories()
        self.rebuild()
        self.shownChanged.emit()

    def choose(self, checklist_id: str) -> bool:
        """Show the checklist ``checklist_id`` if it still exists (the one shown last time)."""
        index = self.checklist_box.findData(checklist_id)
        if index < 0:
            return False
        if index != self.checklist_box.currentIndex():
            self.checklist_box.setCurrentIndex(index)  # reads it through _on_checklist_chosen
        return True

    def _fill_categories(self) -> None:
        wanted = self.category_box.currentData()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(_("All categories"), "")
        edition = self.pack.edition(self.lang) or self.pack.edition(self.pack.source_language)
        for key, title in (edition.categories if edition else {}).items():
            self.category_box.addItem(title, key)
        index = self.category_box.findData(wanted) if wanted else 0
        self.category_box.setCurrentIndex(max(index, 0))
        self.category_box.blockSignals(False)

    # -- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the checklists from the file again (after an import, a retry or a change)."""
        none: list[Checklist] = []
        checklists = self.guard.read(
            _("Your checklists could not be read."), self.store.checklists, lambda: none
        )
        wanted = self.checklist.id if self.checklist else None
        if wanted is None and checklists:
            wanted = checklists[0].id
        self.checklist_box.blockSignals(True)
        self.checklist_box.clear()
        for checklist in checklists:
            self.checklist_box.addItem(checklist.name, checklist.id)
        self.checklist_box.blockSignals(False)
        found = next((c for c in checklists if c.id == wanted), None)
        if found is None and checklists:
            found = checklists[0]
        self._select(found)

    def _select(self, checklist: Checklist | None) -> None:
        shown = self.details.checklist
        same = shown is not None and checklist is not None and checklist.id == shown.id
        if same and not self.details.pending:  # its notes are saved: nothing to write again
            self.details.checklist = checklist
        self.checklist = checklist
        if checklist is not None:
            self.checklist_box.blockSignals(True)
            self.checklist_box.setCurrentIndex(self.checklist_box.findData(checklist.id))
            self.checklist_box.blockSignals(False)
        for button in (self.rename_button, self.reset_button, self.delete_button):
            button.setEnabled(checklist is not None)
        self.checklist_box.setEnabled(checklist is not None)
        if checklist is None:
            self.checklist_box.setPlaceholderText(_("No checklist yet: press New…"))
        self.rebuild()
        self.shownChanged.emit()

    def _on_checklist_chosen(self, index: int) -> None:
        checklist_id = self.checklist_box.itemData(index)
        chosen = self.guard.read(
            _("Your checklists could not be read."),
            lambda: self.store.checklist(str(checklist_id)),
            lambda: None,
        )
        self.details.show_row(None, None)  # saves the note being typed first
        self._select(chosen)

    def marks(self) -> dict[str, tuple[bool, str]]:
        """The shown checklist's marks, with notes still waiting to be saved in their place."""
        marks = self.checklist.marks() if self.checklist else {}
        if self.checklist is not None:
            prefix = note_key(self.checklist.id, "")
            for key, unsaved in self.guard.unsaved.items():
                if key.startswith(prefix):
                    indicator = key[len(prefix) :]
                    ticked = marks.get(indicator, (False, ""))[0]
                    marks[indicator] = (ticked, unsaved.text)
        return marks

    def _groups(self) -> list[Group]:
        return checklist_groups(
            self.pack,
            self.lang,
            self.marks(),
            second_lang=self.second_lang,
            category=self.category_box.currentData() or None,
            only_ticked=self.only_ticked.isChecked(),
            text=self.filter_field.text(),
        )

    def rebuild(self) -> None:
        """Draw the rows the filters let through, keeping the chosen indicator."""
        current = self.tree.current_row()
        second = self.second_lang
        groups = self._groups()
        headers = [language_label(self.lang)] + ([language_label(second)] if second else [])
        shown = self.tree.show_groups(groups, headers, self.checklist is not None)
        keep = self.tree.rows.get(current.indicator_id) if current is not None else None
        if keep is not None:
            self.tree.setCurrentItem(keep)
        else:
            self._show_details(None)
        self._show_summary(groups, shown)

    def _show_summary(self, groups: list[Group], shown: int) -> None:
        counted = [group for group in groups if group.category != DROPPED]
        total = sum(group.total for group in counted)
        ticked = sum(group.ticked for group in counted)
        self.summary.setText(self._summary(shown, ticked, total))

    def _summary(self, shown: int, ticked: int, total: int) -> str:
        if self.checklist is None:
            return _("No checklist yet: press New… to start one, then tick what you see.")
        return _("{ticked} of {total} indicators ticked · {shown} shown").format(
            ticked=ticked, total=total, shown=shown
        )

    def row_item(self, indicator_id: str) -> QTreeWidgetItem | None:
        """The shown row of an indicator (None if the filters hide it)."""
        return self.tree.rows.get(indicator_id)

    def _show_details(self, item: QTreeWidgetItem | None) -> None:
        row = item.data(0, ROW_ROLE) if item is not None else None
        self.details.show_row(self.checklist, row if isinstance(row, Row) else None)

    # -- changing ----------------------------------------------------------------------------

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        row = item.data(0, ROW_ROLE)
        checklist = self.checklist
        if column != 0 or not isinstance(row, Row) or checklist is None:
            return
        ticked = item.checkState(0) == Qt.CheckState.Checked
        if ticked == row.ticked:
            return
        self.set_ticked(row.indicator_id, ticked)

    def set_ticked(self, indicator_id: str, ticked: bool) -> bool:
        """Tick or untick an indicator in the shown checklist; False if the file refused it."""
        checklist = self.checklist
        if checklist is None:
            return False
        result: list[Checklist] = []
        ok = self.guard.write(
            _("The tick was not saved.") if ticked else _("The tick was not removed."),
            lambda: result.append(self.store.set_ticked(checklist.id, indicator_id, ticked)),
        )
        if ok and result:
            self._replace(result[-1])
        # Show what the file holds (a refused tick goes back) without making the rows again:
        # this runs inside the tree's own handling of the click or key press on the row.
        groups = self._groups()
        row = next((r for g in groups for r in g.rows if r.indicator_id == indicator_id), None)
        if row is not None:
            self.tree.show_row(row, groups)
        self._show_summary(groups, len(self.tree.rows))
        if self.only_ticked.isChecked():
            QTimer.singleShot(0, self.rebuild)  # an unticked row leaves the list afterwards
        return ok

    def _replace(self, checklist: Checklist) -> None:
        if self.checklist is not None and self.checklist.id == checklist.id:
            self.checklist = checklist
            if self.details.checklist is not None and self.details.checklist.id == checklist.id:
                self.details.checklist = checklist  # a tick leaves the note being typed alone

    def _on_note_saved(self, checklist: object) -> None:
        assert isinstance(checklist, Checklist)
        if self.checklist is not None and self.checklist.id == checklist.id:
            self.checklist = checklist
        indicator_id = self.details.indicator_id or ""
        mark = checklist.mark(indicator_id)
        self.tree.set_note_preview(indicator_id, mark.note if mark else "")

    def _edit_note(self) -> None:
        if self.details.editor.isEnabled():
            self.details.editor.setFocus()

    def save_note(self) -> bool:
        """Save the note being typed now (before closing, exporting or importing)."""
        return self.details.save()
