"""Whole reader pages: a section with its chapter, title, body and a link to the next section."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import PurePosixPath

from reader.content.country_box import box_html, sources_list_html
from reader.content.model import Pack, Section
from reader.content.render import INTERNAL_SCHEME, markdown_to_html
from reader.i18n import _, language_in_sentence, language_name


@dataclass(frozen=True)
class Page:
    section_id: str
    language: str
    title: str
    html: str
    available: bool


def section_link(section_id: str, lang: str | None = None) -> str:
    suffix = f"?lang={lang}" if lang else ""
    return f"{INTERNAL_SCHEME}:{section_id}{suffix}"


def _anchor(href: str, text: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def neighbours(pack: Pack, section_id: str) -> tuple[str | None, str | None]:
    order = pack.section_order()
    if section_id not in order:
        return None, None
    index = order.index(section_id)
    before = order[index - 1] if index > 0 else None
    after = order[index + 1] if index + 1 < len(order) else None
    return before, after


def render_page(pack: Pack, lang: str, section_id: str, country: str = "") -> Page:
    """The page for ``section_id`` in ``lang``, or a notice pointing to languages that have it.

    ``country`` (a code such as "LV") adds that country's box where the pack places one.
    """
    section = pack.section(lang, section_id)
    edition = pack.edition(lang)
    if section is None or edition is None:
        return _missing_page(pack, lang, section_id)
    body = _body_html(pack, lang, section)
    chapter = edition.chapters[section.chapter_id]
    parts: list[str] = []
    if section.is_chapter_lead:
        parts.append(f"<h1>{html.escape(chapter.title)}</h1>")
    else:
        parts.append(
            f'<p class="crumb">{_anchor(section_link(chapter.id), chapter.title)}</p>'
            f"<h1>{html.escape(section.title)}</h1>"
        )
    parts.append(body)
    parts.append(box_html(pack.countries, country, section_id, lang))
    if pack.countries is not None and section_id == pack.countries.sources_section:
        parts.append(sources_list_html(pack.countries, lang))
    if section.is_chapter_lead and len(chapter.sections) > 1:
        items = "".join(
            f"<li>{_anchor(section_link(s.id), s.title)}</li>" for s in chapter.sections[1:]
        )
        heading = html.escape(_("In this chapter"))
        parts.append(f'<h2>{heading}</h2><ul class="toc">{items}</ul>')
    after = neighbours(pack, section_id)[1]
    following = pack.section(lang, after) if after else None
    if following is not None:
        label = html.escape(_("Next:"))
        link = _anchor(section_link(following.id), following.title)
        parts.append(f'<hr><p class="next">{label} {link}</p>')
    title = chapter.title if section.is_chapter_lead else section.title
    return Page(section_id, lang, title, "\n".join(parts), True)


def _body_html(pack: Pack, lang: str, section: Section) -> str:
    edition = pack.edition(lang)
    indicators = edition.indicators if edition is not None else []
    known = {i for code in pack.languages for i in pack.sections_in(code)}
    anchors = {f"indicator-{i.id}" for i in indicators}
    return markdown_to_html(
        section.markdown,
        lambda target: target in known or target in anchors,
        PurePosixPath(lang),
        indicators,
    )


def section_content(pack: Pack, lang: str, section_id: str) -> tuple[str, str] | None:
    """A section's title and body HTML without the reader's page furniture (for slides)."""
    section = pack.section(lang, section_id)
    if section is None or pack.edition(lang) is None:
        return None
    return section.title, _body_html(pack, lang, section)


def _missing_page(pack: Pack, lang: str, section_id: str) -> Page:
    others = pack.languages_with(section_id)
    title = section_id
    for code in [pack.source_language, *others]:
        found = pack.section(code, section_id)
        if found is not None:
            title = found.title
            break
    notice = _("This section is not available in {language}.").format(
        language=language_in_sentence(lang)
    )
    parts = [f"<h1>{html.escape(title)}</h1>", f'<p class="notice">{html.escape(notice)}</p>']
    if others:
        links = ", ".join(
            _anchor(section_link(section_id, code), language_name(code)) for code in others
        )
        label = html.escape(_("Read it in:"))
        parts.append(f"<p>{label} {links}</p>")
    return Page(section_id, lang, title, "\n".join(parts), False)
