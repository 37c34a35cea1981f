"""Read a content pack from disk into :class:`~reader.content.model.Pack`.

Loading never raises for bad content: each problem is recorded with its file and line, and
whatever is valid is kept, so the window can still open with the rest of the pack. Checks that
compare languages with each other live in :mod:`reader.content.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from reader.content.countries import load_countries
from reader.content.model import (
    ID_PATTERN,
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

FRONT_MATTER_KEYS = ("id", "title")
SECTION_HEADING = re.compile(r"^##(?!#)\s*(?P<title>.*?)\s*(?:\{#(?P<id>[^}\s]*)\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
RAW_HTML = re.compile(r"<(?!https?:|mailto:)/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_TOML_LINE = re.compile(r"line (\d+)")


class _Reporter:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message))


def read_text(path: Path, report: _Reporter) -> str | None:
    """The file's text, or None with a problem recorded (missing, unreadable, not UTF-8)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.add(path, None, "file is missing")
        return None
    except OSError as exc:
        report.add(path, None, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        report.add(path, line, f"invalid UTF-8 (byte {exc.start}); save the file as UTF-8")
        return None


def read_toml(path: Path, report: _Reporter) -> dict[str, Any] | None:
    text = read_text(path, report)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else text.rstrip("\n").count("\n") + 1
        report.add(path, line, f"malformed TOML: {exc}")
        return None


def _str_list(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def load_manifest(root: Path, report: _Reporter) -> Manifest | None:
    path = root / "manifest.toml"
    if not root.is_dir():
        report.add(root, None, "content folder is missing or not a folder")
        return None
    raw = read_toml(path, report)
    if raw is None:
        return None
    ok = True
    for key, kind in (("id", str), ("edition", str), ("source_language", str)):
        if not isinstance(raw.get(key), kind):
            report.add(path, None, f"manifest key {key!r} is missing or not text")
            ok = False
    languages = _str_list(raw.get("languages"))
    chapters = _str_list(raw.get("chapters"))
    if not languages:
        report.add(path, None, "manifest key 'languages' must be a non-empty list of codes")
        ok = False
    if not chapters:
        report.add(path, None, "manifest key 'chapters' must be a non-empty list of ids")
        ok = False
    fmt = raw.get("format", 1)
    if fmt != 1:
        report.add(path, None, f"unsupported pack format {fmt!r} (this app reads format 1)")
        ok = False
    date = raw.get("date")
    if date is not None and not isinstance(date, dt.date):
        report.add(path, None, "manifest key 'date' must be a date such as 2026-11-27")
        date = None
    if not ok or languages is None or chapters is None:
        return None
    for chapter_id in chapters:
        if not ID_PATTERN.match(chapter_id):
            report.add(path, None, f"chapter id {chapter_id!r} is not a valid id")
    for dup in sorted({c for c in chapters if chapters.count(c) > 1}):
        report.add(path, None, f"chapter {dup!r} is listed more than once")
    if raw["source_language"] not in languages:
        report.add(path, None, "source_language is not one of the languages")
    return Manifest(
        path=path,
        format=1,
        id=raw["id"],
        edition=raw["edition"],
        date=date,
        source_language=raw["source_language"],
        languages=languages,
        chapters=tuple(dict.fromkeys(chapters)),
    )


def parse_front_matter(
    text: str, path: Path, report: _Reporter
) -> tuple[dict[str, str], list[str], int]:
    """Split ``---`` front matter from the body; returns (keys, body lines, first body line)."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    if not lines or lines[0].strip() != "---":
        report.add(path, 1, "front matter missing: the file must start with a '---' line")
        return meta, lines, 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return meta, lines[number:], number + 1
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep:
            report.add(path, number, f"front matter line is not 'key: value': {line!r}")
        elif key not in FRONT_MATTER_KEYS:
            report.add(path, number, f"unknown front-matter key {key!r} (allowed: id, title)")
        elif key in meta:
            report.add(path, number, f"front-matter key {key!r} appears twice")
        else:
            meta[key] = value.strip()
    report.add(path, 1, "front matter is not closed with a '---' line")
    return meta, [], len(lines) + 1


def parse_chapter(chapter_id: str, lang: str, path: Path, report: _Reporter) -> Chapter | None:
    text = read_text(path, report)
    if text is None:
        return None
    meta, body, first_line = parse_front_matter(text, path, report)
    if meta.get("id") not in (None, chapter_id):
        report.add(path, 2, f"front-matter id {meta['id']!r} does not match the file name")
    title = meta.get("title", "")
    if not title:
        report.add(path, 1, "front matter has no title")
        title = chapter_id
    chapter = Chapter(id=chapter_id, language=lang, title=title, path=path)
    current = Section(chapter_id, chapter_id, lang, title, "", path, first_line)
    buffer: list[str] = []
    in_fence = False

    def close() -> None:
        current.markdown = "\n".join(buffer).strip("\n")
        chapter.sections.append(current)

    for offset, line in enumerate(body):
        number = first_line + offset
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence:
            for match in RAW_HTML.finditer(line):
                report.add(path, number, f"raw HTML is not allowed: {match.group(0)[:40]!r}")
            heading = SECTION_HEADING.match(line)
            if heading:
                section_id = heading.group("id")
                heading_title = heading.group("title")
                if not section_id:
                    report.add(path, number, "section heading has no id: add {#chapter-topic}")
                    buffer.append(line)
                    continue
                if not ID_PATTERN.match(section_id):
                    report.add(path, number, f"section id {section_id!r} is not a valid id")
                if not heading_title:
                    report.add(path, number, f"section {section_id!r} has no title")
                close()
                current = Section(
                    section_id, chapter_id, lang, heading_title or section_id, "", path, number
                )
                buffer = []
                continue
        buffer.append(line)
    close()
    seen: set[str] = set()
    for section in chapter.sections:
        if section.id in seen:
            report.add(path, section.line, f"duplicate section id {section.id!r}")
        seen.add(section.id)
    return chapter


def _toml_str(table: dict[str, Any], key: str) -> str:
    value = table.get(key, "")
    return value if isinstance(value, str) else ""


def load_indicators(lang: str, path: Path, report: _Reporter) -> list[Indicator]:
    raw = read_toml(path, report)
    if raw is None:
        return []
    items = raw.get("indicator", [])
    if not isinstance(items, list):
        report.add(path, None, "'indicator' must be an array of tables ([[indicator]])")
        return []
    result: list[Indicator] = []
    for position, item in enumerate(items, start=1):
        where = f"indicator #{position}"
        if not isinstance(item, dict):
            report.add(path, None, f"{where} is not a table")
            continue
        ident, category, text = (_toml_str(item, k) for k in ("id", "category", "text"))
        if not ID_PATTERN.match(ident):
            report.add(path, None, f"{where} has a missing or invalid id {ident!r}")
            continue
        if not category or not text:
            report.add(path, None, f"indicator {ident!r} needs a category and a text")
            continue
        unknown = set(item) - {"id", "category", "text", "explanation"}
        if unknown:
            report.add(path, None, f"indicator {ident!r} has unknown keys: {sorted(unknown)}")
        result.append(Indicator(ident, category, lang, text, _toml_str(item, "explanation")))
    return result


def load_event_texts(path: Path, report: _Reporter) -> dict[str, EventText]:
    raw = read_toml(path, report)
    if raw is None:
        return {}
    texts: dict[str, EventText] = {}
    for ident, table in raw.items():
        if not isinstance(table, dict) or not _toml_str(table, "title"):
            report.add(path, None, f"event {ident!r} needs a table with a title")
            continue
        unknown = set(table) - {"title", "description", "place"}
        if unknown:
            report.add(path, None, f"event {ident!r} has unknown keys: {sorted(unknown)}")
        texts[ident] = EventText(
            _toml_str(table, "title"), _toml_str(table, "description"), _toml_str(table, "place")
        )
    return texts


def _event_def(item: dict[str, Any], path: Path, report: _Reporter) -> EventDef | None:
    ident = _toml_str(item, "id")
    if not ID_PATTERN.match(ident):
        report.add(path, None, f"event with invalid id {ident!r}")
        return None
    recurrence = item.get("recurrence")
    chapter = _toml_str(item, "chapter")
    if recurrence == "yearly":
        month, day = item.get("month"), item.get("day")
        if not isinstance(month, int) or not isinstance(day, int):
            report.add(path, None, f"yearly event {ident!r} needs a month and a day")
            return None
        try:
            dt.date(2000, month, day)  # a leap year accepts 29 February
        except ValueError:
            report.add(path, None, f"event {ident!r} has an impossible date {month}-{day}")
            return None
        since = item.get("since")
        return EventDef(
            ident, "yearly", chapter, month, day, since if isinstance(since, int) else None
        )
    if recurrence == "once":
        start, end = item.get("start"), item.get("end")
        if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
            report.add(path, None, f"event {ident!r} needs a start date such as 2017-10-12")
            return None
        if end is not None and (not isinstance(end, dt.date) or end < start):
            report.add(path, None, f"event {ident!r} has an end before its start")
            end = None
        precision = item.get("precision", "day")
        if precision not in ("day", "month"):
            report.add(path, None, f"event {ident!r}: precision must be 'day' or 'month'")
            precision = "day"
        return EventDef(ident, "once", chapter, start=start, end=end, precision=precision)
    report.add(path, None, f"event {ident!r}: recurrence must be 'yearly' or 'once'")
    return None


def load_events(path: Path, report: _Reporter) -> list[EventDef]:
    if not path.exists():
        return []
    raw = read_toml(path, report)
    if raw is None:
        return []
    items = raw.get("event", [])
    if not isinstance(items, list):
        report.add(path, None, "'event' must be an array of tables ([[event]])")
        return []
    events = []
    for item in items:
        event = _event_def(item, path, report) if isinstance(item, dict) else None
        if event is not None:
            events.append(event)
    return events


def load_edition(root: Path, manifest: Manifest, lang: str, report: _Reporter) -> LanguageEdition:
    folder = root / lang
    edition = LanguageEdition(code=lang)
    pack_meta = read_toml(folder / "pack.toml", report) or {}
    edition.title = _toml_str(pack_meta, "title")
    edition.subtitle = _toml_str(pack_meta, "subtitle")
    categories = pack_meta.get("indicator_categories", {})
    if isinstance(categories, dict):
        edition.categories = {k: v for k, v in categories.items() if isinstance(v, str)}
    for chapter_id in manifest.chapters:
        chapter = parse_chapter(chapter_id, lang, folder / f"{chapter_id}.md", report)
        if chapter is not None:
            edition.chapters[chapter_id] = chapter
    for extra in sorted(folder.glob("*.md")):
        if extra.stem not in manifest.chapters:
            report.add(extra, None, "chapter file is not listed in manifest.toml")
    indicators_path = folder / "indicators.toml"
    if indicators_path.exists() or "indicators" in manifest.chapters:
        edition.indicators = load_indicators(lang, indicators_path, report)
    events_path = folder / "events.toml"
    if events_path.exists() or (root / "events.toml").exists():
        edition.event_texts = load_event_texts(events_path, report)
    return edition


def load_pack(root: Path) -> Pack:
    """Load the pack in ``root``; problems are collected in ``Pack.problems``."""
    report = _Reporter()
    manifest = load_manifest(root, report)
    pack = Pack(root=root, manifest=manifest)
    if manifest is not None:
        for lang in manifest.languages:
            if not (root / lang).is_dir():
                report.add(root / lang, None, f"language folder for {lang!r} is missing")
                continue
            pack.editions[lang] = load_edition(root, manifest, lang, report)
        pack.events = load_events(root / "events.toml", report)
        pack.countries = load_countries(root, pack.languages)
        report.problems.extend(pack.countries.problems)
    pack.problems = report.problems
    return pack
