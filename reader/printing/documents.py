"""What gets printed: a section, a chapter, the whole handbook or the indicators checklist.

Each function returns a :class:`PrintDocument`: the body as sanitised HTML (made with the same
renderer as the reader view, :mod:`reader.content.render`), the title, edition and language that
go into every page's header and footer, and the headings a table of contents points to. No Qt
here: reader/ui/print_export.py lays the document out on pages, keeps headings with their text,
fills the table of contents' page numbers and paints the header and footer.

Every heading the table of contents lists carries an anchor ``<a name="print-...">`` so that the
page layer can find on which page it landed.
"""

from __future__ import annotations

import functools
import gettext
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates

from reader.content.model import Chapter, Indicator, LanguageEdition, Pack, Section
from reader.content.render import markdown_to_html
from reader.i18n import _, language_name, load_catalog, normalize

ANCHOR_PREFIX = "print-"
TOC_PLACEHOLDER = 888  # as wide as any page number the layer will put in its place

Marks = Mapping[str, tuple[bool, str]]
"""Checklist state: indicator id -> (ticked, note)."""

BOX_BLANK = "\u2610"
BOX_TICKED = "\u2611"


class PrintError(ValueError):
    """The thing asked for is not in the pack (unknown section, chapter or language)."""


@dataclass(frozen=True)
class TocEntry:
    level: int  # 1 chapter, 2 section
    title: str
    anchor: str  # name of the anchor in front of the heading


@dataclass(frozen=True)
class PrintDocument:
    kind: str  # "section", "chapter", "handbook" or "checklist"
    language: str
    title: str  # what this document is, printed in every page's header
    handbook_title: str
    edition: str  # edition and date, printed in every page's footer
    entries: tuple[TocEntry, ...]  # the headings, in order, each with its anchor
    has_toc: bool
    build_html: Callable[[Mapping[str, int] | None], str]

    def html(self, pages: Mapping[str, int] | None = None) -> str:
        """The body; ``pages`` (anchor -> page number) fills the table of contents."""
        return self.build_html(pages)


@functools.lru_cache(maxsize=16)
def _catalog(lang: str) -> gettext.NullTranslations:
    return load_catalog(lang)


def translator(lang: str) -> Callable[[str], str]:
    """The printed words (contents, page numbers, checklist) in the document's language.

    Paper goes to a file or to the person in front of the official, so a Latvian handbook
    prints "Saturs", not the contents heading of the UI language. Messages on the screen stay
    in the UI language. Functions bind the result to ``_`` so Babel still extracts the strings.
    """
    return _catalog(normalize(lang)).gettext


def edition_line(pack: Pack, lang: str) -> str:
    _ = translator(lang)
    if pack.manifest is None:
        return ""
    text = _("Edition {edition}").format(edition=pack.manifest.edition)
    if pack.manifest.date is not None:
        try:
            locale = Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            locale = Locale.parse("en")
        text += ", " + babel_dates.format_date(pack.manifest.date, format="long", locale=locale)
    return text


def page_label(lang: str) -> str:
    """The footer's "Page {page} of {pages}" in the document's language."""
    _ = translator(lang)
    return _("Page {page} of {pages}")


def _edition(pack: Pack, lang: str) -> LanguageEdition:
    edition = pack.edition(lang)
    if edition is None:
        raise PrintError(
            _("The handbook has no text in {language} ({code}).").format(
                language=language_name(lang), code=lang
            )
        )
    return edition


def _anchor(key: str) -> str:
    return f'<a name="{ANCHOR_PREFIX}{html.escape(key)}"></a>'


def _body(pack: Pack, edition: LanguageEdition, section: Section) -> str:
    known = {i for code in pack.languages for i in pack.sections_in(code)}
    anchors = {f"indicator-{i.id}" for i in edition.indicators}
    return markdown_to_html(
        section.markdown,
        lambda target: target in known or target in anchors,
        PurePosixPath(edition.code),
        edition.indicators,
    )


