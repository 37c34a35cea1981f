"""A section of the handbook as a deck of slides, in one content language or two."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from reader.content.model import Pack
from reader.content.pages import neighbours, section_content
from reader.i18n import _
from reader.present.blocks import Block, parse_blocks
from reader.present.slides import Fits, Slide, cut_slides


class UnknownSectionError(LookupError):
    """The pack has no section with this id."""


@dataclass(frozen=True)
class Deck:
    section_id: str
    languages: tuple[str, ...]  # the languages asked for: one, or two side by side
    shown: tuple[str, ...]  # the language each pane really shows (a missing one shows the first)
    chapter_title: str
    slides: tuple[Slide, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """Asked-for languages that do not have this section."""
        return tuple(a for a, s in zip(self.languages, self.shown, strict=True) if a != s)

    def slide_html(self, index: int) -> tuple[str, ...]:
        """The HTML for each pane of slide ``index``."""
        html_by_column = self.slides[index].html
        columns = list(dict.fromkeys(self.shown))
        return tuple(html_by_column[columns.index(lang)] for lang in self.shown)


def section_blocks(pack: Pack, lang: str, section_id: str) -> list[Block] | None:
    """The section's title and body as blocks, or None when ``lang`` does not have it."""
    content = section_content(pack, lang, section_id)
    if content is None:
        return None
    title, body = content
    return parse_blocks(f"<h1>{html.escape(title)}</h1>\n{body}")


def build_deck(pack: Pack, section_id: str, languages: Sequence[str], fits: Fits) -> Deck:
    """Cut ``section_id`` into slides for ``languages`` (one or two content languages).

    ``fits`` gets one HTML string per distinct language shown and says whether each fits.
    """
    if pack.chapter_of(section_id) is None:
        raise UnknownSectionError(section_id)
    available = pack.languages_with(section_id)
    if not available:
        raise UnknownSectionError(section_id)
    first = languages[0] if languages and languages[0] in available else available[0]
    wanted = tuple(languages) or (first,)
    shown = tuple(lang if lang in available else first for lang in wanted)
    shown = (first, *shown[1:])
    columns_langs = list(dict.fromkeys(shown))
    columns = [section_blocks(pack, lang, section_id) or [] for lang in columns_langs]
    slides = cut_slides(columns, fits, _("(continued)"))
    edition = pack.edition(first)
    section = pack.section(first, section_id)
    chapter_title = ""
    if edition is not None and section is not None:
        chapter_title = edition.chapters[section.chapter_id].title
    return Deck(section_id, wanted, shown, chapter_title, tuple(slides))


def next_section(pack: Pack, section_id: str, forward: bool) -> str | None:
    before, after = neighbours(pack, section_id)
    return after if forward else before
