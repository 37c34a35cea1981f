"""The indicators in the checklist panel: groups, tick boxes, wrapped text, two languages."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reader.checklist import Group, Row
from reader.i18n import _

ROW_ROLE = Qt.ItemDataRole.UserRole
NOTE_PREVIEW = 60
NOTE_WIDTH = 150
CHECK_ROOM = 28  # the tick box and the gaps around it, in front of the first column's text


def note_preview(note: str) -> str:
    preview = " ".join(note.split())
    return preview[:NOTE_PREVIEW] + "…" if len(preview) > NOTE_PREVIEW else preview


def _group_title(group: Group) -> str:
    return _("{category} ({ticked} of {total} ticked)").format(
        category=group.title, ticked=group.ticked, total=group.total
    )


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


class ChecklistTree(QTreeWidget):
    noteRequested = Signal()  # Enter on an indicator: write its note

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_row():
            self.noteRequested.emit()
            return
        super().keyPressEvent(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistTree")
        self.setAccessibleName(_("Indicators"))
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrappingDelegate(self))
        # Rows wrap their text; their heights are worked out again when a column changes width.
        self.header().sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())
        self.rows: dict[str, QTreeWidgetItem] = {}
        self.parents: dict[str, QTreeWidgetItem] = {}  # by category

    def current_row(self) -> Row | None:
        item = self.currentItem()
        row = item.data(0, ROW_ROLE) if item is not None else None
        return row if isinstance(row, Row) else None

    def show_groups(self, groups: list[Group], headers: list[str], checkable: bool) -> int:
        """Show the groups' rows under ``headers`` (one or two languages, then the note);
        returns how many rows are shown. No signal is sent while the rows are made."""
        two = len(headers) == 2
        self.blockSignals(True)
        self.clear()
        self.setColumnCount(len(headers) + 1)
        self.setHeaderLabels([*headers, _("Note")])
        header = self.header()
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(headers), QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(len(headers), NOTE_WIDTH)
        self.rows = {}
        self.parents = {}
        for group in groups:
            if not group.rows:
                continue
            parent = QTreeWidgetItem([_group_title(group)])
            self.parents[group.category] = parent
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(parent)
            parent.setFirstColumnSpanned(True)
            for row in group.rows:
                parent.addChild(self._row_item(row, two, checkable))
        self.expandAll()
        self.blockSignals(False)
        return len(self.rows)

    def show_row(self, row: Row, groups: list[Group]) -> None:
        """Show a changed row in place (rows are not made again: this may run while Qt is still
        handling the click or key press on the row), and the new counts of ``groups``."""
        self.blockSignals(True)
        item = self.rows.get(row.indicator_id)
        if item is not None:
            item.setData(0, ROW_ROLE, row)
            item.setCheckState(0, Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked)
        for group in groups:
            parent = self.parents.get(group.category)
            if parent is not None:
                parent.setText(0, _group_title(group))
        self.blockSignals(False)

    def _row_item(self, row: Row, two: bool, checkable: bool) -> QTreeWidgetItem:
        if row.dropped:
            gone = _("{indicator} (no longer in the handbook)")
            texts = [gone.format(indicator=row.indicator_id)]
        else:
            texts = [row.text]
        if two:
            texts.append(row.second_text or _("(not translated)"))
        texts.append(note_preview(row.note))
        item = QTreeWidgetItem(texts)
        item.setData(0, ROW_ROLE, row)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if checkable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        item.setCheckState(0, Qt.CheckState.Checked if row.ticked else Qt.CheckState.Unchecked)
        item.setToolTip(0, row.explanation or texts[0])
        if two:
            item.setToolTip(1, row.second_explanation or texts[1])
        if row.note:
            item.setToolTip(len(texts) - 1, row.note)
        self.rows[row.indicator_id] = item
        return item

    def set_note_preview(self, indicator_id: str, note: str) -> None:
        item = self.rows.get(indicator_id)
        if item is not None:
            self.blockSignals(True)
            item.setText(self.columnCount() - 1, note_preview(note))
            item.setToolTip(self.columnCount() - 1, note)
            self.blockSignals(False)