def _chapter_parts(
    pack: Pack, edition: LanguageEdition, chapter: Chapter, new_page: bool
) -> tuple[list[str], list[TocEntry]]:
    style = ' style="page-break-before: always"' if new_page else ""
    parts = [f"<h1{style}>{_anchor(chapter.id)}{html.escape(chapter.title)}</h1>"]
    entries = [TocEntry(1, chapter.title, ANCHOR_PREFIX + chapter.id)]
    for section in chapter.sections:
        if not section.is_chapter_lead:
            parts.append(f"<h2>{_anchor(section.id)}{html.escape(section.title)}</h2>")
            entries.append(TocEntry(2, section.title, ANCHOR_PREFIX + section.id))
        parts.append(_body(pack, edition, section))
    return parts, entries


def _fixed(
    kind: str, pack: Pack, lang: str, title: str, parts: list[str], entries: list[TocEntry]
) -> PrintDocument:
    body = "\n".join(parts)
    return PrintDocument(
        kind,
        lang,
        title,
        pack.title(lang),
        edition_line(pack, lang),
        tuple(entries),
        False,
        lambda _pages: body,
    )


def section_document(pack: Pack, lang: str, section_id: str) -> PrintDocument:
    """One section, under its chapter's name; a chapter's lead prints as the lead text only."""
    edition = _edition(pack, lang)
    section = pack.section(lang, section_id)
    if section is None:
        raise PrintError(
            _("The section “{section}” is not in the {language} handbook.").format(
                section=section_id, language=language_name(lang)
            )
        )
    chapter = edition.chapters[section.chapter_id]
    parts: list[str] = []
    if section.is_chapter_lead:
        parts.append(f"<h1>{_anchor(section.id)}{html.escape(chapter.title)}</h1>")
    else:
        parts.append(f'<p class="crumb">{html.escape(chapter.title)}</p>')
        parts.append(f"<h1>{_anchor(section.id)}{html.escape(section.title)}</h1>")
    parts.append(_body(pack, edition, section))
    title = chapter.title if section.is_chapter_lead else section.title
    entries = [TocEntry(1, title, ANCHOR_PREFIX + section.id)]
    return _fixed("section", pack, lang, title, parts, entries)


def chapter_document(pack: Pack, lang: str, chapter_id: str) -> PrintDocument:
    edition = _edition(pack, lang)
    chapter = edition.chapters.get(chapter_id)
    if chapter is None:
        raise PrintError(
            _("The chapter “{chapter}” is not in the {language} handbook.").format(
                chapter=chapter_id, language=language_name(lang)
            )
        )
    parts, entries = _chapter_parts(pack, edition, chapter, False)
    return _fixed("chapter", pack, lang, chapter.title, parts, entries)


def toc_html(entries: tuple[TocEntry, ...], pages: Mapping[str, int] | None, lang: str) -> str:
    _ = translator(lang)
    rows = []
    for entry in entries:
        number = TOC_PLACEHOLDER if pages is None else pages.get(entry.anchor, 0)
        shown = str(number) if number else ""
        title = html.escape(entry.title)
        if entry.level == 1:
            title = f"<b>{title}</b>"
        indent = "" if entry.level == 1 else ' style="padding-left: 18px"'
        rows.append(
            f'<tr><td class="toc-title"{indent}>{title}</td>'
            f'<td class="toc-page" align="right">{shown}</td></tr>'
        )
    heading = html.escape(_("Contents"))
    return (
        f'<h1 class="toc" style="page-break-before: always">{heading}</h1>'
        f'<table class="toc" width="100%" cellspacing="0" cellpadding="2">{"".join(rows)}</table>'
    )


