"""Bookmarks and notes: starred sections by chapter, starred events by date, and notes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.calendar import entries_from_own, entries_from_pack, occurrences
from reader.content.model import Pack
from reader.i18n import _, format_date
from reader.search.analysis import fold
from reader.ui.data_guard import DataGuard
from reader.userdata import UserStore

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_PREVIEW = 80


class BookmarkTree(QTreeWidget):
    removeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit()
            return
        super().keyPressEvent(event)


class BookmarksPanel(QWidget):
    sectionRequested = Signal(str)
    eventRequested = Signal(str)
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
        self.setObjectName("bookmarksPanel")
        self.pack = pack
        self.store = store
        self.guard = guard
        self.lang = lang
        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText(_("Search bookmarks and notes"))
        self.filter_field.setAccessibleName(_("Search bookmarks and notes"))
        self.filter_field.setToolTip(_("Search bookmarks and notes"))
        self.filter_field.setClearButtonEnabled(True)
        self.tree = BookmarkTree()
        self.tree.setObjectName("bookmarksTree")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(_("Bookmarks and notes"))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_field)
        layout.addWidget(self.tree)
        self.filter_field.textChanged.connect(lambda _text: self.refresh())
        self.tree.itemActivated.connect(self._open)
        self.tree.itemDoubleClicked.connect(self._open)
        self.tree.removeRequested.connect(self.remove_current)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.refresh()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh()

    def _matches(self, *texts: str) -> bool:
        wanted = fold(self.filter_field.text().strip())
        return not wanted or any(wanted in fold(text) for text in texts)

    def _item(self, text: str, kind: str = "", ident: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, ID_ROLE, ident)
        if ident:
            item.setToolTip(0, text)
        return item

    def _group(self, text: str) -> QTreeWidgetItem:
        item = self._item(text)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        return item

    def _section_title(self, section_id: str) -> tuple[str, str]:
        section = self.pack.section(self.lang, section_id) or self.pack.section(
            self.pack.source_language, section_id
        )
        if section is None:
            # Kept in the store after a new edition dropped the section: shown, never hidden.
            return _("{id} (no longer in the handbook)").format(id=section_id), _(
                "No longer in the handbook"
            )
        chapter = self.pack.editions[section.language].chapters[section.chapter_id]
        title = chapter.title if section.is_chapter_lead else section.title
        return title, chapter.title

    def refresh(self) -> None:
        self.tree.clear()
        self.guard.read(_("Your bookmarks and notes could not be read."), self._fill, lambda: None)
        self.tree.expandAll()

    def _fill(self) -> None:
        sections = self._group(_("Sections"))
        chapters: dict[str, QTreeWidgetItem] = {}
        order = {sid: index for index, sid in enumerate(self.pack.section_order())}
        marks = sorted(
            self.store.bookmarks("section"), key=lambda b: order.get(b.target_id, len(order))
        )
        for bookmark in marks:
            title, chapter_title = self._section_title(bookmark.target_id)
            note = self.store.note(bookmark.target_id)
            if not self._matches(title, chapter_title, note.text if note else ""):
                continue
            group = chapters.get(chapter_title)
            if group is None:
                group = self._item(chapter_title)
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                chapters[chapter_title] = group
                sections.addChild(group)
            group.addChild(self._item(title, "section", bookmark.target_id))
        events = self._group(_("Events"))
        entries = {e.uid: e for e in entries_from_pack(self.pack, self.lang)}
        entries.update({e.uid: e for e in entries_from_own(self.store.own_events())})
        today = dt.date.today()
        dated = []
        for bookmark in self.store.bookmarks("event"):
            entry = entries.get(bookmark.target_id)
            if entry is None:
                continue
            upcoming = occurrences([entry], today, today + dt.timedelta(days=366))
            when = upcoming[0].start if upcoming else entry.start
            dated.append((when, entry))
        for when, entry in sorted(dated, key=lambda pair: pair[0]):
            if self._matches(entry.title, entry.description):
                events.addChild(
                    self._item(f"{format_date(when)} — {entry.title}", "event", entry.uid)
                )
        notes = self._group(_("Notes"))
        for note in self.store.notes():
            title, _chapter = self._section_title(note.section_id)
            if not self._matches(title, note.text):
                continue
            preview = " ".join(note.text.split())
            if len(preview) > NOTE_PREVIEW:
                preview = preview[:NOTE_PREVIEW] + "…"
            notes.addChild(self._item(f"{title}: {preview}", "note", note.section_id))
        for group in (sections, events, notes):
            if group.childCount() == 0:
                group.addChild(self._item(_("(none)")))
            self.tree.addTopLevelItem(group)

    def items(self, kind: str) -> list[QTreeWidgetItem]:
        found = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            if item.data(0, KIND_ROLE) == kind:
                found.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        kind, ident = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind in ("section", "note"):
            self.sectionRequested.emit(ident)
        elif kind == "event":
            self.eventRequested.emit(ident)

    def remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        kind, ident = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind in ("section", "event"):
            ok = self.guard.write(
                _("The bookmark was not removed."), lambda: self.store.remove_bookmark(kind, ident)
            )
        elif kind == "note":
            ok = self.guard.write(
                _("The note was not deleted."), lambda: self.store.set_note(ident, "")
            )
        else:
            return
        if not ok:
            return
        self.refresh()
        self.dataChanged.emit()

    def _menu(self, position: QPoint) -> None:
        item = self.tree.currentItem()
        if item is None or not item.data(0, KIND_ROLE):
            return
        menu = QMenu(self)
        menu.addAction(_("Open"), lambda: self._open(item))
        label = _("Delete note") if item.data(0, KIND_ROLE) == "note" else _("Remove bookmark")
        menu.addAction(label, self.remove_current)
        menu.exec(self.tree.viewport().mapToGlobal(position))
