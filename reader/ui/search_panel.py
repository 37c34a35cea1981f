"""The search panel: a query field, filters, and results grouped by chapter."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.content.model import Pack
from reader.i18n import _, language_in_sentence, language_name, ngettext
from reader.search.results import Hit, SearchResults
from reader.themes import Colours
from reader.ui.theme import current_colours, theme_signals

DEBOUNCE_MS = 220
HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
SELECTED_HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the same on the selection colour


def hit_html(hit: Hit, show_language: bool, c: Colours, selected: bool = False) -> str:
    """Title, tags in the muted colour and the snippet with the hits marked, in theme colours
    (on the selection, the tags take the selected text's colour: muted would not read there)."""
    kind = {"indicator": _("Indicator"), "event": _("Event")}.get(hit.kind, "")
    tags = [t for t in (kind, language_name(hit.lang) if show_language else "") if t]
    tag_colour = c.highlighted_text if selected else c.muted
    tag_text = html.escape(", ".join(tags))
    tag_html = f' <span style="color:{tag_colour}">({tag_text})</span>' if tags else ""
    snippet = "".join(
        f'<b style="background-color:{c.mark_bg}; color:{c.mark_text}">{html.escape(text)}</b>'
        if hit_
        else html.escape(text)
        for text, hit_ in hit.snippet
    )
    return f"<b>{html.escape(hit.title)}</b>{tag_html}<br><small>{snippet}</small>"


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's HTML (title, tags and snippet with the hits marked)."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rich = index.data(SELECTED_HTML_ROLE if selected else HTML_ROLE) or index.data(HTML_ROLE)
        document.setHtml(str(rich or html.escape(str(index.data() or ""))))
        document.setTextWidth(self._text_width(option, index))
        return document

    def _text_width(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> float:
        """The width the item gets: its rect when painting, else what the view leaves for it."""
        if option.rect.width() > 0:
            return float(option.rect.width())
        view = self.parent()
        if isinstance(view, QTreeWidget):
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            return float(max(view.viewport().width() - view.indentation() * (depth + 1), 160))
        return 300.0

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget
            )
        document = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


class ResultsTree(QTreeWidget):
    """Results; Enter opens the current one."""

    activatedHit = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None and isinstance(item.data(0, HIT_ROLE), Hit):
                self.activatedHit.emit(item.data(0, HIT_ROLE))
                return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    searchRequested = Signal(str, str, str, str)  # text, language scope, kind, chapter
    hitActivated = Signal(object)  # Hit
    closeRequested = Signal()

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.pack = pack
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(_("Search the handbook (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(_("Search"))
        self.field.setToolTip(_("Search the handbook (Ctrl+K)"))
        self.scope_box = QComboBox()
        self.scope_box.addItem(_("This language"), "current")
        self.scope_box.addItem(_("All languages"), "all")
        self.scope_box.setAccessibleName(_("Which languages to search"))
        self.scope_box.setToolTip(_("Which languages to search"))
        self.kind_box = QComboBox()
        self.kind_box.addItem(_("Everything"), "")
        self.kind_box.addItem(_("Sections"), "section")
        self.kind_box.addItem(_("Indicators only"), "indicator")
        self.kind_box.addItem(_("Events"), "event")
        self.kind_box.setAccessibleName(_("Kind of result"))
        self.kind_box.setToolTip(_("Kind of result"))
        self.chapter_box = QComboBox()
        self.chapter_box.setAccessibleName(_("Chapter"))
        self.chapter_box.setToolTip(_("Only results from this chapter"))
        self.count_label = QLabel()
        self.suggestion_label = QLabel()
        self.suggestion_label.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion_label.linkActivated.connect(self._use_suggestion)
        self.suggestion_label.hide()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.hide()
        self.results = ResultsTree()
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAccessibleName(_("Search results"))
        self.results.itemActivated.connect(self._on_item)
        self.results.itemClicked.connect(self._on_item)
        self.results.activatedHit.connect(self.hitActivated)

        filters = QHBoxLayout()
        for box in (self.scope_box, self.kind_box, self.chapter_box):
            filters.addWidget(box)
            box.currentIndexChanged.connect(self._request_now)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.state_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)  # takes the space while there are no results to list
        self.results.hide()  # not shown empty

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._request_now)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.set_language(pack.source_language)
        self._shown_lang = pack.source_language
        theme_signals().changed.connect(self._on_theme)

    def set_language(self, lang: str) -> None:
        """Fill the chapter filter with chapter titles in ``lang``."""
        current = self.chapter_box.currentData()
        self.chapter_box.blockSignals(True)
        self.chapter_box.clear()
        self.chapter_box.addItem(_("All chapters"), "")
        edition = self.pack.edition(lang) or self.pack.edition(self.pack.source_language)
        for chapter_id in self.pack.manifest.chapters if self.pack.manifest else ():
            chapter = edition.chapters.get(chapter_id) if edition else None
            self.chapter_box.addItem(chapter.title if chapter else chapter_id, chapter_id)
        index = self.chapter_box.findData(current)
        self.chapter_box.setCurrentIndex(max(index, 0))
        self.chapter_box.blockSignals(False)

    def focus_field(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def _request_now(self) -> None:
        self._timer.stop()
        self.searchRequested.emit(
            self.field.text(),
            str(self.scope_box.currentData()),
            str(self.kind_box.currentData() or ""),
            str(self.chapter_box.currentData() or ""),
        )

    def _on_return(self) -> None:
        if self._timer.isActive():
            self._request_now()
        item = self.results.topLevelItem(0)
        first = item.child(0) if item is not None else None
        if first is not None:
            self.results.setCurrentItem(first)
            self.hitActivated.emit(first.data(0, HIT_ROLE))

    def _use_suggestion(self, text: str) -> None:
        self.field.setText(text)
        self._request_now()

    def _on_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            self.hitActivated.emit(hit)

    def set_indexing(self, done: int, total: int, lang: str) -> None:
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(
            _("Preparing search: {language}").format(language=language_in_sentence(lang))
            if lang
            else ""
        )

    def set_ready(self, ok: int, message: str) -> None:
        self.progress.hide()
        if ok:
            self.state_label.hide()
            if self.field.text():
                self._request_now()
        else:
            self.state_label.setText(_("Search is not available: {reason}").format(reason=message))
            self.state_label.show()

    def show_results(self, results: SearchResults, current_lang: str) -> None:
        self.results.clear()
        groups: dict[tuple[str, str], QTreeWidgetItem] = {}
        self._shown_lang = current_lang
        colours = current_colours()
        for hit in results.hits:
            key = (hit.lang, hit.chapter_id)
            group = groups.get(key)
            if group is None:
                label = hit.chapter_title
                if hit.lang != current_lang:
                    label = f"{label} ({language_name(hit.lang)})"
                group = QTreeWidgetItem([label])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.results.addTopLevelItem(group)
                groups[key] = group
            item = QTreeWidgetItem([hit.title])
            item.setData(0, HIT_ROLE, hit)
            self._set_html(item, hit, hit.lang != current_lang, colours)
            group.addChild(item)
        self.results.expandAll()
        self.results.setVisible(bool(results.hits))
        count = len(results.hits)
        if not results.query.strip():
            self.count_label.setText("")
        else:
            self.count_label.setText(
                ngettext("{count} result", "{count} results", count).format(count=count)
            )
        if results.suggestion:
            link = html.escape(results.suggestion)
            label = html.escape(_("Did you mean:"))
            self.suggestion_label.setText(f'{label} <a href="{link}">{link}</a>')
            self.suggestion_label.show()
        else:
            self.suggestion_label.hide()

    @staticmethod
    def _set_html(item: QTreeWidgetItem, hit: Hit, show_language: bool, c: Colours) -> None:
        item.setData(0, HTML_ROLE, hit_html(hit, show_language, c))
        item.setData(0, SELECTED_HTML_ROLE, hit_html(hit, show_language, c, selected=True))

    def _on_theme(self, _key: str) -> None:
        """Redraw the results in the new theme's colours, keeping the current one."""
        colours = current_colours()
        for group_index in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(group_index)
            for child in range(group.childCount() if group else 0):
                item = group.child(child) if group else None
                hit = item.data(0, HIT_ROLE) if item else None
                if item is not None and isinstance(hit, Hit):
                    self._set_html(item, hit, hit.lang != self._shown_lang, colours)
        self.results.viewport().update()

    def first_hit_item(self) -> QTreeWidgetItem | None:
        group = self.results.topLevelItem(0)
        return group.child(0) if group is not None else None

    def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                first = self.first_hit_item()
                if first is not None:
                    self.results.setFocus()
                    self.results.setCurrentItem(first)
                    return True
            if event.key() == Qt.Key.Key_Escape:
                if self.field.text():
                    self.field.clear()
                else:
                    self.closeRequested.emit()
                return True
        return super().eventFilter(watched, event)
