"""Each kind of print document exported to PDF offscreen, then checked in the PDF itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.content.loader import load_pack
from reader.content.model import Pack
from reader.printing import (
    PrintDocument,
    chapter_document,
    checklist_document,
    handbook_document,
    section_document,
)
from reader.printing.documents import BOX_BLANK, BOX_TICKED, page_label
from reader.ui.print_export import MARGIN_MM, PageLayout, PrintExportError, export_pdf
from reader.ui.print_pages import (
    _heading_blocks,
    _is_item,
    _last_line_bottom,
    _next_text_block,
    page_of,
)
from tests.printing.pdf_pages import PdfPage, read_pdf, squash

MM = 72 / 25.4
TOP = MARGIN_MM[1] * MM
BOTTOM = MARGIN_MM[3] * MM
BODY_SIZE = 10.5
BAND = 9 * MM  # header and footer lines lie this far or further outside the body


def visible_text(pages: list[PdfPage]) -> str:
    return "".join(page.visible(TOP, BOTTOM, BAND) for page in pages)


@pytest.fixture(scope="module")
def handbook(default_pack: Path) -> Pack:
    return load_pack(default_pack)


def export(document: PrintDocument, pack: Pack, path: Path) -> tuple[PageLayout, list[PdfPage]]:
    layout = PageLayout(document, pack.root)
    pages = export_pdf(layout, path)
    assert pages == layout.page_count
    return layout, read_pdf(path)


def check_every_page(document: PrintDocument, pages: list[PdfPage]) -> None:
    """Title, edition and "Page n of m" on every page; no text off the sheet or in its margin."""
    edge = 10 * MM  # nothing is printed within 10 mm of the sheet's edge
    for number, page in enumerate(pages, 1):
        text = page.squashed
        assert squash(document.handbook_title) in text, f"page {number}"
        assert squash(document.edition) in text, f"page {number}"
        footer = page_label(document.language).format(page=number, pages=len(pages))
        assert squash(footer) in text, f"page {number}"
        assert page.fragments
        for fragment in page.fragments:
            where = f"page {number}: {fragment.text!r} at ({fragment.x:.0f}, {fragment.y:.0f})"
            assert edge <= fragment.x <= page.width - edge, where
            assert edge <= fragment.y <= page.height - edge, where


def check_headings_present_and_kept_with_text(
    document: PrintDocument, pages: list[PdfPage]
) -> None:
    whole = "".join(page.squashed for page in pages)
    for entry in document.entries:
        assert squash(entry.title) in whole, entry.title
    for number, page in enumerate(pages, 1):
        body = page.body_lines(TOP, BOTTOM)
        if body and number < len(pages):
            last = body[-1]
            assert last.size < BODY_SIZE * 1.15, f"heading alone at the bottom of page {number}"


def test_section_pdf(mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None) -> None:
    pack = load_pack(mini_pack)
    document = section_document(pack, "en", "intro-who")
    _layout, pages = export(document, pack, tmp_path / "section.pdf")
    assert len(pages) == 1
    check_every_page(document, pages)
    check_headings_present_and_kept_with_text(document, pages)
    text = pages[0].squashed
    assert squash("Who meets victims") in text
    assert squash("Social workers and teachers often meet victims first") in text
    assert squash("Call the national helpline") not in text
    assert pages[0].images == 1  # the pack's diagram is drawn


def test_chapter_pdf(handbook: Pack, tmp_path: Path, qapp: QApplication, english_ui: None) -> None:
    document = chapter_document(handbook, "en", "indicators")
    _layout, pages = export(document, handbook, tmp_path / "chapter.pdf")
    assert len(pages) >= 4  # seven checklists with explanations do not fit on three pages
    check_every_page(document, pages)
    check_headings_present_and_kept_with_text(document, pages)
    whole = visible_text(pages)
    indicators = len(handbook.edition("en").indicators)  # type: ignore[union-attr]
    assert whole.count(BOX_BLANK) == document.html().count(BOX_BLANK) >= indicators
    # The chapter ends with the last category's last indicator: nothing was cut off.
    last = [i for i in handbook.edition("en").indicators if i.category == "marriage-online"][-1]  # type: ignore[union-attr]
    assert squash(last.explanation) in pages[-1].visible(TOP, BOTTOM, BAND)


def test_checklist_pdfs_blank_and_ticked(
    handbook: Pack, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    edition = handbook.edition("en")
    assert edition is not None
    blank = checklist_document(handbook, "en", None)
    _layout, pages = export(blank, handbook, tmp_path / "blank.pdf")
    check_every_page(blank, pages)
    check_headings_present_and_kept_with_text(blank, pages)
    whole = visible_text(pages)
    assert whole.count(BOX_BLANK) == len(edition.indicators)
    assert BOX_TICKED not in whole
    for category in edition.categories.values():
        assert squash(category) in whole

    marks = {
        edition.indicators[0].id: (True, "Seen at the first visit"),
        edition.indicators[-1].id: (True, ""),
    }
    ticked = checklist_document(handbook, "en", marks, "Visit 2026-12-01")
    _layout, pages = export(ticked, handbook, tmp_path / "ticked.pdf")
    check_every_page(ticked, pages)
    whole = visible_text(pages)
    assert whole.count(BOX_TICKED) == 2
    assert whole.count(BOX_BLANK) == len(edition.indicators) - 2
    assert squash("Seen at the first visit") in whole
    assert squash("Visit 2026-12-01") in pages[0].squashed


def toc_numbers(pages: list[PdfPage], titles: list[str]) -> dict[str, int]:
    """Title -> page number as printed in the contents (a line: title ... number at the right)."""
    wanted = {squash(title): title for title in titles}
    found: dict[str, int] = {}
    for page in pages[:6]:
        for line in page.body_lines(TOP, BOTTOM):
            fragments = sorted(line.fragments, key=lambda f: f.x)
            number = fragments[-1]
            if len(fragments) < 2 or not number.text.strip().isdigit():
                continue
            if number.x < page.width / 2:
                continue
            title = squash("".join(f.text for f in fragments[:-1]))
            if title in wanted and wanted[title] not in found:
                found[wanted[title]] = int(number.text)
    return found


def heading_page(pages: list[PdfPage], title: str, after: int) -> int:
    """First page after ``after`` whose body starts a line with ``title`` in heading size."""
    for number, page in enumerate(pages, 1):
        if number <= after:
            continue
        for line in page.body_lines(TOP, BOTTOM):
            if line.size > BODY_SIZE * 1.15 and squash(line.text).startswith(squash(title)):
                return number
    raise AssertionError(f"heading {title!r} not found")


def test_handbook_pdf_with_contents(
    handbook: Pack, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    document = handbook_document(handbook, "en")
    _layout, pages = export(document, handbook, tmp_path / "handbook.pdf")
    assert len(pages) > 30
    check_every_page(document, pages)
    check_headings_present_and_kept_with_text(document, pages)
    chapters = [entry.title for entry in document.entries if entry.level == 1]
    listed = toc_numbers(pages, chapters)
    assert list(listed) == chapters  # every chapter, in order
    contents_end = min(listed.values()) - 1
    for title in chapters:
        actual = heading_page(pages, title, contents_end)
        assert listed[title] == actual, title
    # The running header names the chapter a page belongs to.
    last = chapters[-1]
    assert squash(last) in pages[-1].squashed


def test_handbook_pdf_in_russian(handbook: Pack, tmp_path: Path, qapp: QApplication) -> None:
    """Cyrillic text makes it into the PDF as text (embedded fonts with a Unicode map)."""
    document = handbook_document(handbook, "ru")
    _layout, pages = export(document, handbook, tmp_path / "ru.pdf")
    check_every_page(document, pages)
    assert squash(handbook.title("ru")) in pages[0].squashed
    assert squash(f"Страница 1 из {len(pages)}") in pages[0].squashed  # the footer too


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_heading_alone_and_no_indicator_split_in_the_layout(
    handbook: Pack, qapp: QApplication, lang: str
) -> None:
    layout = PageLayout(handbook_document(handbook, lang), handbook.root)
    document = layout.document
    height = document.pageSize().height()
    headings = _heading_blocks(document)
    assert len(headings) > 100
    for block in headings:
        following = _next_text_block(block)
        if following is not None:
            assert page_of(document, following) == page_of(document, block), block.text()
    items = 0
    block = document.begin()
    while block.isValid():
        if _is_item(block):
            items += 1
            top = page_of(document, block)
            bottom = int((_last_line_bottom(document, block) - 1) // height)
            assert top == bottom, block.text()[:60]
        block = block.next()
    assert items == len(handbook.edition(lang).indicators)  # type: ignore[union-attr]


def test_huge_table_long_word_and_empty_section_stay_on_the_page(
    mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    chapter = mini_pack / "en" / "intro.md"
    word = "Menschenhandelsbekämpfungs" * 12
    row = "| " + " | ".join(f"cell {n} with some words" for n in range(12)) + " |"
    table = "\n".join(
        [
            "| " + " | ".join(f"H{n}" for n in range(12)) + " |",
            "|" + "---|" * 12,
            *[row] * 80,
        ]
    )
    chapter.write_text(
        chapter.read_text(encoding="utf-8")
        + f"\n## Wide {{#intro-wide}}\n\n{word}\n\n{table}\n\n## Empty {{#intro-empty}}\n",
        encoding="utf-8",
    )
    pack = load_pack(mini_pack)
    document = chapter_document(pack, "en", "intro")
    _layout, pages = export(document, pack, tmp_path / "wide.pdf")
    assert len(pages) >= 3
    check_every_page(document, pages)
    assert squash("Empty") in "".join(p.squashed for p in pages)


def test_a_pdf_that_cannot_be_written_gives_a_clear_message(
    mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    pack = load_pack(mini_pack)
    layout = PageLayout(section_document(pack, "en", "intro"), pack.root)
    missing = tmp_path / "no-such-folder" / "out.pdf"
    with pytest.raises(PrintExportError, match=r"no-such-folder.*No such file"):
        export_pdf(layout, missing)
    assert not missing.parent.exists()


def test_a_failed_export_keeps_the_earlier_file(
    mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    pack = load_pack(mini_pack)
    layout = PageLayout(section_document(pack, "en", "intro"), pack.root)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"earlier")
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 1

    assert export_pdf(layout, target, cancelled=cancel) == 0
    assert target.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini_pack", "out.pdf"]
    shutil.rmtree(tmp_path / "mini_pack")


def test_a_folder_that_cannot_be_written_gives_a_clear_message(
    mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    import subprocess

    folder = tmp_path / "locked"
    folder.mkdir()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i does not work here, and root writes through permissions")
    try:
        pack = load_pack(mini_pack)
        layout = PageLayout(section_document(pack, "en", "intro"), pack.root)
        with pytest.raises(PrintExportError, match=r"locked.*Operation not permitted"):
            export_pdf(layout, folder / "out.pdf")
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_images_are_never_wider_than_the_page(
    mini_pack: Path, tmp_path: Path, qapp: QApplication, english_ui: None
) -> None:
    from PySide6.QtGui import QColor, QImage

    from reader.ui.print_export import LAYOUT_DPI, SCREEN_DPI

    big = QImage(4000, 1000, QImage.Format.Format_RGB32)
    big.fill(QColor("steelblue"))
    assert big.save(str(mini_pack / "en" / "images" / "big.png"))
    chapter = mini_pack / "en" / "intro.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n## Map {#intro-map}\n\n![A map](images/big.png)\n",
        encoding="utf-8",
    )
    pack = load_pack(mini_pack)
    layout = PageLayout(chapter_document(pack, "en", "intro"), pack.root)
    sizes = []
    block = layout.document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            char_format = iterator.fragment().charFormat()
            if char_format.isImageFormat():
                image = char_format.toImageFormat()
                sizes.append((image.name(), image.width(), image.height()))
            iterator += 1
        block = block.next()
    pixel = LAYOUT_DPI / SCREEN_DPI  # layout units per screen pixel
    small_name, small_width, _small_height = sizes[0]
    assert small_name.endswith("path.png")
    assert small_width == 0  # its own size, 40 px: it fits
    big_name, big_width, big_height = sizes[1]
    assert big_name.endswith("big.png")
    assert layout.body.width() - pixel <= big_width * pixel <= layout.body.width()
    assert big_height == big_width // 4
    # What the layout made of it: a line as wide as the body, not wider.
    widths = []
    block = layout.document.begin()
    while block.isValid():
        if "\ufffc" in block.text():  # the object replacement character of an image
            widths.append(block.layout().lineAt(0).naturalTextWidth())
        block = block.next()
    assert widths[0] < layout.body.width() / 4
    assert layout.body.width() * 0.98 <= widths[1] <= layout.body.width()
    pages = read_pdf(_export_to(layout, tmp_path / "images.pdf"))
    assert sum(page.images for page in pages) == 2


def _export_to(layout: PageLayout, path: Path) -> Path:
    export_pdf(layout, path)
    return path
