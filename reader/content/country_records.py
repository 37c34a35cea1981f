"""The data of country records (see :mod:`reader.content.countries`): facts, texts, sources.

Plain data, no I/O and no Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reader.content.model import Problem

FOLDER = "countries"
BOXES_FILE = "boxes.toml"
FORMAT = 1
#: The handbook's countries, in the handbook's order (ISO 3166-1 alpha-2).
COUNTRIES: tuple[str, ...] = ("DK", "EE", "FI", "DE", "IS", "LV", "LT", "NO", "PL", "RU", "SE")
#: The content languages in which a country's own edition is read; its texts must exist there.
NATIONAL_LANGUAGES: dict[str, tuple[str, ...]] = {
    "DK": ("da",),
    "EE": ("et",),
    "FI": ("fi", "sv"),
    "DE": ("de",),
    "IS": ("is",),
    "LV": ("lv",),
    "LT": ("lt",),
    "NO": ("nb",),
    "PL": ("pl",),
    "RU": ("ru",),
    "SE": ("sv",),
}
#: A fact that is not confirmed yet; accepted by the validator, shown as such in the box.
TO_CONFIRM = "to confirm"
#: ``days`` of a reflection period that the law does not provide.
NONE_IN_LAW = "none"
#: Each fact: the keys it must have (besides ``source``). Order is the box's order.
FACTS: dict[str, tuple[str, ...]] = {
    "law": ("name", "name_en", "article", "article_en"),
    "identification": (),
    "referral": ("name", "name_en"),
    "hotline": ("name", "name_en", "number"),
    "emergency": ("number",),
    "reflection": ("days",),
    "residence": (),
    "guardianship": ("name", "name_en"),
    "municipality": (),
    "police": ("only_with_consent",),
}
#: Keys a fact may have: ``hotline.card_number`` is the number the card gives a possible victim
#: where the hotline is a line for professionals (then usually the emergency number).
OPTIONAL_KEYS: dict[str, tuple[str, ...]] = {"hotline": ("card_number",)}
#: ``police.only_with_consent``: true where a card may say that the person will not be sent to
#: the police without being asked; false, or "to confirm", and the police card is not shown.
POLICE_CARD_FACT = ("police", "only_with_consent")
#: Texts per language: ``summary`` (two sentences on the law) in every language of the pack,
#: the others in English and the country's own languages (elsewhere the box shows English).
TEXTS: tuple[str, ...] = ("summary", "identification", "reflection", "residence", "municipality")
EVERY_LANGUAGE_TEXTS = ("summary",)
REVIEW_KEYS = ("checked", "to_confirm")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    checked: dt.date | None
    line: int | None = None


@dataclass
class Fact:
    name: str
    values: dict[str, str | int]
    sources: tuple[str, ...]
    line: int | None = None

    def unconfirmed(self) -> list[str]:
        return [key for key, value in self.values.items() if value == TO_CONFIRM]


@dataclass
class CountryRecord:
    code: str
    path: Path
    facts: dict[str, Fact] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> text key -> text
    sources: dict[str, Source] = field(default_factory=dict)
    review: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # "referral.name_en", "text.lv.summary"
    unreadable: str = ""  # why the file could not be read at all

    def value(self, fact: str, key: str) -> str | int | None:
        found = self.facts.get(fact)
        return found.values.get(key) if found else None

    def police_card_allowed(self) -> bool:
        """True only where the record says so; false or not confirmed means no police card."""
        return self.value(*POLICE_CARD_FACT) is True

    def text(self, key: str, lang: str) -> tuple[str, str] | None:
        """(text, language it is in): ``lang``'s, else English, else None."""
        for code in (lang, "en"):
            text = self.texts.get(code, {}).get(key)
            if text:
                return text, code
        return None

    def checked(self) -> dt.date | None:
        """The oldest date on which one of the record's sources was checked."""
        dates = [s.checked for s in self.sources.values() if s.checked is not None]
        return min(dates) if dates else None

    def sources_of(self, fact: str) -> list[Source]:
        found = self.facts.get(fact)
        if found is None:
            return []
        return [self.sources[i] for i in found.sources if i in self.sources]


@dataclass
class CountryRecords:
    folder: Path
    records: dict[str, CountryRecord] = field(default_factory=dict)
    boxes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # section id -> facts
    boxes_line: dict[str, int] = field(default_factory=dict)
    sources_section: str = ""  # where the sources chapter lists every record's sources
    problems: list[Problem] = field(default_factory=list)

    def facts_for(self, section_id: str) -> tuple[str, ...]:
        return self.boxes.get(section_id, ())


def country_from_locale(name: str) -> str | None:
    """The handbook country of a locale name: ``lv_LV`` and ``ru_LV`` -> LV, ``en_GB`` -> None."""
    base = name.replace("-", "_").split(".")[0].split("@")[0]
    parts = base.split("_")
    territory = parts[1].upper() if len(parts) > 1 else ""
    return territory if territory in COUNTRIES else None
