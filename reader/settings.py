"""Application settings: declared once with type and default, stored as JSON, migrated by version.

The file is written atomically (temporary file, then rename), so a crash while saving never leaves
a half-written settings file. A damaged file or a value of the wrong type falls back to the default
for that value and is reported, never raised.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from reader.atomic_files import write_atomically

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
ZOOM_DEFAULT = 100
ZOOM_MIN = 50
ZOOM_MAX = 300
PRESENT_TEXT_DEFAULT = 100  # the same limits as reader.present.style
PRESENT_TEXT_MIN = 50
PRESENT_TEXT_MAX = 250
UI_TEXT_SIZES = (100, 125, 150, 200)  # View > Interface text size, percent of the system font


@dataclass
class Settings:
    """Every setting the app keeps between runs. Empty strings mean "not chosen yet"."""

    ui_language: str = ""
    content_language: str = ""
    last_section: str = ""
    zoom_percent: int = ZOOM_DEFAULT
    window_geometry: str = ""
    window_state: str = ""
    history: list[str] = field(default_factory=list)
    # Presentation mode (reader/present): theme key, text size, screen name, second language.
    present_theme: str = "light"
    present_text_percent: int = PRESENT_TEXT_DEFAULT
    present_screen: str = ""
    present_second_language: str = ""
    seen_pack_identity: str = ""  # edition whose "what changed" was shown (content.changes)
    theme: str = "system"  # View > Theme: system, light, dark or contrast (reader.themes)
    checklist_id: str = ""  # the checklist shown last (reader.userdata.checklists)
    checklist_second_language: str = ""  # shown side by side with it; "" for none
    note_open: bool = False  # the note strip under the page shows its editor
    ui_text_percent: int = 100  # View > Interface text size: one of UI_TEXT_SIZES
    my_country: str = ""  # View > My country: a code (LV), "none", or "" = not chosen yet
    card_print_languages: list[str] = field(default_factory=list)  # File > Print cards…
    card_language: str = ""  # View > Show to the person: the card language chosen last

    def clamp(self) -> None:
        self.zoom_percent = max(ZOOM_MIN, min(ZOOM_MAX, self.zoom_percent))
        self.present_text_percent = max(
            PRESENT_TEXT_MIN, min(PRESENT_TEXT_MAX, self.present_text_percent)
        )
        if self.ui_text_percent not in UI_TEXT_SIZES:  # the nearest offered size
            self.ui_text_percent = min(UI_TEXT_SIZES, key=lambda p: abs(p - self.ui_text_percent))


# Each migration takes the raw dict of version N and returns version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _migrate(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("version", SETTINGS_VERSION)
    if not isinstance(version, int):
        version = SETTINGS_VERSION
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    raw["version"] = SETTINGS_VERSION
    return raw


def from_dict(raw: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Build settings from a parsed file; returns the settings and what was wrong in the file."""
    raw = _migrate(dict(raw))
    settings = Settings()
    problems: list[str] = []
    for spec in fields(Settings):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        default = getattr(settings, spec.name)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(
            value, type(default)
        ):
            problems.append(f"setting {spec.name!r} has the wrong type; using the default")
            continue
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            problems.append(f"setting {spec.name!r} has the wrong type; using the default")
            continue
        setattr(settings, spec.name, value)
    settings.clamp()
    return settings, problems


def to_dict(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = {"version": SETTINGS_VERSION}
    for spec in fields(Settings):
        data[spec.name] = getattr(settings, spec.name)
    return data


class SettingsStore:
    """Loads and saves :class:`Settings` in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []

    def load(self) -> Settings:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Settings()
        except (OSError, UnicodeDecodeError) as exc:
            self.problems = [f"{self.path}: cannot read settings ({exc}); using defaults"]
            log.warning(self.problems[0])
            return Settings()
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problems = [f"{self.path}:{exc.lineno}: settings file is damaged; using defaults"]
            log.warning(self.problems[0])
            return Settings()
        if not isinstance(raw, dict):
            self.problems = [f"{self.path}: settings file is not an object; using defaults"]
            return Settings()
        settings, problems = from_dict(raw)
        self.problems = [f"{self.path}: {problem}" for problem in problems]
        for problem in self.problems:
            log.warning(problem)
        return settings

    def save(self, settings: Settings) -> None:
        payload = json.dumps(to_dict(settings), indent=2, ensure_ascii=False)
        write_atomically(self.path, payload.encode("utf-8"))
