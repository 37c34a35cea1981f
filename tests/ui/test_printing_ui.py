"""File > Print…, Print preview… and Export as PDF… in the real window, offscreen."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from pytestqt.qtbot import QtBot

from reader.printing import PrintDocument
from reader.ui.main_window import MainWindow
from reader.ui.print_choice import PrintChoiceDialog
from reader.ui.print_jobs import PrintJob
from tests.printing.pdf_pages import read_pdf, squash
from tests.ui.conftest import Launcher

Errors = list[tuple[str, str]]


def catch_errors(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Errors:
    errors: Errors = []
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append((title, text)))
    return errors


def wait_done(qtbot: QtBot, job: PrintJob | None) -> PrintJob:
    assert job is not None
    qtbot.waitUntil(
        lambda: job.pages > 0 or job.layout is not None or bool(job.error), timeout=60000
    )
    return job


def test_file_menu_has_print_preview_and_pdf(launch: Launcher) -> None:
    _app, window = launch()
    file_menu = window.menuBar().actions()[0].menu()
    names = [action.objectName() for action in file_menu.actions()]
    for name in ("print", "printPreview", "exportPdf"):
        assert name in names
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.print_action.toolTip()


def test_export_chapter_from_the_window(
    launch: Launcher, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch()
    errors = catch_errors(window, monkeypatch)
    messages: list[str] = []  # the status bar also shows the search index's messages
    monkeypatch.setattr(window, "_status", messages.append)
    assert window.open_section("signs-labour")
    target = tmp_path / "chapter.pdf"
    job = wait_done(qtbot, window.export_pdf_to("chapter", target))
    assert errors == []
    pages = read_pdf(target)
    assert job.pages == len(pages) >= 1
    text = "".join(page.squashed for page in pages)
    for heading in ("Signs of trafficking", "General signs", "Work"):
        assert squash(heading) in text
    assert squash("Mini handbook") in pages[0].squashed
    assert squash(f"Page 1 of {len(pages)}") in pages[0].squashed
    assert f"{len(pages)} pages saved to {target}" in messages or (
        len(pages) == 1 and f"1 page saved to {target}" in messages
    )


def test_section_export_is_only_the_section_and_follows_the_content_language(
    launch: Launcher, qtbot: QtBot, tmp_path: Path
) -> None:
    _app, window = launch()
    window.open_section("intro-who", "lv")
    target = tmp_path / "section.pdf"
    wait_done(qtbot, window.export_pdf_to("section", target))
    section = window.pack.section("lv", "intro-who")
    assert section is not None
    text = "".join(page.squashed for page in read_pdf(target))
    assert squash(section.title) in text
    english = window.pack.section("en", "intro-what")
    assert english is not None and squash(english.title) not in text


def test_the_work_runs_off_the_window_thread(
    launch: Launcher, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch()
    threads: list[int] = []
    original = window.print_document

    def recording(kind: str) -> Callable[[], PrintDocument]:
        build = original(kind)

        def wrapped() -> PrintDocument:
            threads.append(threading.get_ident())
            return build()

        return wrapped

    monkeypatch.setattr(window, "print_document", recording)
    progress: list[tuple[int, int]] = []
    job = window.export_pdf_to("handbook", tmp_path / "handbook.pdf")
    assert job is not None
    job.progress.connect(lambda done, total: progress.append((done, total)))
    wait_done(qtbot, job)
    assert threads and threads[0] != threading.get_ident()
    assert progress[0] == (0, 0)  # laying out
    assert progress[1:] == [(n, job.pages) for n in range(1, job.pages + 1)]
    assert window.print_job is None  # finished, a new job may start


def test_unwritable_pdf_path_gives_a_clear_message(
    launch: Launcher, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch()
    errors = catch_errors(window, monkeypatch)
    window.open_section("intro")
    target = tmp_path / "missing-folder" / "out.pdf"
    job = wait_done(qtbot, window.export_pdf_to("section", target))
    assert job.error
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "The PDF was not saved"
    assert "missing-folder" in text and "No such file or directory" in text


def test_print_to_a_printer(launch: Launcher, qtbot: QtBot, tmp_path: Path) -> None:
    """A QPrinter that prints to a file stands in for a real printer."""
    _app, window = launch()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    job = wait_done(qtbot, window.print_to("checklist", printer))
    assert job.pages >= 1
    pages = read_pdf(target)
    assert len(pages) == job.pages
    assert squash("Indicators checklist") in pages[0].squashed
    assert "☐" in pages[0].squashed


def test_no_printer_gives_a_clear_message(
    launch: Launcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, window = launch()
    errors = catch_errors(window, monkeypatch)
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    window.choose_print()
    assert errors and errors[0][0] == "No printer"
    assert "Export as PDF" in errors[0][1]


def test_print_preview_shows_the_pages(launch: Launcher, qtbot: QtBot, tmp_path: Path) -> None:
    _app, window = launch()
    window.open_section("signs-general")
    layout = window.preview("chapter")
    assert layout is not None and layout.page_count >= 1
    dialog = window.print_preview_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.isVisible()
    dialog.grab().save(str(tmp_path / "preview.png"))
    dialog.close()


def test_choice_dialog_offers_section_and_chapter_only_on_a_section(qtbot: QtBot) -> None:
    on_home = PrintChoiceDialog("Print", None, None, "Blank checklist")
    qtbot.addWidget(on_home)
    assert not on_home.buttons["section"].isEnabled()
    assert not on_home.buttons["chapter"].isEnabled()
    assert on_home.kind() == "handbook"
    on_section = PrintChoiceDialog("Print", "Work", "Signs of trafficking", "Blank checklist")
    qtbot.addWidget(on_section)
    assert on_section.kind() == "section"
    on_section.buttons["checklist"].setChecked(True)
    assert on_section.kind() == "checklist"
    for button in on_section.buttons.values():
        assert button.accessibleName() and button.toolTip()


def test_the_checklist_prints_with_the_ticks_and_notes_of_the_chosen_one(
    launch: Launcher, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    _app, window = launch()
    assert window.checklist_for_print() == (None, "")  # no checklist yet: the blank one
    QTest.keySequence(window, "Ctrl+Shift+I")
    panel = window.checklist_panel
    assert panel is not None
    panel.ask_name = lambda *_args: "Case 7"  # type: ignore[method-assign]
    assert panel.new_checklist()
    item = panel.row_item("labour-withheld-wages")
    assert item is not None
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    QTest.keyClick(panel.tree, Qt.Key.Key_Space)
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    panel.details.editor.insertPlainText("Wages paid to the landlord")  # saved when printing
    marks, title = window.checklist_for_print()
    assert title == "Case 7"
    assert marks == {"labour-withheld-wages": (True, "Wages paid to the landlord")}
    target = tmp_path / "case7.pdf"
    job = wait_done(qtbot, window.export_pdf_to("checklist", target))
    assert not job.error
    text = "".join(page.squashed for page in read_pdf(target))
    assert "☑" in text and "☐" in text
    assert squash("Wages paid to the landlord") in text
    assert squash("Case 7") in text
