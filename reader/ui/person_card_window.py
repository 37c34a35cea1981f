"""View > Show to the person: one card at a time, full screen, in the person's language.

The official turns the screen to a possible victim who may not share a language with them. Each
card ("You can get help...") is shown alone in type as large as the screen allows, word-wrapped
and never clipped; arrows, Space, Page Up/Down and two big buttons turn the cards, Esc closes.
Arabic is laid out right to left: the text is right-aligned, the buttons swap sides and Left
means next. Which cards and which hotline number come from reader.content.cards.cards_for.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from PySide6.QtCore import QPointF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import i18n
from reader.content.cards import CardSet, cards_for, missing_for
from reader.content.country_records import CountryRecord
from reader.i18n import _, format_number, ngettext
from reader.themes import Colours

MIN_PIXELS = 12  # the card text never gets smaller than this, however long it is
FORWARD_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down}
BACKWARD_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Backspace}


def card_titles() -> dict[str, str]:
    """Short names of the cards for the official, in the UI language (the missing-card note)."""
    return {
        "help": _("Help is free and confidential"),
        "not-to-blame": _("You are not to blame"),
        "interpreter": _("Right to an interpreter"),
        "reflection": _("Time to think"),
        "police": _("Not sent to the police without being asked"),
        "hotline": _("Hotline number"),
    }


def next_keys(direction: str) -> set[Qt.Key]:
    """Keys that show the next card: the arrow that points the way the text reads."""
    arrow = Qt.Key.Key_Left if direction == "rtl" else Qt.Key.Key_Right
    return FORWARD_KEYS | {arrow}


def previous_keys(direction: str) -> set[Qt.Key]:
    arrow = Qt.Key.Key_Right if direction == "rtl" else Qt.Key.Key_Left
    return BACKWARD_KEYS | {arrow}


def card_keys() -> list[tuple[str, str]]:
    """The keys of the card window, for Help > Keyboard shortcuts."""
    native = QKeySequence.SequenceFormat.NativeText

    def keys(*names: Qt.Key) -> str:
        return ", ".join(QKeySequence(key).toString(native) for key in names)

    right, left = keys(Qt.Key.Key_Right), keys(Qt.Key.Key_Left)
    mirrored = _("{key} (in Arabic: {other})")
    forward = keys(Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
    backward = keys(Qt.Key.Key_PageUp, Qt.Key.Key_Up, Qt.Key.Key_Backspace)
    return [
        (_("Next card"), f"{forward}, {mirrored.format(key=right, other=left)}"),
        (_("Previous card"), f"{backward}, {mirrored.format(key=left, other=right)}"),
        (_("First, last card"), keys(Qt.Key.Key_Home, Qt.Key.Key_End)),
        (_("Show the cards in another language"), "L"),
        (_("Back to the handbook"), keys(Qt.Key.Key_Escape)),
    ]


def shown_number(number: str) -> str:
    """The number as one unbreakable left-to-right run: never cut across two lines, and its
    groups stay in order inside Arabic text (a left-to-right isolate, no-break spaces)."""
    return "\u2066" + number.replace(" ", "\u00a0") + "\u2069"


def _join(items: list[str]) -> str:
    try:
        return format_list(items, locale=Locale.parse(i18n.current_language()))
    except (ValueError, UnknownLocaleError):
        return ", ".join(items)


class CardLabel(QLabel):
    """The card's text at the largest size (up to ``cap`` pixels) that fits the label whole.

    Drawn with its own QTextLayout: QLabel's plain-text drawing leaves the space at a line
    break on the right of a right-aligned Arabic line, so the lines would not line up.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("personCard")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.cap = 96
        self.colour = QColor("#000000")

    def text_layout(self, font: QFont | None = None) -> tuple[QTextLayout, QSizeF]:
        """The text laid out at ``font`` (the label's by default) to the label's width, and
        the size it needs: lines start on the reading side (the right in Arabic)."""
        width = self.contentsRect().width()
        layout = QTextLayout(self.text(), font or self.font())
        rtl = self.isRightToLeft()
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute)
        option.setTextDirection(self.layoutDirection())
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        height = widest = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
            widest = max(widest, line.naturalTextWidth())
        layout.endLayout()
        return layout, QSizeF(widest, height)

    def fits(self, font: QFont) -> bool:
        area = self.contentsRect()
        needed = self.text_layout(font)[1]
        return needed.width() <= area.width() and needed.height() <= area.height()

    def fit(self) -> None:
        """Pick the largest pixel size at which the whole text fits (binary search)."""
        if self.contentsRect().isEmpty() or not self.text():
            return
        font = QFont(self.font())
        low, high = MIN_PIXELS, max(MIN_PIXELS, self.cap)
        while low < high:
            middle = (low + high + 1) // 2
            font.setPixelSize(middle)
            if self.fits(font):
                low = middle
            else:
                high = middle - 1
        font.setPixelSize(low)
        self.setFont(font)
        self.update()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        layout, needed = self.text_layout()
        area = self.contentsRect()
        top = area.top() + max(0.0, (area.height() - needed.height()) / 2)
        painter = QPainter(self)
        painter.setPen(self.colour)
        layout.draw(painter, QPointF(area.left(), top))
        painter.end()


