"""What the start page shows, chosen without Qt: chapter cards, where to continue, next events.

The summaries come from the pack's own text, so they exist in every language the pack has: a
chapter's lead text (before its first ``##`` heading) "summarises the chapter" (see
docs/PACK_FORMAT.md), and its first sentence is the card's one-line description. The UI
(reader/ui/home_page.py) turns a :class:`StartPage` into HTML in the current theme.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from reader.calendar import CalendarEntry, entries_from_own, entries_from_pack, occurrences
from reader.content.changes import plain_text
from reader.content.model import Pack, Section
from reader.userdata.store import OwnEvent

NEXT_EVENTS = 3
EVENT_HORIZON_DAYS = 400  # a yearly event always falls within this
SUMMARY_MAX_CHARS = 170
INDICATORS_MARK = "{{indicators"
# Card columns by the width of the page in pixels at 100 % zoom: below 640 one, below 1080 two.
COLUMN_WIDTHS = (640, 1080)

# A sentence ends at . ! ? or … followed by space and a capital letter (after an opening quote
# or bracket, if any), so "e.g. a" and "No. 5" do not end one.
_SENTENCE_END = re.compile(r"[.!?…]\s+")
_OPENING = "\"'«„“‘(["
_PLACEHOLDER = re.compile(r"^\s*(\{\{.*\}\}|!\[.*|#.*)\s*$")


@dataclass(frozen=True)
class ChapterCard:
    chapter_id: str
    title: str
    summary: str  # the first sentence of the chapter's lead text; "" if it has none


@dataclass(frozen=True)
class ContinueTarget:
    section_id: str
    title: str
    chapter_title: str  # "" when the section is the chapter's lead
    summary: str  # the section's first sentence
    resumed: bool  # True: the section read last; False: the first section (nothing read yet)


@dataclass(frozen=True)
class UpcomingEvent:
    uid: str
    title: str
    start: dt.date
    end: dt.date
    month_only: bool  # only the month is known (precision "month")
    starred: bool
    own: bool


@dataclass(frozen=True)
class StartPage:
    title: str
    subtitle: str
    intro: str  # the first sentence of the first chapter: what the handbook is, for whom
    chapters: list[ChapterCard]
    resume: ContinueTarget | None
    indicators: ChapterCard | None  # the chapter that holds the indicator lists
    indicator_count: int
    events: list[UpcomingEvent]


def _first_paragraph(markdown_text: str) -> str:
    """The first paragraph of plain prose (no heading, image or ``{{...}}`` line)."""
    for block in re.split(r"\n\s*\n", markdown_text.strip()):
        lines = [line for line in block.splitlines() if not _PLACEHOLDER.match(line)]
        if lines:
            return "\n".join(lines)
    return ""


def shorten(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "…" if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


@lru_cache(maxsize=1024)
def first_sentence(markdown_text: str) -> str:
    """The first sentence of a Markdown text as the reader sees it (markup removed)."""
    paragraph = _first_paragraph(markdown_text)
    if not paragraph:
        return ""
    text = " ".join(plain_text(paragraph).split())
    for end in _SENTENCE_END.finditer(text):
        if text[end.end() :].lstrip(_OPENING)[:1].isupper():
            return shorten(text[: end.start() + 1])
    return shorten(text)


def chapter_cards(pack: Pack, lang: str) -> list[ChapterCard]:
    """Every chapter of the pack, in manifest order, in ``lang`` (else the source language)."""
    cards = []
    for chapter_id in pack.manifest.chapters if pack.manifest else ():
        for code in (lang, pack.source_language):
            edition = pack.edition(code)
            chapter = edition.chapters.get(chapter_id) if edition else None
            if chapter is not None:
                lead = next((s for s in chapter.sections if s.is_chapter_lead), None)
                summary = first_sentence(lead.markdown) if lead else ""
                cards.append(ChapterCard(chapter_id, chapter.title, summary))
                break
    return cards


def indicators_chapter(pack: Pack, cards: list[ChapterCard]) -> ChapterCard | None:
    """The card of the chapter whose text holds the indicator lists (``{{indicators ...}}``)."""
    edition = pack.edition(pack.source_language)
    if edition is None:
        return None
    for card in cards:
        chapter = edition.chapters.get(card.chapter_id)
        if chapter and any(INDICATORS_MARK in s.markdown for s in chapter.sections):
            return card
    return None


def continue_target(
    pack: Pack, lang: str, last_section: str | None, history: list[str]
) -> ContinueTarget | None:
    """The section read last (from the settings, else the history), or the first section."""
    candidates = [last_section or "", *reversed(history)]
    for section_id in candidates:
        section = pack.section(lang, section_id) if section_id else None
        if section is not None:
            return _target(pack, lang, section, resumed=True)
    order = pack.section_order()
    first = pack.section(lang, order[0]) if order else None
    return _target(pack, lang, first, resumed=False) if first else None


def _target(pack: Pack, lang: str, section: Section, resumed: bool) -> ContinueTarget:
    chapter_title = ""
    if not section.is_chapter_lead:
        edition = pack.edition(lang)
        chapter = edition.chapters.get(section.chapter_id) if edition else None
        chapter_title = chapter.title if chapter else ""
    summary = first_sentence(section.markdown)
    return ContinueTarget(section.id, section.title, chapter_title, summary, resumed)


def next_events(
    entries: list[CalendarEntry],
    today: dt.date,
    starred: set[str],
    count: int = NEXT_EVENTS,
) -> list[UpcomingEvent]:
    """The next ``count`` events from today on (one still running today counts), by date."""
    found = occurrences(entries, today, today + dt.timedelta(days=EVENT_HORIZON_DAYS))
    return [
        UpcomingEvent(
            uid=occ.entry.uid,
            title=occ.entry.title,
            start=occ.start,
            end=occ.end,
            month_only=occ.entry.precision == "month",
            starred=occ.entry.uid in starred,
            own=occ.entry.source == "own",
        )
        for occ in found[:count]
    ]


def columns_for_width(width_px: int, zoom_percent: int = 100) -> int:
    """How many card columns fit a page ``width_px`` wide (1 to 3), zoom taken into account."""
    width = width_px * 100 / max(zoom_percent, 1)
    return 1 + sum(width >= threshold for threshold in COLUMN_WIDTHS)


def build_start_page(
    pack: Pack,
    lang: str,
    last_section: str | None,
    history: list[str],
    own_events: list[OwnEvent],
    starred_events: set[str],
    today: dt.date,
) -> StartPage:
    """Everything the start page shows, in the content language ``lang``."""
    edition = pack.edition(lang) or pack.edition(pack.source_language)
    cards = chapter_cards(pack, lang)
    entries = entries_from_pack(pack, lang) + entries_from_own(own_events)
    return StartPage(
        title=pack.title(lang),
        subtitle=edition.subtitle if edition else "",
        intro=cards[0].summary if cards else "",
        chapters=cards,
        resume=continue_target(pack, lang, last_section, history),
        indicators=indicators_chapter(pack, cards),
        indicator_count=len(edition.indicators) if edition else 0,
        events=next_events(entries, today, starred_events),
    )
