"""View > Show to the person…: pick the person's language, then show the cards full screen.

The cards come from the pack's ``cards/`` folder, read each time (so a corrected file is used at
once); which cards and which hotline number follow View > My country (cards_for). The language
chosen last is remembered (settings.card_language).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from reader.content.cards import CardSet, read_cards
from reader.i18n import _
from reader.themes import THEMES
from reader.ui.card_language_dialog import CardLanguageDialog
from reader.ui.person_card_window import PersonCardWindow
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase

PERSON_CARDS_KEY = "Ctrl+Shift+C"


def person_card_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "person_cards_action",
            _("Show to the person…"),
            "show_person_cards",
            (PERSON_CARDS_KEY,),
            "showToPerson",
            _("Short cards in the person's language, full screen: help, rights, hotline"),
        )
    ]


class PersonCardsMixin(WindowBase):
    person_cards_action: QAction
    theme_applied: str
    card_picker: CardLanguageDialog | None = None
    card_window: PersonCardWindow | None = None

    def show_person_cards(self) -> CardLanguageDialog | None:
        """Open the language picker; choosing a language opens the card window."""
        card_sets, problems = read_cards(self.pack.root)
        if not card_sets:
            text = _("This content pack has no cards to show.")
            if problems:
                text += "\n\n" + "\n".join(str(problem) for problem in problems[:20])
            QMessageBox.information(self, _("Show to the person"), text)
            return None
        picker = CardLanguageDialog(card_sets, problems, self._card_language(card_sets), self)
        picker.accepted.connect(lambda: self.open_person_cards(picker.chosen(), card_sets))
        picker.finished.connect(lambda _result: picker.deleteLater())
        self.card_picker = picker
        picker.open()
        return picker

    def _card_language(self, card_sets: dict[str, CardSet]) -> str:
        """The language chosen last, else the handbook's language, else English."""
        for code in (self.settings.card_language, self.content_language, "en"):
            if code in card_sets:
                return code
        return next(iter(card_sets))

    def open_person_cards(
        self, code: str, card_sets: dict[str, CardSet] | None = None
    ) -> PersonCardWindow | None:
        """Show ``code``'s cards full screen on the window's screen."""
        if card_sets is None:
            card_sets = read_cards(self.pack.root)[0]
        if code not in card_sets:
            return None
        self._remember_card_language(code)
        self.close_person_cards()
        colours = THEMES.get(self.theme_applied, THEMES["light"])
        window = PersonCardWindow(card_sets, code, self.country_record(), colours, self)
        window.finished.connect(self._on_person_cards_closed)
        window.languageChosen.connect(self._remember_card_language)
        self.card_window = window
        screen = self.screen()
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.activateWindow()
        window.setFocus()
        return window

    def close_person_cards(self) -> None:
        if self.card_window is not None:
            self.card_window.close()

    def _remember_card_language(self, code: str) -> None:
        if self.settings.card_language != code:
            self.settings.card_language = code
            self._schedule_save()

    def _on_person_cards_closed(self) -> None:
        window = self.card_window
        self.card_window = None
        if window is not None:
            window.deleteLater()
        self.activateWindow()
        self.view.setFocus()
