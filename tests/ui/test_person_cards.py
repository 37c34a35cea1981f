"""View > Show to the person in the real window, offscreen: the language picker, the full-screen
cards for View > My country, keys and buttons, Arabic right to left, every card fitting the
screen, the remembered language and a card file with a card missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.content.cards import CARD_IDS, CARD_LANGUAGES, read_cards
from reader.content.countries import load_countries
from reader.themes import THEMES
from reader.ui.card_language_dialog import CardLanguageDialog
from reader.ui.main_window import MainWindow
from reader.ui.person_card_window import PersonCardWindow
from tests.ui.conftest import Launcher

CONTENT = Path(__file__).resolve().parents[2] / "content"
# Germany's hotline (KOK) is an office line for professionals: its card gives 112.
HOTLINES = {"LV": "+371 28612120", "DE": "112"}


def open_picker(window: MainWindow, qtbot: QtBot) -> CardLanguageDialog:
    action = window.findChild(QAction, "showToPerson")
    assert action is not None and action.shortcut().toString() == "Ctrl+Shift+C"
    action.trigger()
    picker = window.card_picker
    assert picker is not None
    qtbot.waitExposed(picker)
    return picker


def choose(picker: CardLanguageDialog, typed: str, window: MainWindow, qtbot: QtBot) -> None:
    """Type in the picker's filter and press Enter, as the official would."""
    qtbot.keyClicks(picker.filter, typed)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.card_window is not None and window.card_window.isVisible())


def shown_ids(cards: PersonCardWindow) -> list[str]:
    return [ident for ident, _text in cards.cards]


def plain(text: str) -> str:
    """The card text without the no-break spaces and isolate marks around the number."""
    return text.replace("\u00a0", " ").replace("\u2066", "").replace("\u2069", "")


@pytest.mark.parametrize("country", ["PL", "DE", "none", "LV"])
def test_the_command_shows_the_cards_for_my_country(
    launch: Launcher, card_pack: Path, qtbot: QtBot, country: str
) -> None:
    _app, window = launch(card_pack)
    window.set_my_country(country)
    picker = open_picker(window, qtbot)
    assert sorted(picker.visible_codes()) == sorted(CARD_LANGUAGES)
    names = [picker.list.item(row).text() for row in range(picker.list.count())]
    assert "Українська" in names and "العربية" in names and "Tiếng Việt" in names
    choose(picker, "engl", window, qtbot)
    cards = window.card_window
    assert cards is not None and cards.code == "en"
    qtbot.waitUntil(cards.isActiveWindow)
    ids = shown_ids(cards)
    hotline = plain(dict(cards.cards)["hotline"])
    if country == "DE":  # Germany allows the police card
        assert ids == list(CARD_IDS)
        assert hotline.endswith(HOTLINES["DE"])
    elif country == "PL":  # Polish municipal staff must notify: no police card
        assert "police" not in ids and len(ids) == 5
    elif country == "none":  # no country: no police card, the emergency number
        assert "police" not in ids and hotline == "You can call for help: 112"
    else:  # Latvia: its hotline's number from the record (the police card not confirmed)
        assert "police" not in ids and hotline.endswith(HOTLINES["LV"])
    assert cards.card_label.text() == cards.cards[0][1]
    assert cards.position.text() == f"1 / {len(ids)}"


def test_keys_and_buttons_turn_the_cards_and_esc_returns(
    launch: Launcher, card_pack: Path, qtbot: QtBot
) -> None:
    _app, window = launch(card_pack)
    window.set_my_country("DE")
    cards = window.open_person_cards("en")
    assert cards is not None
    qtbot.waitExposed(cards)
    assert cards.isFullScreen()
    steps = [
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_Space, 2),
        (Qt.Key.Key_PageDown, 3),
        (Qt.Key.Key_PageUp, 2),
        (Qt.Key.Key_Left, 1),
        (Qt.Key.Key_End, 5),
        (Qt.Key.Key_Right, 5),  # at the last card it stays
        (Qt.Key.Key_Home, 0),
    ]
    for key, index in steps:
        qtbot.keyClick(cards, key)
        assert cards.index == index, key
        assert cards.card_label.text() == cards.cards[index][1]
    assert not cards.previous_button.isEnabled()
    qtbot.mouseClick(cards.next_button, Qt.MouseButton.LeftButton)
    assert cards.index == 1 and cards.position.text() == "2 / 6"
    qtbot.mouseClick(cards.previous_button, Qt.MouseButton.LeftButton)
    assert cards.index == 0
    qtbot.keyClick(cards, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.card_window is None)
    qtbot.waitUntil(window.isActiveWindow)
    assert QApplication.focusWidget() is window.view


