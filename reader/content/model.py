"""The objects a content pack is made of. Plain data, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.content.countries import CountryRecords

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in a pack, located by file and (where known) line."""

    path: Path
    line: int | None
    message: str
    warning: bool = False  # reported, but the pack is still usable as it is

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


@dataclass(frozen=True)
class Manifest:
    path: Path
    format: int
    id: str
    edition: str
    date: dt.date | None
    source_language: str
    languages: tuple[str, ...]
    chapters: tuple[str, ...]


@dataclass
class Section:
    """A part of a chapter with an id shared by all languages.

    The chapter's lead text (before its first ``##`` heading) is a section whose id is the
    chapter id, so that every chapter can be opened like any section.
    """

    id: str
    chapter_id: str
    language: str
    title: str
    markdown: str
    path: Path
    line: int

    @property
    def is_chapter_lead(self) -> bool:
        return self.id == self.chapter_id


@dataclass
class Chapter:
    id: str
    language: str
    title: str
    path: Path
    sections: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Indicator:
    id: str
    category: str
    language: str
    text: str
    explanation: str = ""


@dataclass(frozen=True)
class EventDef:
    """Language-independent facts about an event."""

    id: str
    recurrence: str  # "yearly" or "once"
    chapter: str
    month: int | None = None
    day: int | None = None
    since: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str = "day"


@dataclass(frozen=True)
class EventText:
    title: str
    description: str = ""
    place: str = ""


@dataclass
class LanguageEdition:
    """Everything a pack holds in one language."""

    code: str
    title: str = ""
    subtitle: str = ""
    categories: dict[str, str] = field(default_factory=dict)
    chapters: dict[str, Chapter] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    event_texts: dict[str, EventText] = field(default_factory=dict)

    def sections(self) -> dict[str, Section]:
        return {s.id: s for c in self.chapters.values() for s in c.sections}


@dataclass
class Pack:
    root: Path
    manifest: Manifest | None
    editions: dict[str, LanguageEdition] = field(default_factory=dict)
    events: list[EventDef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    countries: CountryRecords | None = None  # content/countries/ (reader.content.countries)
    _section_index: dict[str, dict[str, Section]] = field(default_factory=dict, repr=False)
    _order: list[str] | None = field(default=None, repr=False)

    @property
    def languages(self) -> list[str]:
        """Languages that loaded, in manifest order."""
        if self.manifest is None:
            return []
        return [code for code in self.manifest.languages if code in self.editions]

    @property
    def source_language(self) -> str:
        return self.manifest.source_language if self.manifest else "en"

    def edition(self, lang: str) -> LanguageEdition | None:
        return self.editions.get(lang)

    def sections_in(self, lang: str) -> dict[str, Section]:
        if lang not in self._section_index:
            edition = self.editions.get(lang)
            self._section_index[lang] = edition.sections() if edition else {}
        return self._section_index[lang]

    def section(self, lang: str, section_id: str) -> Section | None:
        return self.sections_in(lang).get(section_id)

    def languages_with(self, section_id: str) -> list[str]:
        return [lang for lang in self.languages if section_id in self.sections_in(lang)]

    def section_order(self) -> list[str]:
        """All section ids in reading order: the source language's order, then any extras.

        Worked out once (every page opened asks for its neighbours); do not modify the list.
        """
        if self._order is not None:
            return self._order
        order: list[str] = []
        seen: set[str] = set()
        langs = [self.source_language, *self.languages]
        for lang in langs:
            edition = self.editions.get(lang)
            if edition is None or self.manifest is None:
                continue
            for chapter_id in self.manifest.chapters:
                chapter = edition.chapters.get(chapter_id)
                for section in chapter.sections if chapter else []:
                    if section.id not in seen:
                        seen.add(section.id)
                        order.append(section.id)
        self._order = order
        return order

    def chapter_of(self, section_id: str) -> str | None:
        for lang in [self.source_language, *self.languages]:
            section = self.section(lang, section_id)
            if section is not None:
                return section.chapter_id
        return None

    def title(self, lang: str) -> str:
        edition = self.editions.get(lang) or self.editions.get(self.source_language)
        if edition and edition.title:
            return edition.title
        return self.manifest.id if self.manifest else self.root.name
