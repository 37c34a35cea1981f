"""The start page as HTML for the reading pane, in the colours of the current theme.

What it shows is chosen in reader/start_page.py (no Qt); this module lays it out in the subset
of HTML and CSS that QTextBrowser understands: tables for the card grid (1 to 3 columns, chosen
from the page width), inline colours from reader.themes, one type scale and an 8-pixel grid.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from reader.content.pages import section_link
from reader.i18n import _, format_date_range, format_month_year
from reader.start_page import ChapterCard, StartPage, UpcomingEvent
from reader.themes import Colours

HOME_ID = "home"
START_SCHEME = "start"  # start:calendar, start:checklist, start:event?uid=...
CALENDAR_LINK = f"{START_SCHEME}:calendar"
CHECKLIST_LINK = f"{START_SCHEME}:checklist"

# One type scale, relative to the page's base size (so that zoom scales it: Qt's rich text takes
# CSS size keywords as steps from the default font), and spacing on an 8-pixel grid.
SIZE_TITLE = "xx-large"
SIZE_LEAD = "large"
SIZE_HEADING = "x-large"
SIZE_CARD = "large"
SIZE_SMALL = "small"
GAP = 16  # between cards
PAD = 16  # inside a card


def event_link(uid: str) -> str:
    return f"{START_SCHEME}:event?uid={quote(uid, safe='')}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _link(href: str, text: str, c: Colours, size: str = "", bold: bool = False) -> str:
    style = f"color:{c.link}; text-decoration:none;"
    if size:
        style += f" font-size:{size};"
    if bold:
        style += " font-weight:600;"
    return f'<a href="{_e(href)}" style="{style}">{_e(text)}</a>'


def _label(text: str, c: Colours) -> str:
    """The small accent-coloured line that names a card."""
    return (
        f'<p style="margin:0px 0px 8px 0px; color:{c.link}; font-size:{SIZE_SMALL};'
        f' font-weight:600;">{_e(text)}</p>'
    )


def _muted(text: str, c: Colours, top: int = 8, size: str = "medium") -> str:
    return (
        f'<p style="margin:{top}px 0px 0px 0px; color:{c.muted}; font-size:{size};">{_e(text)}</p>'
    )


def _grid(cells: list[str], columns: int, c: Colours) -> str:
    """Cards in rows of ``columns``, equal widths; the last row is filled with empty cells."""
    width = 100 // columns
    rows = []
    for first in range(0, len(cells), columns):
        row = cells[first : first + columns]
        tds = [
            f'<td width="{width}%" valign="top" bgcolor="{c.alternate_base}"'
            f' style="border:1px solid {c.border}; padding:{PAD}px;">{cell}</td>'
            for cell in row
        ]
        tds += [f'<td width="{width}%"></td>'] * (columns - len(row))
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return (
        f'<table width="100%" cellspacing="{GAP}" cellpadding="0"'
        f' style="border:none; margin:0px;">{"".join(rows)}</table>'
    )


def _heading(text: str, c: Colours) -> str:
    return (
        f'<p style="margin:{3 * 8}px {GAP}px 0px {GAP}px; color:{c.text};'
        f' font-size:{SIZE_HEADING}; font-weight:600;">{_e(text)}</p>'
    )


def _chapter_card(card: ChapterCard, c: Colours) -> str:
    title = _link(section_link(card.chapter_id), card.title, c, SIZE_CARD, bold=True)
    parts = [f'<p style="margin:0px;">{title}</p>']
    if card.summary:
        parts.append(_muted(card.summary, c))
    return "".join(parts)


def _resume_card(page: StartPage, c: Colours) -> str:
    target = page.resume
    if target is None:
        return ""
    label = _("Continue where you left off") if target.resumed else _("Start reading")
    parts = [_label(label, c)]
    parts.append(
        f'<p style="margin:0px;">'
        f"{_link(section_link(target.section_id), target.title, c, SIZE_CARD, bold=True)}</p>"
    )
    if target.chapter_title:
        parts.append(_muted(target.chapter_title, c, top=0, size=SIZE_SMALL))
    if target.summary:
        parts.append(_muted(target.summary, c))
    return "".join(parts)


def _indicators_card(page: StartPage, c: Colours, checklist: bool) -> str:
    card = page.indicators
    if card is None:
        return ""
    parts = [_label(card.title, c)]
    chapter = section_link(card.chapter_id)
    main = (CHECKLIST_LINK, _("Indicators checklist")) if checklist else (chapter, card.title)
    parts.append(f'<p style="margin:0px;">{_link(*main, c, SIZE_CARD, bold=True)}</p>')
    if card.summary:
        parts.append(_muted(card.summary, c))
    if checklist:
        chapter_link = _link(chapter, _("Read the chapter"), c, bold=True)
        parts.append(f'<p style="margin:{PAD}px 0px 0px 0px;">{chapter_link} →</p>')
    return "".join(parts)


def _when(event: UpcomingEvent) -> str:
    if event.month_only:
        return format_month_year(event.start)
    return format_date_range(event.start, event.end)


def _events_card(page: StartPage, c: Colours, calendar: bool) -> str:
    parts = [_label(_("Upcoming events"), c)]
    if not page.events:
        none = _("No events")
        parts.append(f'<p style="margin:0px;">{_e(none)}</p>')
    for number, event in enumerate(page.events):
        star = f'<span style="color:{c.link};">★ </span>' if event.starred else ""
        title = _link(event_link(event.uid), event.title, c) if calendar else _e(event.title)
        top = 0 if number == 0 else 8
        parts.append(
            f'<p style="margin:{top}px 0px 0px 0px; color:{c.muted}; font-size:{SIZE_SMALL};">'
            f"{_e(_when(event))}</p>"
            f'<p style="margin:0px;">{star}{title}</p>'
        )
    if calendar:
        calendar_link = _link(CALENDAR_LINK, _("Calendar"), c, bold=True)
        parts.append(f'<p style="margin:{PAD}px 0px 0px 0px;">{calendar_link} →</p>')
    return "".join(parts)


def start_page_html(
    page: StartPage, c: Colours, columns: int, calendar: bool = True, checklist: bool = True
) -> str:
    """The start page; ``calendar``/``checklist``: whether those panels can be opened."""
    columns = max(1, min(3, columns))
    narrow = columns == 1  # one step down the scale, so that the title fits a narrow page
    header = [
        f'<p style="margin:{GAP}px {GAP}px 0px {GAP}px; color:{c.text};'
        f' font-size:{SIZE_HEADING if narrow else SIZE_TITLE}; font-weight:600;">'
        f"{_e(page.title)}</p>"
    ]
    if page.subtitle:
        header.append(
            f'<p style="margin:8px {GAP}px 0px {GAP}px; color:{c.muted};'
            f' font-size:{"medium" if narrow else SIZE_LEAD};">{_e(page.subtitle)}</p>'
        )
    if page.intro:
        header.append(
            f'<p style="margin:{GAP}px {GAP}px 0px {GAP}px; color:{c.text};">{_e(page.intro)}</p>'
        )
    overview = [
        cell
        for cell in (
            _resume_card(page, c),
            _indicators_card(page, c, checklist),
            _events_card(page, c, calendar),
        )
        if cell
    ]
    chapters = [_chapter_card(card, c) for card in page.chapters]
    chapters_heading = _("Chapters")
    return (
        f'<body style="color:{c.text}; background-color:{c.base};">'
        + "".join(header)
        + f'<div style="margin-top:8px;">{_grid(overview, columns, c)}</div>'
        + _heading(chapters_heading, c)
        + _grid(chapters, columns, c)
        + "</body>"
    )
