"""File > Print cards for the person…: the 'show to the person' cards on paper, a page a language.

The user ticks languages (names in their own script) and chooses Print… or Save as PDF…; the
pages (reader/ui/card_sheet.py) carry the cards for the country of View > My country. Laying
out and painting a few pages takes a fraction of a second, so it runs here, without a progress
dialog. The ticked languages are remembered in the settings (``card_print_languages``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog

from reader.content.cards import CardSet, hotline_number, read_cards
from reader.content.country_box import country_name
from reader.content.country_records import CountryRecord
from reader.i18n import _, current_language, ngettext
from reader.ui.card_print_dialog import PDF, PRINT, CardPrintDialog
from reader.ui.card_sheet import (
    SheetLayout,
    paint_sheets,
    sheet_page_layout,
    sheets_for,
    write_cards_pdf,
)
from reader.ui.print_export import PrintExportError
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase


def card_printing_actions() -> list[ActionSpec]:
    return [
        ActionSpec(
            "print_cards_action",
            _("Print cards for the person…"),
            "choose_print_cards",
            name="printCards",
            tip=_("Print the cards to show the person, one page per language, or save them as PDF"),
        )
    ]


class CardPrintingMixin(WindowBase):
    print_cards_action: QAction
    card_print_dialog: CardPrintDialog | None = None

    # What to print -------------------------------------------------------------------------
    def card_sets(self) -> dict[str, CardSet]:
        """The pack's card sets; a card file with a problem is left out (validate names it)."""
        return read_cards(self.pack.root)[0]

    def _country_line(self, record: CountryRecord | None) -> str:
        number = hotline_number(record)
        if record is None:
            line = _("No country is chosen, so the hotline card gives {number}.").format(
                number=number
            )
        else:
            name = country_name(record.code, current_language())
            line = _("Country: {country}. The hotline card gives {number}.").format(
                country=name, number=number
            )
        if record is None or not record.police_card_allowed():
            line += " " + _(
                "The card about the police is printed only where the country's record allows it."
            )
        return line + " " + _("Change the country in View > My country.")

    def _remembered_languages(self, sets: dict[str, CardSet]) -> list[str]:
        chosen = [code for code in self.settings.card_print_languages if code in sets]
        if chosen:
            return chosen
        return [self.content_language if self.content_language in sets else "en"]

    # The command ---------------------------------------------------------------------------
    def choose_print_cards(self) -> None:
        sets = self.card_sets()
        if not sets:
            self.show_error(_("No cards"), _("This content pack has no cards to show the person."))
            return
        record = self.country_record()
        dialog = CardPrintDialog(
            [(code, card_set.name) for code, card_set in sets.items()],
            self._remembered_languages(sets),
            self._country_line(record),
            parent=self,
        )
        self.card_print_dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
                return
            codes = dialog.chosen()
            self.settings.card_print_languages = codes
            self._schedule_save()
            if dialog.action() == PDF:
                self._save_cards_as(codes)
            elif dialog.action() == PRINT:
                self._print_cards(codes)
        finally:
            self.card_print_dialog = None
            dialog.deleteLater()

    def _save_cards_as(self, codes: list[str]) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the cards as PDF"), _("cards") + ".pdf", _("PDF files (*.pdf)")
        )
        if name:
            path = Path(name)
            self.save_cards_pdf(codes, path if path.suffix else path.with_suffix(".pdf"))

    def _print_cards(self, codes: list[str]) -> None:
        if not QPrinterInfo.availablePrinters():
            self.show_error(
                _("No printer"),
                _(
                    "No printer is set up on this computer. Save the cards as PDF and print "
                    "the file elsewhere."
                ),
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_cards_to(codes, printer)

    # The work ------------------------------------------------------------------------------
    def save_cards_pdf(self, codes: list[str], path: Path) -> int:
        """Write the cards of ``codes`` to ``path``; pages written, 0 (and a message) if not."""
        sheets = sheets_for(self.card_sets(), codes, self.country_record())
        try:
            pages = write_cards_pdf(sheets, path)
        except PrintExportError as exc:
            self.show_error(_("The PDF was not saved"), str(exc))
            return 0
        self._status(
            ngettext("{count} page saved to {file}", "{count} pages saved to {file}", pages).format(
                count=pages, file=path
            )
        )
        return pages

    def print_cards_to(self, codes: list[str], printer: QPrinter) -> int:
        """Paint the cards of ``codes`` on ``printer``, at its paper size (A4 if it has none)."""
        page_size = printer.pageLayout().pageSize().id()
        if page_size == QPageSize.PageSizeId.Custom:
            page_size = QPageSize.PageSizeId.A4
        sheets = sheets_for(self.card_sets(), codes, self.country_record())
        layouts = [SheetLayout(sheet, page_size) for sheet in sheets]
        printer.setFullPage(True)
        printer.setPageLayout(sheet_page_layout(page_size))
        try:
            pages = paint_sheets(layouts, printer)
        except PrintExportError as exc:
            self.show_error(_("Nothing was printed"), str(exc))
            return 0
        self._status(
            ngettext(
                "{count} page sent to the printer", "{count} pages sent to the printer", pages
            ).format(count=pages)
        )
        return pages
