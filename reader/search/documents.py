"""What gets indexed: every section, indicator and event of a pack, as plain text per language."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from reader.content.model import Pack
from reader.content.render import INDICATOR_DIRECTIVE, markdown_to_html

KINDS = ("section", "indicator", "event")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|blockquote|pre)>|<br\s*/?>", re.I)
_SPACES = re.compile(r"[ \t]+")
_SUB_HEADING = re.compile(r"^#{3,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SearchDoc:
    key: str  # unique in a language: "section:definition-means", "indicator:labour-fines"
    kind: str
    lang: str
    section_id: str  # the section that opens when the hit is chosen
    chapter_id: str
    title: str
    text: str
    anchor: str = ""  # an anchor inside the section page (indicators)
    headings: str = ""  # sub-headings inside the section: they weigh like the title


def sub_headings(markdown_text: str) -> str:
    return "\n".join(match.group(1) for match in _SUB_HEADING.finditer(markdown_text))


def html_to_text(fragment: str) -> str:
    text = _BLOCK_END.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def documents(pack: Pack, lang: str) -> list[SearchDoc]:
    edition = pack.edition(lang)
    if edition is None or pack.manifest is None:
        return []
    docs: list[SearchDoc] = []
    category_section: dict[str, str] = {}
    for chapter_id in pack.manifest.chapters:
        chapter = edition.chapters.get(chapter_id)
        if chapter is None:
            continue
        for section in chapter.sections:
            for match in INDICATOR_DIRECTIVE.finditer(section.markdown):
                category_section.setdefault(match.group(1), section.id)
            body = html_to_text(
                markdown_to_html(
                    section.markdown, lambda _target: True, indicators=edition.indicators
                )
            )
            title = chapter.title if section.is_chapter_lead else section.title
            docs.append(
                SearchDoc(
                    f"section:{section.id}",
                    "section",
                    lang,
                    section.id,
                    chapter_id,
                    title,
                    body,
                    headings=sub_headings(section.markdown),
                )
            )
    for indicator in edition.indicators:
        target = category_section.get(indicator.category, "indicators")
        docs.append(
            SearchDoc(
                f"indicator:{indicator.id}",
                "indicator",
                lang,
                target,
                pack.chapter_of(target) or "indicators",
                indicator.text,
                indicator.explanation,
                anchor=f"indicator-{indicator.id}",
            )
        )
    for event in pack.events:
        texts = edition.event_texts.get(event.id)
        if texts is None:
            continue
        target = event.chapter or pack.section_order()[0]
        body = "\n".join(part for part in (texts.description, texts.place) if part)
        docs.append(
            SearchDoc(
                f"event:{event.id}",
                "event",
                lang,
                target,
                pack.chapter_of(target) or target,
                texts.title,
                body,
            )
        )
    return docs
