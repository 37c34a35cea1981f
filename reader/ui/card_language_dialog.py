"""The language picker of View > Show to the person: every card language in its own script.

Large enough for the person to read and point at: a grid of names ("Українська", "العربية",
"Tiếng Việt"); the official may type to filter (by the own name, the name in the UI language,
the English name or the code, accents optional). Arrows and Enter, or a click and a double
click, choose. Languages whose file has problems are still offered with the cards they have;
a file that cannot be used at all is named under the grid.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reader.content.cards import CardSet
from reader.content.model import Problem
from reader.i18n import _, format_number, language_name, ngettext

NAME_PIXELS = 30  # the language names: readable at arm's length
COLUMNS = 4  # all 16 languages in view at once: four rows of four
MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def _plain(text: str) -> str:
    """Case and accents folded: "Română" is found by "romana"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class CardLanguageDialog(QDialog):
    def __init__(
        self,
        card_sets: dict[str, CardSet],
        problems: list[Problem],
        selected: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardLanguageDialog")
        self.setWindowTitle(_("Show to the person"))
        self.card_sets = card_sets
        intro = QLabel(
            _(
                "Choose the language the person reads, or let them point at it. The cards then"
                " fill the screen: arrows or Space to turn them, Esc to come back."
            )
        )
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setObjectName("cardLanguageFilter")
        self.filter.setPlaceholderText(_("Type to find a language"))
        self.filter.setAccessibleName(_("Find a language"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("cardLanguageList")
        self.list.setAccessibleName(_("Card languages"))
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setUniformItemSizes(True)
        font = QFont(self.list.font())
        font.setPixelSize(max(NAME_PIXELS, QFontMetrics(self.font()).height() * 2))
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(s.name) for s in card_sets.values()), default=100)
        # Four columns on the screen: on a small one the names get smaller (not below 20 px).
        room = self.screen().availableGeometry().width() * 9 // 10 - self._chrome()
        if COLUMNS * (widest + metrics.height()) > room:
            scale = room / (COLUMNS * (widest + metrics.height()))
            font.setPixelSize(max(20, int(font.pixelSize() * scale)))
            metrics = QFontMetrics(font)
            widest = max(metrics.horizontalAdvance(s.name) for s in card_sets.values())
        self.list.setFont(font)
        self.list.setGridSize(QSize(widest + metrics.height(), metrics.height() * 2))
        for code, card_set in card_sets.items():
            item = QListWidgetItem(card_set.name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setSizeHint(QSize(widest + metrics.height() - 8, metrics.height() * 2 - 8))
            tip = language_name(code)
            if card_set.missing:
                tip += " — " + ngettext(
                    "{count} card is missing", "{count} cards are missing", len(card_set.missing)
                ).format(count=format_number(len(card_set.missing)))
            item.setToolTip(tip)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.itemActivated.connect(lambda _item: self.accept())
        unusable = sorted(
            {p.path.name for p in problems if p.path.stem not in card_sets and p.path.suffix}
        )
        self.unusable = QLabel(
            _("Not offered, its card file cannot be used: {files}").format(
                files=", ".join(unusable)
            )
        )
        self.unusable.setObjectName("cardLanguageUnusable")
        self.unusable.setWordWrap(True)
        self.unusable.setVisible(bool(unusable))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Show the cards"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.unusable)
        layout.addWidget(self.buttons)
        columns = COLUMNS
        rows = -(-len(card_sets) // columns)
        grid = self.list.gridSize()
        frame = 2 * self.list.frameWidth() + 8
        self.list.setMinimumHeight(min(480, rows * grid.height() + frame))
        screen = self.screen().availableGeometry()
        width = min(screen.width() * 9 // 10, max(560, columns * grid.width() + self._chrome()))
        self.resize(width, min(screen.height() * 9 // 10, self.sizeHint().height()))
        self.select(selected)
        self.filter.setFocus()

    def _chrome(self) -> int:
        """What the dialog needs around the grid's cells: margins, frame, a scroll bar."""
        style = self.style()
        margins = 2 * style.pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return margins + 2 * self.list.frameWidth() + bar + 16

    def select(self, code: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentItem(item)
                return
        if self.list.count():
            self.list.setCurrentRow(0)

    def visible_codes(self) -> list[str]:
        """The codes the grid shows now, in order (the filter hides the others)."""
        return [
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def chosen(self) -> str:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return ""
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _apply_filter(self, text: str) -> None:
        wanted = _plain(text.strip())
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            names = (item.text(), language_name(code), language_name(code, "en"), code)
            shown = not wanted or any(wanted in _plain(name) for name in names)
            item.setHidden(not shown)
            if shown and first is None:
                first = item
        current = self.list.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(first is not None)

    def accept(self) -> None:
        if self.chosen():
            super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the filter field move in the grid, so typing and choosing go together."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in MOVE_KEYS:
                self.list.setFocus()
                self.list.keyPressEvent(event)
                self.filter.setFocus()
                return True
        return super().eventFilter(watched, event)
