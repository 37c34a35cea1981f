"""The cards on paper: one A4 page per language, from the layout code, the window and the PDF."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from reader.content.cards import CARD_LANGUAGES, CardSet, hotline_number, read_cards
from reader.content.countries import load_countries
from reader.content.country_records import CountryRecord
from reader.ui.card_print_dialog import CardPrintDialog
from reader.ui.card_sheet import (
    LAYOUT_DPI,
    SheetLayout,
    render_sheet,
    sheet_for,
    sheets_for,
    write_cards_pdf,
)
from tests.printing.pdf_pages import read_pdf, squash
from tests.ui.conftest import Launcher

CONTENT = Path(__file__).resolve().parents[2] / "content"
NOT_EXTRACTED = {"ar", "vi"}  # shaped Arabic and stacked Vietnamese marks: checked otherwise
A4 = (595.0, 842.0)


@pytest.fixture(scope="module")
def card_sets() -> dict[str, CardSet]:
    sets, problems = read_cards(CONTENT)
    assert problems == []
    return sets


@pytest.fixture(scope="module")
def records() -> dict[str, CountryRecord]:
    return load_countries(CONTENT, list(CARD_LANGUAGES)).records


def embedded_fonts(page: Any) -> list[tuple[str, bool]]:
    """Every font of a page and whether its font file is in the PDF."""
    found = []
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        parts = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for part in parts:
            descriptor = part.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            has_file = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font.get("/BaseFont")), has_file))
    return found


def ink_columns(image: QImage, rect: QRectF) -> tuple[int, int]:
    """Leftmost and rightmost column with dark pixels inside ``rect`` (image pixels)."""
    columns = [
        x
        for x in range(int(rect.left()), int(rect.right()))
        for y in range(int(rect.top()), int(rect.bottom()), 2)
        if image.pixelColor(x, y).lightness() < 128
    ]
    assert columns, "no ink in the card"
    return min(columns), max(columns)


def test_every_language_is_one_a4_page_with_all_its_cards(
    qapp: QApplication, card_sets: dict[str, CardSet], records: dict[str, CountryRecord],
    tmp_path: Path,
) -> None:  # fmt: skip
    assert set(card_sets) == set(CARD_LANGUAGES)
    sheets = sheets_for(card_sets, CARD_LANGUAGES, records["DE"])
    target = tmp_path / "cards.pdf"
    assert write_cards_pdf(sheets, target) == len(CARD_LANGUAGES) == 16
    pages = read_pdf(target)
    reader = pypdf.PdfReader(target)
    assert len(pages) == len(reader.pages) == 16
    for sheet, page, raw in zip(sheets, pages, reader.pages, strict=True):
        assert abs(page.width - A4[0]) <= 1 and abs(page.height - A4[1]) <= 1, sheet.code
        assert [ident for ident, _text in sheet.cards][-1] == "hotline"
        assert len(sheet.cards) == 6  # Germany allows the police card
        if sheet.code in NOT_EXTRACTED:
            assert len(page.squashed) > 50, sheet.code
        else:
            assert squash(sheet.name) in page.squashed, sheet.code
            for ident, text in sheet.cards:
                assert squash(text) in page.squashed, (sheet.code, ident)
        fonts = embedded_fonts(raw)
        assert fonts and all(has_file for _name, has_file in fonts), (sheet.code, fonts)


def test_every_language_fits_in_large_type(
    qapp: QApplication, card_sets: dict[str, CardSet], records: dict[str, CountryRecord]
) -> None:
    for code in CARD_LANGUAGES:
        for record in (records["DE"], records["LV"], None):
            layout = SheetLayout(sheet_for(card_sets[code], record))
            assert layout.fits, code
            assert layout.body_points >= 18, (code, layout.body_points)
            bottom = max(card.rect.bottom() for card in layout.cards)
            assert bottom <= layout.body.bottom() + 0.5, code
            tops = [card.rect.top() for card in layout.cards]
            assert tops == sorted(tops) and tops[0] > layout.title.top_left.y(), code
            for upper, lower in zip(layout.cards, layout.cards[1:], strict=False):
                assert upper.rect.bottom() < lower.rect.top(), code  # no overlap


def test_too_much_text_shrinks_the_type_until_it_fits(qapp: QApplication) -> None:
    long = "A card with far more words than any real card has, to fill the page. " * 6
    cards = {i: long for i in ("help", "not-to-blame", "interpreter", "reflection", "police")}
    card_set = CardSet("en", "English", "ltr", {**cards, "hotline": long + " {number}"})
    layout = SheetLayout(sheet_for(card_set, None))
    assert layout.fits and layout.scale < 1.0
    huge = CardSet("en", "English", "ltr", {**cards, "help": long * 40, "hotline": "{number}"})
    layout = SheetLayout(sheet_for(huge, None))
    assert layout.fits and layout.scale < 0.4


def test_a_partial_card_set_prints_the_cards_it_has(qapp: QApplication) -> None:
    partial = CardSet("en", "English", "ltr", {"help": "Help.", "hotline": "Call {number}"})
    sheet = sheet_for(partial, None)
    assert sheet.cards == (("help", "Help."), ("hotline", "Call 112"))


def test_arabic_is_right_to_left_and_right_aligned(
    qapp: QApplication, card_sets: dict[str, CardSet], records: dict[str, CountryRecord],
    tmp_path: Path,
) -> None:  # fmt: skip
    scale = 96 / LAYOUT_DPI
    found = {}
    for code in ("ar", "en"):
        layout = SheetLayout(sheet_for(card_sets[code], None))
        card = layout.card("not-to-blame")  # a short line: where its ink sits shows the alignment
        assert card is not None
        image = render_sheet(layout, 96)
        area = QRectF(
            card.text_rect.left() * scale,
            card.text_rect.top() * scale,
            card.text_rect.width() * scale,
            card.text_rect.height() * scale,
        )
        found[code] = (area, *ink_columns(image, area))
    area, left, right = found["ar"]
    margin = area.width() * 0.02  # a glyph's side bearing
    assert right >= area.right() - margin and left > area.left() + area.width() / 2
    area, left, right = found["en"]
    assert left <= area.left() + margin and right < area.right() - area.width() / 5
    hotline = SheetLayout(sheet_for(card_sets["ar"], records["LV"])).card("hotline")
    assert hotline is not None  # the words, then the number on its own line, left to right
    number = hotline.texts[-1].layout
    assert len(hotline.texts) == 2 and number.text() == "+371 28612120"
    assert number.textOption().textDirection() == Qt.LayoutDirection.LeftToRight
    target = tmp_path / "ar.pdf"
    write_cards_pdf(sheets_for(card_sets, ["ar"], None), target)
    (page,) = read_pdf(target)
    assert "هذا" in "".join(f.text for f in page.fragments) or len(page.squashed) > 50
    fonts = embedded_fonts(pypdf.PdfReader(target).pages[0])
    assert fonts and all(has_file for _name, has_file in fonts)


def test_police_card_and_hotline_number_follow_the_country(
    qapp: QApplication, card_sets: dict[str, CardSet], records: dict[str, CountryRecord],
    tmp_path: Path,
) -> None:  # fmt: skip
    police = squash(card_sets["en"].cards["police"])
    texts = {}
    for name, record in (("DE", records["DE"]), ("PL", records["PL"]), ("LV", records["LV"]),
                         ("none", None)):  # fmt: skip
        target = tmp_path / f"{name}.pdf"
        write_cards_pdf(sheets_for(card_sets, ["en"], record), target)
        texts[name] = read_pdf(target)[0].squashed
    assert police in texts["DE"]
    assert police not in texts["PL"] and police not in texts["none"]
    assert squash("+371 28612120") in texts["LV"]
    assert squash("You can call for help: 112") in texts["none"]
    assert squash(hotline_number(records["DE"])) in texts["DE"]


def test_unwritable_path_gives_a_clear_message(
    qapp: QApplication, card_sets: dict[str, CardSet], tmp_path: Path
) -> None:
    from reader.ui.print_export import PrintExportError

    target = tmp_path / "missing" / "cards.pdf"
    with pytest.raises(PrintExportError, match=r"could not be written to .*missing"):
        write_cards_pdf(sheets_for(card_sets, ["en"], None), target)


# The window ---------------------------------------------------------------------------------
def test_the_command_is_in_the_file_menu_near_printing(launch: Launcher, card_pack: Path) -> None:
    _app, window = launch(card_pack)
    file_menu = window.menuBar().actions()[0].menu()
    names = [action.objectName() for action in file_menu.actions()]
    assert names.index("printCards") == names.index("exportPdf") + 1
    assert window.print_cards_action.text() == "Print cards for the person…"


def test_the_dialog_saves_the_chosen_languages_as_pdf(
    launch: Launcher, card_pack: Path, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch(card_pack)
    window.set_my_country("LV")
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    target = tmp_path / "out" / "cards"
    target.parent.mkdir()
    asked: list[str] = []

    def save_name(*args: object) -> tuple[str, str]:
        asked.append(str(args[1]))
        return str(target), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    shown: list[CardPrintDialog] = []

    def choose() -> None:
        dialog = window.card_print_dialog
        assert dialog is not None
        shown.append(dialog)
        dialog.grab().save(str(tmp_path / "dialog.png"))
        names = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        assert "العربية" in names and "Latviešu" in names and "Tiếng Việt" in names
        assert "+371 28612120" in dialog.findChild(QLabel, "cardCountry").text()
        dialog.set_chosen(["lv", "ar"])
        dialog.pdf_button.click()

    QTimer.singleShot(0, choose)
    window.choose_print_cards()
    assert shown and errors == [] and asked
    written = target.with_suffix(".pdf")
    pages = read_pdf(written)
    assert len(pages) == 2  # list order: lv, then ar
    assert squash("Latviešu") in pages[0].squashed
    assert squash("+371 28612120") in pages[0].squashed
    assert window.settings.card_print_languages == ["lv", "ar"]
    shutil.rmtree(target.parent)
    assert window.save_cards_pdf(["en"], written) == 0  # the folder is gone
    assert errors and errors[0][0] == "The PDF was not saved" and "out" in errors[0][1]


def test_print_cards_to_a_printer(launch: Launcher, card_pack: Path, tmp_path: Path) -> None:
    """A QPrinter that prints to a file stands in for a real printer."""
    _app, window = launch(card_pack)
    window.set_my_country("none")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert window.print_cards_to(["en", "de"], printer) == 2
    pages = read_pdf(target)
    assert len(pages) == 2
    assert squash("You can call for help: 112") in pages[0].squashed
    assert squash("Deutsch") in pages[1].squashed
    police = squash(read_cards(card_pack)[0]["en"].cards["police"])
    assert police not in pages[0].squashed


def test_print_without_a_printer_says_to_save_a_pdf(
    launch: Launcher, card_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    _app, window = launch(card_pack)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))

    def choose() -> None:
        dialog = window.card_print_dialog
        assert dialog is not None
        dialog.findChild(QPushButton, "cardLanguagesNone").click()
        assert not dialog.print_button.isEnabled() and not dialog.pdf_button.isEnabled()
        dialog.findChild(QPushButton, "cardLanguagesAll").click()
        assert len(dialog.chosen()) == 16
        dialog.print_button.click()

    QTimer.singleShot(0, choose)
    window.choose_print_cards()
    assert errors and errors[0][0] == "No printer" and "PDF" in errors[0][1]
    assert len(window.settings.card_print_languages) == 16
