"""The print documents are built from the pack without Qt: what each kind holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.content.loader import load_pack
from reader.content.model import Pack
from reader.printing import (
    PrintError,
    chapter_document,
    checklist_document,
    handbook_document,
    section_document,
)
from reader.printing.documents import ANCHOR_PREFIX, BOX_BLANK, BOX_TICKED, TOC_PLACEHOLDER
from tests.conftest import MINI_PACK


@pytest.fixture(scope="module")
def handbook(default_pack: Path) -> Pack:
    return load_pack(default_pack)


@pytest.fixture(scope="module")
def mini() -> Pack:
    return load_pack(MINI_PACK)


def test_section_document_holds_the_section_under_its_chapter(mini: Pack, english_ui: None) -> None:
    document = section_document(mini, "en", "intro-who")
    html = document.html()
    assert document.title == "Who meets victims"
    assert "<h1>" in html and "Who meets victims" in html
    assert '<p class="crumb">Introduction</p>' in html
    assert "Social workers and teachers" in html
    assert "Call the national helpline" not in html  # the next section is not printed
    assert document.edition == "Edition 0.1, January 15, 2026"
    assert document.handbook_title == "Mini handbook"
    assert not document.has_toc


def test_chapter_document_holds_every_section_in_order(mini: Pack) -> None:
    document = chapter_document(mini, "en", "signs")
    html = document.html()
    titles = [entry.title for entry in document.entries]
    assert titles == ["Signs of trafficking", "General signs", "Work"]
    positions = [html.index(f'name="{entry.anchor}"') for entry in document.entries]
    assert positions == sorted(positions)
    assert html.count("<h2>") == 2
    # The indicators directive became the checklist, as in the reader.
    assert BOX_BLANK in html and "{{indicators" not in html


def test_handbook_document_has_cover_contents_and_every_chapter(handbook: Pack) -> None:
    document = handbook_document(handbook, "de")
    assert document.has_toc
    chapters = [entry for entry in document.entries if entry.level == 1]
    assert [entry.anchor for entry in chapters] == [
        ANCHOR_PREFIX + cid
        for cid in handbook.manifest.chapters  # type: ignore[union-attr]
    ]
    html = document.html()
    assert html.index(handbook.title("de")) < html.index('class="toc"')
    # Before the pages are known the contents show a placeholder as wide as a real number.
    assert f">{TOC_PLACEHOLDER}<" in html
    pages = {entry.anchor: n + 3 for n, entry in enumerate(document.entries)}
    filled = document.html(pages)
    numbers = re.findall(r'class="toc-page" align="right">(\d+)<', filled)
    assert [int(n) for n in numbers] == list(pages.values())
    # Every chapter starts on a new page.
    assert filled.count('<h1 style="page-break-before: always">') == len(chapters)


def test_blank_checklist_groups_indicators_by_category(handbook: Pack) -> None:
    edition = handbook.edition("en")
    assert edition is not None
    document = checklist_document(handbook, "en", None)
    html = document.html()
    categories = [entry.title for entry in document.entries if entry.level == 2]
    assert categories == list(edition.categories.values())
    assert len(categories) == 7
    assert html.count(BOX_BLANK) == len(edition.indicators)
    assert BOX_TICKED not in html
    assert "Date:" in html and "Place:" in html
    for indicator in edition.indicators:
        assert indicator.text.replace("'", "&#x27;").replace('"', "&quot;") in html


def test_ticked_checklist_shows_ticks_and_notes_and_keeps_unknown_marks(
    handbook: Pack,
) -> None:
    marks = {
        "general-no-money": (True, "Wages paid to the landlord\n<b>not</b> bold"),
        "labour-isolation": (False, "asked, said no"),
        "gone-in-a-later-edition": (True, "still printed"),
    }
    document = checklist_document(handbook, "en", marks, "Case 12")
    html = document.html()
    assert document.title == "Case 12"
    assert html.count(BOX_TICKED) == 2  # one known, one unknown id
    assert "Wages paid to the landlord<br>&lt;b&gt;not&lt;/b&gt; bold" in html
    assert "asked, said no" in html
    assert "gone-in-a-later-edition" in html and "still printed" in html
    assert html.index("Wages paid") > html.index("no access to their own money")


def test_unknown_things_give_a_clear_error(mini: Pack) -> None:
    with pytest.raises(PrintError, match="no-such-section"):
        section_document(mini, "en", "no-such-section")
    with pytest.raises(PrintError, match="nochapter"):
        chapter_document(mini, "en", "nochapter")
    with pytest.raises(PrintError, match=r"\(fi\)"):
        handbook_document(mini, "fi")


def test_printed_words_are_in_the_documents_language(handbook: Pack, english_ui: None) -> None:
    """With the UI in English, a German handbook prints German headings and dates."""
    from reader.i18n import _, load_catalog

    german = load_catalog("de")
    contents = german.gettext("Contents")
    assert contents != "Contents"  # the catalog has it; otherwise this test proves nothing
    document = handbook_document(handbook, "de")
    html = document.html()
    assert f">{contents}</h1>" in html
    assert ">Contents</h1>" not in html
    assert document.edition.startswith(german.gettext("Edition {edition}").split("{")[0])
    assert "November" in document.edition and "27." in document.edition  # German date form
    assert _("Contents") == "Contents"  # the UI language did not change
    english = handbook_document(handbook, "en")
    assert ">Contents</h1>" in english.html()