def test_the_language_changes_inside_the_window_and_is_remembered_after_restart(
    launch: Launcher, card_pack: Path, qtbot: QtBot
) -> None:
    app, window = launch(card_pack)
    picker = open_picker(window, qtbot)
    assert picker.chosen() == "en"  # nothing chosen yet: the handbook's language
    picker.filter.setText("УКР")  # found by its own name too (QTest types Latin keys only)
    assert picker.visible_codes() == ["uk"]
    picker.filter.clear()
    choose(picker, "ukr", window, qtbot)
    cards = window.card_window
    assert cards is not None and cards.code == "uk"
    switch = cards.findChild(QAction, "cardLanguage_vi")
    assert switch is not None
    with qtbot.waitSignal(window.settingsChanged, timeout=3000):
        switch.trigger()
    assert cards.code == "vi" and cards.index == 0
    assert cards.card_label.text() == dict(cards.cards)["help"]
    assert app.settings_store.load().card_language == "vi"
    qtbot.keyClick(cards, Qt.Key.Key_Escape)
    window.close()
    _app2, again = launch(card_pack)
    assert again.settings.card_language == "vi"
    assert open_picker(again, qtbot).chosen() == "vi"


def ink_columns(image: QImage, area: QRect, background: QColor) -> tuple[int, int]:
    """The leftmost and rightmost pixel columns inside ``area`` that are not background."""
    found = []
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1, 2):
            if image.pixelColor(x, y) != background:
                found.append(x)
                break
    assert found, "nothing was drawn"
    return found[0], found[-1]


def card_window(
    code: str, width: int, height: int, qtbot: QtBot, country: str = "DE"
) -> PersonCardWindow:
    sets = read_cards(CONTENT)[0]
    countries = load_countries(CONTENT, ["en"])
    window = PersonCardWindow(sets, code, countries.records[country], THEMES["light"])
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.card_label.width() > width // 2)
    return window


@pytest.mark.parametrize("code", ["ar", "en"])
def test_arabic_is_right_to_left_and_right_aligned(code: str, qtbot: QtBot) -> None:
    window = card_window(code, 1024, 768, qtbot, country="LV")  # a number in two groups
    rtl = code == "ar"
    wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert window.layoutDirection() == wanted
    assert window.card_label.layoutDirection() == wanted
    # In Arabic Left is the next card and the "next" button sits on the left.
    qtbot.keyClick(window, Qt.Key.Key_Left if rtl else Qt.Key.Key_Right)
    assert window.card_id() == "not-to-blame"  # a short line: where its ink is tells the side
    next_x = window.next_button.geometry().center().x()
    assert (next_x < window.width() // 2) == rtl
    label = window.card_label
    image = window.grab().toImage()  # as painted on the window's own background
    area = label.contentsRect().translated(label.pos())
    left, right = ink_columns(image, area, QColor(THEMES["light"].base))
    width = area.width()
    left, right = left - area.left(), right - area.left()
    if rtl:
        assert right >= width - width // 20 and left > width // 4, (left, right, width)
    else:
        assert left <= width // 20 and right < width - width // 20, (left, right, width)
    # Every line of a card that wraps starts at the reading side: in Arabic each line's ink
    # ends at the right edge (no space left over from the line break on the right).
    window.go_to(len(window.cards) - 1)
    assert window.card_id() == "hotline"
    layout, needed = label.text_layout()
    assert layout.lineCount() >= 2
    image = window.grab().toImage()
    top = area.top() + (area.height() - int(needed.height())) // 2
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        band = QRect(area.left(), top + int(line.y()) + 4, area.width(), int(line.height()) - 8)
        left, right = ink_columns(image, band, QColor(THEMES["light"].base))
        left, right = left - area.left(), right - area.left()
        if rtl:
            assert right >= width - 20, (number, left, right, width)
        else:
            assert left <= 20, (number, left, right, width)
    if rtl:  # the hotline number stays one left-to-right run, its groups in order
        assert "\u2066+371\u00a028612120\u2069" in window.card_text()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_every_card_in_every_language_fits_without_clipping(
    size: tuple[int, int], qtbot: QtBot
) -> None:
    width, height = size
    window = card_window("en", width, height, qtbot)
    label = window.card_label
    flags = int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.TextFlag.TextWordWrap)
    smallest = height
    assert set(window.card_sets) == set(CARD_LANGUAGES)
    for code in CARD_LANGUAGES:
        window.set_language(code)
        assert len(window.cards) == len(CARD_IDS)  # Germany: with the police card
        for index in range(len(window.cards)):
            window.go_to(index)
            area = label.contentsRect()
            align = Qt.AlignmentFlag.AlignRight if code == "ar" else Qt.AlignmentFlag.AlignLeft
            needed = QFontMetrics(label.font()).boundingRect(area, flags | int(align), label.text())
            where = f"{code} {window.card_id()} at {width}x{height}"
            assert needed.height() <= area.height() and needed.width() <= area.width(), where
            assert label.heightForWidth(area.width()) <= area.height(), where
            drawn = label.text_layout()[1]  # the layout the label paints
            assert drawn.height() <= area.height() and drawn.width() <= area.width(), where
            assert window.rect().contains(label.geometry()), where
            assert label.geometry().bottom() < window.next_button.geometry().top(), where
            smallest = min(smallest, label.font().pixelSize())
    assert smallest >= height // 20  # very large type, not shrunk to fit everything


