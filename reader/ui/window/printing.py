"""File > Print…, Print preview… and Export as PDF…: the window's side of printing.

The user picks what (this section, this chapter, the whole handbook, the indicators checklist),
then a printer, a preview or a file. The work runs in a :class:`PrintJob` thread with a progress
dialog; the window stays usable. The checklist prints with the ticks and notes of the one
chosen in the checklist panel (ChecklistMixin.checklist_for_print), blank when none is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QProgressDialog

from reader.i18n import _, ngettext
from reader.printing import (
    Marks,
    PrintDocument,
    PrintError,
    chapter_document,
    checklist_document,
    handbook_document,
    section_document,
)
from reader.ui.home_page import HOME_ID
from reader.ui.print_choice import PrintChoiceDialog
from reader.ui.print_export import PageLayout, paint_pages
from reader.ui.print_jobs import PrintJob, Target
from reader.ui.window.actions import ActionSpec
from reader.ui.window.base import WindowBase


def printing_actions() -> list[ActionSpec]:
    std_print = "Ctrl+P"
    return [
        ActionSpec(
            "print_action",
            _("Print…"),
            "choose_print",
            (std_print,),
            "print",
            _("Print this section, its chapter, the handbook or the checklist (Ctrl+P)"),
        ),
        ActionSpec(
            "print_preview_action",
            _("Print preview…"),
            "choose_print_preview",
            ("Ctrl+Shift+P",),
            "printPreview",
            _("See the pages before printing (Ctrl+Shift+P)"),
        ),
        ActionSpec(
            "export_pdf_action",
            _("Export as PDF…"),
            "choose_export_pdf",
            ("Ctrl+Shift+S",),
            "exportPdf",
            _("Save this section, its chapter, the handbook or the checklist as a PDF file"),
        ),
    ]


class PrintingMixin(WindowBase):
    print_action: QAction
    print_preview_action: QAction
    export_pdf_action: QAction
    print_job: PrintJob | None = None
    print_progress: QProgressDialog | None = None
    print_preview_dialog: QPrintPreviewDialog | None = None
    print_preview_printer: QPrinter | None = None

    # What to print -------------------------------------------------------------------------
    def checklist_for_print(self) -> tuple[Marks | None, str]:
        """Ticks and title of the checklist to print (ChecklistMixin gives the chosen one)."""
        return None, ""

    def _open_section(self) -> str | None:
        section = self.current_section
        return section if section and section != HOME_ID else None

    def print_document(self, kind: str) -> Callable[[], PrintDocument]:
        """A function that builds the document (run in the job's thread)."""
        pack, lang = self.pack, self.content_language
        section = self._open_section()
        if kind == "section" and section:
            return lambda: section_document(pack, lang, section)
        chapter = pack.chapter_of(section) if section else None
        if kind == "chapter" and chapter:
            return lambda: chapter_document(pack, lang, chapter)
        if kind == "checklist":
            marks, title = self.checklist_for_print()
            return lambda: checklist_document(pack, lang, marks, title)
        return lambda: handbook_document(pack, lang)

    def _choose_kind(self, title: str) -> str | None:
        section = self._open_section()
        found = self.pack.section(self.content_language, section) if section else None
        chapter_title = None
        if found is not None:
            edition = self.pack.edition(self.content_language)
            chapter = edition.chapters.get(found.chapter_id) if edition else None
            chapter_title = chapter.title if chapter else None
        marks, _title = self.checklist_for_print()
        label = _("The indicators checklist (blank)") if marks is None else _("The checklist")
        dialog = PrintChoiceDialog(
            title, found.title if found else None, chapter_title, label, parent=self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.kind()

    # Commands ------------------------------------------------------------------------------
    def choose_export_pdf(self) -> None:
        kind = self._choose_kind(_("Export as PDF"))
        if kind is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export as PDF"), f"{self._suggested_name(kind)}.pdf", _("PDF files (*.pdf)")
        )
        if name:
            path = Path(name)
            self.export_pdf_to(kind, path if path.suffix else path.with_suffix(".pdf"))

    def choose_print(self) -> None:
        if not QPrinterInfo.availablePrinters():
            self.show_error(
                _("No printer"),
                _(
                    "No printer is set up on this computer. Use File > Export as PDF… and print "
                    "the file elsewhere."
                ),
            )
            return
        kind = self._choose_kind(_("Print"))
        if kind is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(kind, printer)

    def choose_print_preview(self) -> None:
        kind = self._choose_kind(_("Print preview"))
        if kind is not None:
            self.preview(kind)

    # The work ------------------------------------------------------------------------------
    def export_pdf_to(self, kind: str, path: Path) -> PrintJob | None:
        def done(_layout: object, pages: int) -> None:
            if pages:
                self._status(
                    ngettext(
                        "{count} page saved to {file}", "{count} pages saved to {file}", pages
                    ).format(count=pages, file=path)
                )

        return self._run(kind, path, done, _("The PDF was not saved"))

    def print_to(self, kind: str, printer: QPrinter) -> PrintJob | None:
        def done(_layout: object, pages: int) -> None:
            if pages:
                self._status(
                    ngettext(
                        "{count} page sent to the printer",
                        "{count} pages sent to the printer",
                        pages,
                    ).format(count=pages)
                )

        page_size = printer.pageLayout().pageSize().id()
        if page_size == QPageSize.PageSizeId.Custom:
            page_size = QPageSize.PageSizeId.A4
        return self._run(kind, printer, done, _("Nothing was printed"), page_size)

    def preview(self, kind: str) -> PageLayout | None:
        """Lay out in this thread (the preview paints here; see reader/ui/print_jobs.py)."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            layout = PageLayout(self.print_document(kind)(), self.pack.root)
        except PrintError as exc:
            QApplication.restoreOverrideCursor()
            self.show_error(_("The print preview could not be made"), str(exc))
            return None
        QApplication.restoreOverrideCursor()
        self.show_preview(layout)
        return layout

    def show_preview(self, layout: PageLayout) -> QPrintPreviewDialog:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("printPreview")
        dialog.setWindowTitle(_("Print preview: {title}").format(title=layout.source.title))
        dialog.paintRequested.connect(lambda device: paint_pages(layout, device))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.resize(900, 1000)
        dialog.open()
        # The dialog only points at the printer: it must live as long as the dialog.
        self.print_preview_printer = printer
        self.print_preview_dialog = dialog
        return dialog

    def _run(
        self,
        kind: str,
        target: Target,
        done: Callable[[object, int], None],
        failure_title: str,
        page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4,
    ) -> PrintJob | None:
        if self.print_job is not None:
            self._status(_("Printing is already in progress."))
            return None
        job = PrintJob(self.print_document(kind), self.pack.root, target, page_size)
        progress = QProgressDialog(_("Preparing the pages…"), _("Cancel"), 0, 0, self)
        progress.setObjectName("printProgress")
        progress.setWindowTitle(_("Printing"))
        # Not modal: a modal progress dialog runs the event loop inside setValue(), so the
        # job's next signals (even "finished") would arrive in the middle of this one. The
        # window stays usable; a second job waits for this one (see above).
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(job.cancel)

        def advance(pages_done: int, total: int) -> None:
            if total:
                progress.setMaximum(total)
                progress.setValue(pages_done)
                progress.setLabelText(
                    _("Page {page} of {pages}").format(page=pages_done, pages=total)
                )

        def finish() -> None:
            progress.reset()
            progress.deleteLater()
            self.print_job = None
            self.print_progress = None

        def failed(message: str) -> None:
            finish()
            self.show_error(failure_title, message)

        def finished(layout: object, pages: int) -> None:
            finish()
            done(layout, pages)

        job.progress.connect(advance)
        job.failed.connect(failed)
        job.finished.connect(finished)
        self.print_job = job
        self.print_progress = progress
        job.start()
        return job

    def _suggested_name(self, kind: str) -> str:
        section = self._open_section()
        if kind == "section" and section:
            return section
        if kind == "chapter" and section:
            return self.pack.chapter_of(section) or "chapter"
        if kind == "checklist":
            return _("checklist")
        manifest = self.pack.manifest
        return f"{manifest.id}-{self.content_language}" if manifest else "handbook"
