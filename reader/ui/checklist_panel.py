"""The indicators checklist: named checklists (one per case), ticks, notes, filters, two languages.

What rows to show is decided by :func:`reader.checklist.checklist_groups` (no Qt); this panel
draws them, and every read and write goes through the window's :class:`DataGuard`, so a tick or
a note the file refuses is reported in the problem bar and can be saved again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.checklist import DROPPED, Row, checklist_groups
from reader.content.model import Pack
from reader.i18n import _
from reader.ui.checklist_details import ChecklistDetails, note_key
from reader.ui.data_guard import DataGuard
from reader.ui.window.languages import language_label
from reader.userdata import Checklist, UserStore

ROW_ROLE = Qt.ItemDataRole.UserRole
NOTE_PREVIEW = 60
CHECK_ROOM = 28  # the tick box and the gaps around it, in front of the first column's text


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text in the column's current width.

    QTreeView wraps the text it paints but gives every row the height of one line.
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        width = self.tree.columnWidth(index.column()) - 8
        if index.column() == 0:
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width -= self.tree.indentation() * (depth + 1) + CHECK_ROOM
        if width <= 40:
            return size
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = option.fontMetrics.boundingRect(0, 0, width, 100_000, flags, text).height() + 6
        return QSize(size.width(), max(size.height(), needed))


class ChecklistPanel(QWidget):
    dataChanged = Signal()

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
        self._rows: dict[str, QTreeWidgetItem] = {}

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
        self.reminder.setStyleSheet("background:#fff4d6; padding:4px;")
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
        self.filter_field.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("checklistTree")
        self.tree.setAccessibleName(_("Indicators"))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # Rows wrap their text; their heights are worked out again when a column changes width.
        self.tree.header().sectionResized.connect(
            lambda *_args: self.tree.scheduleDelayedItemsLayout()
        )
        self.details = ChecklistDetails(store, guard)

        top = QHBoxLayout()
        top.addWidget(self.checklist_box, 1)
        for button in (self.new_button, self.rename_button, self.reset_button, self.delete_button):
            top.addWidget(button)
        languages = QHBoxLayout()
        languages.addWidget(QLabel(_("Language:")))
        languages.addWidget(self.lang_box, 1)
        languages.addWidget(QLabel(_("Side by side with:")))
        languages.addWidget(self.second_box, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.category_box, 1)
        filters.addWidget(self.only_ticked)
        filters.addWidget(self.filter_field, 1)
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

    def rebuild(self) -> None:
        """Draw the rows the filters let through, keeping the chosen indicator."""
        current = self.tree.currentItem()
        current_row = current.data(0, ROW_ROLE) if current is not None else None
        keep = current_row.indicator_id if isinstance(current_row, Row) else None
        second = self.second_lang
        groups = checklist_groups(
            self.pack,
            self.lang,
            self.marks(),
            second_lang=second,
            category=self.category_box.currentData() or None,
            only_ticked=self.only_ticked.isChecked(),
            text=self.filter_field.text(),
        )
        headers = [language_label(self.lang)]
        if second:
            headers.append(language_label(second))
        headers.append(_("Note"))
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.setColumnCount(len(headers))
        self.tree.setHeaderLabels(headers)
        header = self.tree.header()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(len(headers) - 1, 150)
        self._rows = {}
        shown = total = ticked = 0
        for group in groups:
            if group.category != DROPPED:
                total += group.total
                ticked += group.ticked
            if not group.rows:
                continue
            title = _("{category} ({ticked} of {total} ticked)").format(
                category=group.title, ticked=group.ticked, total=group.total
            )
            parent = QTreeWidgetItem([title])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setFirstColumnSpanned(True)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            for row in group.rows:
                parent.addChild(self._row_item(row, second))
                shown += 1
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if keep in self._rows:
            self.tree.setCurrentItem(self._rows[keep])
        else:
            self._show_details(None)
        self.summary.setText(self._summary(shown, ticked, total))

    def _summary(self, shown: int, ticked: int, total: int) -> str:
        if self.checklist is None:
            return _("No checklist yet: press New… to start one, then tick what you see.")
        return _("{ticked} of {total} indicators ticked · {shown} shown").format(
            ticked=ticked, total=total, shown=shown
        )

    def _row_item(self, row: Row, second: str | None) -> QTreeWidgetItem:
        if row.dropped:
            texts = [
                _("{indicator} (no longer in the handbook)").format(indicator=row.indicator_id)
            ]
        else:
            texts = [row.text]
        if second:
            texts.append(row.second_text or _("(not translated)"))
        preview = " ".join(row.note.split())
        if len(preview) > NOTE_PREVIEW:
            preview = preview[:NOTE_PREVIEW] + "…"
        texts.append(preview)
        item = QTreeWidgetItem(texts)
        item.setData(0, ROW_ROLE, row)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.checklist is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked)
        item.setToolTip(0, row.explanation or texts[0])
        if second:
            item.setToolTip(1, row.second_explanation or texts[1])
        if row.note:
            item.setToolTip(len(texts) - 1, row.note)
        self._rows[row.indicator_id] = item
        return item

    def row_item(self, indicator_id: str) -> QTreeWidgetItem | None:
        """The shown row of an indicator (None if the filters hide it)."""
        return self._rows.get(indicator_id)

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
        self.rebuild()  # shows what the file holds: a refused tick goes back
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
        mark = checklist.mark(self.details.indicator_id or "")
        item = self._rows.get(self.details.indicator_id or "")
        if item is not None:
            preview = " ".join((mark.note if mark else "").split())
            if len(preview) > NOTE_PREVIEW:
                preview = preview[:NOTE_PREVIEW] + "…"
            self.tree.blockSignals(True)
            item.setText(self.tree.columnCount() - 1, preview)
            self.tree.blockSignals(False)

    def save_note(self) -> bool:
        """Save the note being typed now (before closing, exporting or importing)."""
        return self.details.save()

    # -- managing checklists -----------------------------------------------------------------

    def ask_name(self, title: str, label: str, text: str = "") -> str | None:
        """Ask for a checklist name (tests replace this method)."""
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok else None

    def confirm(self, title: str, text: str) -> bool:
        """Ask before something is deleted (tests replace this method)."""
        answer = QMessageBox.question(self, title, text)
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