def handbook_document(pack: Pack, lang: str) -> PrintDocument:
    """The whole handbook in one language: a title page, the contents, then every chapter."""
    edition = _edition(pack, lang)
    chapters = [
        edition.chapters[cid]
        for cid in (pack.manifest.chapters if pack.manifest else ())
        if cid in edition.chapters
    ]
    title = pack.title(lang)
    front = [f'<h1 class="cover">{html.escape(title)}</h1>']
    if edition.subtitle:
        front.append(f'<p class="subtitle">{html.escape(edition.subtitle)}</p>')
    front.append(f'<p class="cover-line">{html.escape(edition_line(pack, lang))}</p>')
    front.append(f'<p class="cover-line">{html.escape(language_name(lang, lang))}</p>')
    body_parts: list[str] = []
    entries: list[TocEntry] = []
    for chapter in chapters:
        parts, chapter_entries = _chapter_parts(pack, edition, chapter, True)
        body_parts.extend(parts)
        entries.extend(chapter_entries)
    body = "\n".join(body_parts)
    head = "\n".join(front)
    frozen = tuple(entries)

    def build(pages: Mapping[str, int] | None) -> str:
        return f"{head}\n{toc_html(frozen, pages, lang)}\n{body}"

    return PrintDocument(
        "handbook", lang, title, title, edition_line(pack, lang), frozen, True, build
    )


def _indicator_line(indicator: Indicator, mark: tuple[bool, str] | None, lang: str) -> str:
    _ = translator(lang)
    ticked, note = mark if mark is not None else (False, "")
    box = BOX_TICKED if ticked else BOX_BLANK
    line = f"{box} {html.escape(indicator.text)}"
    if note.strip():
        # In the same paragraph, so that the page layer keeps an indicator and its note together.
        label = html.escape(_("Note:"))
        text = html.escape(note.strip()).replace("\n", "<br>")
        line += f'<br><span class="note"><i>{label}</i> {text}</span>'
    return f'<p class="item">{line}</p>'


def checklist_document(
    pack: Pack, lang: str, marks: Marks | None = None, title: str = ""
) -> PrintDocument:
    """The indicators grouped by category with a tick box each (blank when ``marks`` is None).

    A note prints under its indicator. Marks for indicator ids this pack does not have are not
    dropped: they print at the end under their id, so the paper loses nothing the user entered.
    """
    edition = _edition(pack, lang)
    _ = translator(lang)
    marks = marks or {}
    heading = title or _("Indicators checklist")
    parts = [
        f"<h1>{_anchor('checklist')}{html.escape(heading)}</h1>",
        f'<p class="crumb">{html.escape(pack.title(lang))}</p>',
        '<p class="fill-in">'
        + html.escape(_("Date:"))
        + " ______________________   "
        + html.escape(_("Place:"))
        + " ______________________</p>",
    ]
    entries = [TocEntry(1, heading, ANCHOR_PREFIX + "checklist")]
    grouped: dict[str, list[Indicator]] = {key: [] for key in edition.categories}
    for indicator in edition.indicators:
        grouped.setdefault(indicator.category, []).append(indicator)
    for category, indicators in grouped.items():
        if not indicators:
            continue
        name = edition.categories.get(category, category)
        parts.append(f"<h2>{_anchor('category-' + category)}{html.escape(name)}</h2>")
        entries.append(TocEntry(2, name, f"{ANCHOR_PREFIX}category-{category}"))
        parts.extend(_indicator_line(i, marks.get(i.id), lang) for i in indicators)
    known = {i.id for i in edition.indicators}
    unknown = [key for key in marks if key not in known]
    if unknown:
        other = _("Marks for indicators this handbook does not have")
        parts.append(f"<h2>{_anchor('unknown')}{html.escape(other)}</h2>")
        entries.append(TocEntry(2, other, ANCHOR_PREFIX + "unknown"))
        parts.extend(
            _indicator_line(Indicator(key, "", lang, key), marks[key], lang)
            for key in sorted(unknown)
        )
    return _fixed("checklist", pack, lang, heading, parts, entries)