def test_a_card_file_with_a_missing_card_shows_what_it_has(
    launch: Launcher, card_pack: Path, qtbot: QtBot
) -> None:
    de = card_pack / "cards" / "de.toml"
    lines = de.read_text(encoding="utf-8").splitlines()
    de.write_text("\n".join(x for x in lines if not x.startswith("reflection")), encoding="utf-8")
    (card_pack / "cards" / "ro.toml").write_text("name = 'Română'\n[cards\n", encoding="utf-8")
    _app, window = launch(card_pack)
    window.set_my_country("DE")
    picker = open_picker(window, qtbot)
    codes = picker.visible_codes()
    assert "de" in codes and "ro" not in codes and len(codes) == len(CARD_LANGUAGES) - 1
    assert picker.unusable.isVisible() and "ro.toml" in picker.unusable.text()
    choose(picker, "deutsch", window, qtbot)
    cards = window.card_window
    assert cards is not None and cards.code == "de"
    assert shown_ids(cards) == ["help", "not-to-blame", "interpreter", "police", "hotline"]
    assert cards.notice.isVisible()
    assert cards.notice.text() == (
        "1 card is missing from de.toml: Time to think. The other cards are shown."
    )
    assert cards.position.text() == "1 / 5"
    cards.set_language("en")  # a complete language: no note
    assert not cards.notice.isVisible()


def test_a_pack_without_cards_says_so(
    launch: Launcher, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    _app, window = launch()
    assert window.show_person_cards() is None
    assert told == ["This content pack has no cards to show."]
    assert window.card_window is None


def test_help_lists_the_card_keys(launch: Launcher, qtbot: QtBot) -> None:
    from PySide6.QtGui import QKeySequence

    from reader.ui.shortcuts_dialog import key_text

    def native(*keys: Qt.Key) -> str:  # as Qt names them (Qt's own catalog may be loaded)
        form = QKeySequence.SequenceFormat.NativeText
        return ", ".join(QKeySequence(key).toString(form) for key in keys)

    _app, window = launch()
    dialog = window.show_keyboard_shortcuts()
    qtbot.waitExposed(dialog)
    group = "Cards shown to the person"
    rows = {command: keys for title, command, keys in dialog.rows() if title == group}
    forward = native(Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down)
    right, left = native(Qt.Key.Key_Right), native(Qt.Key.Key_Left)
    assert rows["Next card"] == f"{forward}, {right} (in Arabic: {left})"
    assert rows["Back to the handbook"] == native(Qt.Key.Key_Escape)
    listed = [(command, keys) for _group, command, keys in dialog.rows()]
    assert ("Show to the person…", key_text(window.person_cards_action)) in listed
    assert window.person_cards_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    dialog.close()
