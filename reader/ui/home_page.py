"""The start page: the handbook, where you left off, upcoming bookmarked events, chapters."""

from __future__ import annotations

import datetime as dt
import html

from reader.calendar import entries_from_own, entries_from_pack, occurrences
from reader.content.model import Pack
from reader.content.pages import section_link
from reader.i18n import _, format_date_range
from reader.userdata import UserStore

HOME_ID = "home"
UPCOMING_DAYS = 14


def upcoming_bookmarked(
    pack: Pack, store: UserStore, lang: str, today: dt.date
) -> list[tuple[dt.date, dt.date, str, str]]:
    """(start, end, title, chapter link) of bookmarked events in the next 14 days."""
    entries = entries_from_pack(pack, lang) + entries_from_own(store.own_events())
    marked = {b.target_id for b in store.bookmarks("event")}
    chosen = [e for e in entries if e.uid in marked]
    result = []
    for occ in occurrences(chosen, today, today + dt.timedelta(days=UPCOMING_DAYS)):
        result.append((occ.start, occ.end, occ.entry.title, occ.entry.chapter))
    return result


def home_html(pack: Pack, store: UserStore | None, lang: str, last_section: str | None) -> str:
    edition = pack.edition(lang) or pack.edition(pack.source_language)
    parts = [f"<h1>{html.escape(pack.title(lang))}</h1>"]
    if edition and edition.subtitle:
        parts.append(f'<p class="crumb">{html.escape(edition.subtitle)}</p>')
    if last_section and pack.section(lang, last_section):
        section = pack.section(lang, last_section)
        assert section is not None
        label = html.escape(_("Continue reading:"))
        title = html.escape(section.title)
        parts.append(f'<p>{label} <a href="{section_link(last_section)}">{title}</a></p>')
    if store is not None:
        upcoming = upcoming_bookmarked(pack, store, lang, dt.date.today())
        heading = html.escape(_("Your events in the next 14 days"))
        parts.append(f"<h2>{heading}</h2>")
        if upcoming:
            items = []
            for start, end, title, target in upcoming:
                when = html.escape(format_date_range(start, end))
                text = html.escape(title)
                if target:
                    text = f'<a href="{section_link(target)}">{text}</a>'
                items.append(f"<li><b>{when}</b> — {text}</li>")
            parts.append("<ul>" + "".join(items) + "</ul>")
        else:
            hint = _(
                "No bookmarked events in the next 14 days. Star events in the calendar to see them here."  # noqa: E501
            )
            parts.append(f"<p>{html.escape(hint)}</p>")
    chapters_heading = html.escape(_("Chapters"))
    parts.append(f"<h2>{chapters_heading}</h2>")
    items = []
    for chapter_id in pack.manifest.chapters if pack.manifest else ():
        chapter = edition.chapters.get(chapter_id) if edition else None
        if chapter is not None:
            items.append(
                f'<li><a href="{section_link(chapter_id)}">{html.escape(chapter.title)}</a></li>'
            )
    parts.append('<ul class="toc">' + "".join(items) + "</ul>")
    return "\n".join(parts)
