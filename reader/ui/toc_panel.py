"""Table of contents: chapters and their sections in the current content language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from reader.content.model import Pack
from reader.i18n import _, language_in_sentence
from reader.ui.theme import current_colours, theme_signals

ID_ROLE = Qt.ItemDataRole.UserRole
MISSING_ROLE = Qt.ItemDataRole.UserRole + 1  # not in the content language: muted and italic


class TocPanel(QTreeWidget):
    """Emits ``sectionRequested`` when the user picks a chapter or section."""

    sectionRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableOfContents")
        self.setHeaderHidden(True)
        self.setAccessibleName(_("Table of contents"))
        self.setUniformRowHeights(True)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._quiet = False
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)
        self.currentItemChanged.connect(self._on_current)
        theme_signals().changed.connect(self._on_theme)

    def _on_theme(self, _key: str) -> None:
        muted = QBrush(QColor(current_colours().muted))
        for item in self._items.values():
            if item.data(0, MISSING_ROLE):
                item.setForeground(0, muted)

    def populate(self, pack: Pack, lang: str) -> None:
        self._quiet = True
        self.clear()
        self._items = {}
        edition = pack.edition(lang)
        source = pack.edition(pack.source_language)
        chapters = pack.manifest.chapters if pack.manifest else ()
        for chapter_id in chapters:
            chapter = edition.chapters.get(chapter_id) if edition else None
            fallback = source.chapters.get(chapter_id) if source else None
            shown = chapter or fallback
            if shown is None:
                continue
            top = self._make_item(chapter_id, shown.title, missing=chapter is None, lang=lang)
            self.addTopLevelItem(top)
            reference = fallback or shown
            own = {s.id: s for s in chapter.sections} if chapter else {}
            for section in reference.sections[1:]:
                present = own.get(section.id)
                child = self._make_item(
                    section.id, (present or section).title, missing=present is None, lang=lang
                )
                top.addChild(child)
            for section in chapter.sections[1:] if chapter else []:
                if section.id not in self._items:
                    top.addChild(self._make_item(section.id, section.title, False, lang))
        self._quiet = False

    def _make_item(self, ident: str, title: str, missing: bool, lang: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        item.setData(0, ID_ROLE, ident)
        item.setData(0, MISSING_ROLE, missing)
        if missing:
            font = QFont(item.font(0))
            font.setItalic(True)
            item.setFont(0, font)
            item.setForeground(0, QBrush(QColor(current_colours().muted)))
            item.setToolTip(
                0,
                _("This section is not available in {language}.").format(
                    language=language_in_sentence(lang)
                ),
            )
        self._items[ident] = item
        return item

    def select(self, section_id: str) -> None:
        """Show ``section_id`` as current without requesting it again."""
        item = self._items.get(section_id)
        if item is None:
            return
        self._quiet = True
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self._quiet = False

    def section_ids(self) -> list[str]:
        return list(self._items)

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if not self._quiet:
            self.sectionRequested.emit(item.data(0, ID_ROLE))

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None and not self._quiet:
            self.sectionRequested.emit(current.data(0, ID_ROLE))
