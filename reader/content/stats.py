"""Word counts of a pack, per chapter and language (for translation checks and the README)."""

from __future__ import annotations

import re

from reader.content.model import Pack
from reader.content.render import INDICATOR_DIRECTIVE

_MARKUP = re.compile(r"\{#[^}]*\}|\]\(#[^)]*\)|[#*_>`\[\]]")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(markdown_text: str) -> int:
    text = INDICATOR_DIRECTIVE.sub(" ", markdown_text)
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


def chapter_word_counts(pack: Pack) -> dict[str, dict[str, int]]:
    """{chapter id: {language: words}} over headings and body text."""
    counts: dict[str, dict[str, int]] = {}
    for lang, edition in pack.editions.items():
        for chapter_id, chapter in edition.chapters.items():
            words = word_count(chapter.title)
            for section in chapter.sections:
                if not section.is_chapter_lead:
                    words += word_count(section.title)
                words += word_count(section.markdown)
            counts.setdefault(chapter_id, {})[lang] = words
    return counts