class PersonCardWindow(QWidget):
    """The cards of one language for the user's country; Esc closes and ``finished`` fires."""

    finished = Signal()
    languageChosen = Signal(str)  # the person switched language inside the window

    def __init__(
        self,
        card_sets: dict[str, CardSet],
        code: str,
        record: CountryRecord | None,
        colours: Colours,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("personCardWindow")
        self.setWindowTitle(_("Cards to show the person"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card_sets = card_sets
        self.record = record
        self.colours = colours
        self.code = code if code in card_sets else next(iter(card_sets))
        self.cards: list[tuple[str, str]] = []
        self.index = 0

        self.language_button = QToolButton()
        self.language_button.setObjectName("personCardLanguage")
        self.language_button.setAccessibleName(_("Card language"))
        self.language_button.setToolTip(_("Show the cards in another language (L)"))
        self.language_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_menu = QMenu(self.language_button)
        for set_code, card_set in card_sets.items():
            action = self.language_menu.addAction(card_set.name)
            action.setObjectName(f"cardLanguage_{set_code}")
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=set_code: self.choose_language(c))
        self.language_button.setMenu(self.language_menu)
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("personCardClose")
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setToolTip(_("Back to the handbook (Esc)"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(self.language_button)
        top.addStretch(1)
        top.addWidget(self.close_button)

        self.card_label = CardLabel()
        self.notice = QLabel()  # for the official, in the UI language: what this file lacks
        self.notice.setObjectName("personCardNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.previous_button = QPushButton()
        self.previous_button.setObjectName("personCardPrevious")
        self.previous_button.setAccessibleName(_("Previous card"))
        self.previous_button.clicked.connect(self.previous_card)
        self.next_button = QPushButton()
        self.next_button.setObjectName("personCardNext")
        self.next_button.setAccessibleName(_("Next card"))
        self.next_button.clicked.connect(self.next_card)
        for button in (self.previous_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.position = QLabel()
        self.position.setObjectName("personCardPosition")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.previous_button, 2)
        bottom.addWidget(self.position, 1)
        bottom.addWidget(self.next_button, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.card_label, 1)
        layout.addWidget(self.notice)
        layout.addLayout(bottom)
        self._layout = layout
        self.resize(1024, 768)
        self.set_language(self.code)

    # Content --------------------------------------------------------------------------------
    @property
    def card_set(self) -> CardSet:
        return self.card_sets[self.code]

    @property
    def direction(self) -> str:
        return self.card_set.direction

    def set_language(self, code: str) -> None:
        """Show ``code``'s cards, from the first, laid out in its direction."""
        if code not in self.card_sets:
            return
        self.code = code
        self.cards = cards_for(self.card_set, self.record, shown_number)
        self.index = 0
        rtl = self.direction == "rtl"
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        self.notice.setLayoutDirection(QGuiApplication.layoutDirection())
        self.language_button.setText(f"{self.card_set.name}  ▾")
        for action in self.language_menu.actions():
            action.setChecked(action.objectName() == f"cardLanguage_{code}")
        # The arrows point where the button sits: in Arabic "previous" is on the right.
        self.previous_button.setText("→" if rtl else "←")
        self.next_button.setText("←" if rtl else "→")
        self.previous_button.setToolTip(_("Previous card (Page Up)"))
        self.next_button.setToolTip(_("Next card (Space, Page Down)"))
        self._show_notice()
        self._show_card()

    def choose_language(self, code: str) -> None:
        self.set_language(code)
        self.languageChosen.emit(code)

    def _show_notice(self) -> None:
        missing = missing_for(self.card_set, self.record)
        if not missing:
            self.notice.hide()
            return
        titles = card_titles()
        where = self.card_set.path.name if self.card_set.path else self.card_set.code
        text = ngettext(
            "{count} card is missing from {file}: {cards}. The other cards are shown.",
            "{count} cards are missing from {file}: {cards}. The other cards are shown.",
            len(missing),
        ).format(
            count=format_number(len(missing)),
            file=where,
            cards=_join([titles.get(ident, ident) for ident in missing]),
        )
        self.notice.setText(text)
        self.notice.show()

    def _show_card(self) -> None:
        count = len(self.cards)
        if count:
            self.card_label.show_text(self.cards[self.index][1])
            self.position.setText(
                _("{number} / {count}").format(
                    number=format_number(self.index + 1), count=format_number(count)
                )
            )
        else:
            self.card_label.show_text(_("There is no card to show in this language."))
            self.position.setText("")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < count)

    def card_id(self) -> str:
        return self.cards[self.index][0] if self.cards else ""

    def card_text(self) -> str:
        return self.cards[self.index][1] if self.cards else ""

    # Moving ---------------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if self.cards:
            self.index = max(0, min(len(self.cards) - 1, index))
            self._show_card()

    def next_card(self) -> None:
        self.go_to(self.index + 1)

    def previous_card(self) -> None:
        self.go_to(self.index - 1)

    # Look -----------------------------------------------------------------------------------
    def apply_sizes(self) -> None:
        """Text, buttons and margins in proportion to the window (the screen, full screen)."""
        short = max(200, min(self.width(), self.height()))
        margin = short // 24
        self._layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self._layout.setSpacing(margin // 2)
        self.card_label.cap = short // 8
        small = max(12, short // 40)
        button = max(24, short // 14)
        c = self.colours
        self.card_label.colour = QColor(c.text)
        self.setStyleSheet(
            f"""
#personCardWindow {{ background:{c.base}; }}
QLabel#personCard {{ color:{c.text}; }}
QLabel#personCardPosition {{ color:{c.muted}; font-size:{small}px; }}
QLabel#personCardNotice {{ background:{c.warning_bg}; color:{c.warning_text};
    font-size:{small}px; padding:{small // 2}px; }}
QPushButton#personCardPrevious, QPushButton#personCardNext {{
    background:{c.button}; color:{c.button_text}; border:2px solid {c.muted};
    border-radius:{button // 4}px; font-size:{button}px; min-height:{button * 3 // 2}px; }}
QPushButton#personCardPrevious:disabled, QPushButton#personCardNext:disabled {{
    color:{c.disabled}; border:2px dashed {c.border}; }}
QPushButton#personCardClose, QToolButton#personCardLanguage {{
    background:{c.button}; color:{c.button_text}; border:1px solid {c.border};
    font-size:{small * 3 // 2}px; padding:{small // 3}px {small}px; }}
QToolButton#personCardLanguage::menu-indicator {{ image:none; width:0px; }}
"""
        )
        self.card_label.fit()

    # Events ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_Escape:
            self.close()
        elif key in next_keys(self.direction):
            self.next_card()
        elif key in previous_keys(self.direction):
            self.previous_card()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(len(self.cards) - 1)
        elif key == Qt.Key.Key_L:
            self.language_button.showMenu()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.apply_sizes()
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.finished.emit()
