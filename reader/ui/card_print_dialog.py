"""File > Print cards for the person…: tick languages, then Print… or Save as PDF…."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.i18n import _

PRINT = "print"
PDF = "pdf"


class CardPrintDialog(QDialog):
    """A tick list of the card languages (names in their own script) and what to do with them.

    ``languages`` are (code, own name) in the order to show; ``chosen`` are ticked at first.
    After ``exec()``, :meth:`action` is :data:`PRINT` or :data:`PDF` and :meth:`chosen` the
    ticked codes in list order.
    """

    def __init__(
        self,
        languages: Sequence[tuple[str, str]],
        chosen: Sequence[str],
        country_line: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cardPrint")
        self.setWindowTitle(_("Print cards for the person"))
        self._action = ""
        layout = QVBoxLayout(self)
        intro = QLabel(
            _("One page per language, with every card in large type. Choose the languages:")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("cardLanguages")
        self.list.setAccessibleName(_("Card languages"))
        for code, name in languages:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = code in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            item.setToolTip(code)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        ticks = QHBoxLayout()
        every = QPushButton(_("Select all"))
        every.setObjectName("cardLanguagesAll")
        every.clicked.connect(lambda: self._tick_all(True))
        none = QPushButton(_("Select none"))
        none.setObjectName("cardLanguagesNone")
        none.clicked.connect(lambda: self._tick_all(False))
        ticks.addWidget(every)
        ticks.addWidget(none)
        ticks.addStretch(1)
        layout.addLayout(ticks)
        country = QLabel(country_line)
        country.setObjectName("cardCountry")
        country.setWordWrap(True)
        layout.addWidget(country)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("cardPrintPrint")
        self.pdf_button = buttons.addButton(
            _("Save as PDF…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.pdf_button.setObjectName("cardPrintPdf")
        self.print_button.clicked.connect(lambda: self._finish(PRINT))
        self.pdf_button.clicked.connect(lambda: self._finish(PDF))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_buttons()
        self.resize(420, 520)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        for item in self._items():
            item.setCheckState(state)

    def _update_buttons(self) -> None:
        some = bool(self.chosen())
        self.print_button.setEnabled(some)
        self.pdf_button.setEnabled(some)

    def _finish(self, action: str) -> None:
        self._action = action
        self.accept()

    def set_chosen(self, codes: Sequence[str]) -> None:
        for item in self._items():
            ticked = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def action(self) -> str:
        return self._action
