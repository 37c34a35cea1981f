"""Content packs: loading, validation and rendering. No Qt here."""

from reader.content.loader import load_pack
from reader.content.model import (
    Chapter,
    EventDef,
    EventText,
    Indicator,
    LanguageEdition,
    Manifest,
    Pack,
    Problem,
    Section,
)

__all__ = [
    "Chapter",
    "EventDef",
    "EventText",
    "Indicator",
    "LanguageEdition",
    "Manifest",
    "Pack",
    "Problem",
    "Section",
    "load_pack",
]
