"""Country records: one structured file per country, from which the country boxes are made.

``content/countries/<CODE>.toml`` holds one country's facts (law, referral body, hotline,
reflection period, guardianship body...), each with its sources, and the texts that explain
them in the reader's language; ``content/countries/boxes.toml`` says which facts appear in which
section. The format is in docs/PACK_FORMAT.md ("Country records").

Loading never raises: every problem is a :class:`~reader.content.model.Problem` with the file,
the line and the country, and whatever is valid is kept, so a box can show what it has and say
what is missing. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.content.country_records import (
    BOXES_FILE,
    COUNTRIES,
    EVERY_LANGUAGE_TEXTS,
    FACTS,
    FOLDER,
    FORMAT,
    NATIONAL_LANGUAGES,
    NONE_IN_LAW,
    OPTIONAL_KEYS,
    REVIEW_KEYS,
    TEXTS,
    TO_CONFIRM,
    CountryRecord,
    CountryRecords,
    Fact,
    Source,
    country_from_locale,
)
from reader.content.model import Problem

__all__ = [
    "COUNTRIES",
    "TO_CONFIRM",
    "CountryRecord",
    "CountryRecords",
    "check_box_places",
    "country_from_locale",
    "load_countries",
    "read_record",
]

_TOP_KEYS = {"format", "country", "review", "source", "text", *FACTS}
_SOURCE_KEYS = {"id", "title", "url", "checked"}
_HEADER = re.compile(r"^\s*\[(\[)?\s*([A-Za-z0-9_.\-\"]+)\s*\]")
_KEY = re.compile(r'^\s*"?([A-Za-z0-9_\-]+)"?\s*=')


class _Lines:
    """Where tables and keys are in a TOML file (tomllib gives no positions)."""

    def __init__(self, text: str) -> None:
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        arrays: dict[str, int] = {}
        current = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                name = header.group(2).replace('"', "")
                if header.group(1):  # [[source]]: the n-th one is "source#n"
                    index = arrays.get(name, 0)
                    arrays[name] = index + 1
                    name = f"{name}#{index}"
                current = name
                self.tables.setdefault(name, number)
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault((current, key.group(1)), number)

    def of(self, table: str, key: str | None = None) -> int | None:
        if key is not None and (table, key) in self.keys:
            return self.keys[(table, key)]
        return self.tables.get(table)


def _line_in_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


class _RecordReader:
    def __init__(self, path: Path, code: str, languages: Sequence[str]) -> None:
        self.path = path
        self.code = code
        self.languages = languages
        self.problems: list[Problem] = []
        self.record = CountryRecord(code, path)
        self.lines = _Lines("")

    def problem(self, line: int | None, message: str, warning: bool = False) -> None:
        self.problems.append(Problem(self.path, line, f"country {self.code}: {message}", warning))

    def missing(self, line: int | None, name: str, message: str = "") -> None:
        self.record.missing.append(name)
        self.problem(line, message or f"field {name!r} is missing")

    def read(self) -> CountryRecord:
        try:
            text = self.path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError) as error:
            self.record.unreadable = f"cannot be read: {error}"
            self.problem(None, self.record.unreadable)
            return self.record
        except tomllib.TOMLDecodeError as error:
            self.record.unreadable = f"is not valid TOML: {error}"
            self.problem(_line_in_message(str(error)), self.record.unreadable)
            return self.record
        self.lines = _Lines(text)
        self._top(data)
        self._sources(data.get("source", []))
        for name, keys in FACTS.items():
            self._fact(name, keys, data.get(name))
        self._texts(data.get("text", {}))
        self._review(data.get("review"))
        self._source_use()
        return self.record

    def _top(self, data: dict[str, Any]) -> None:
        for key in data:
            if key not in _TOP_KEYS:
                self.problem(self.lines.of(key) or self.lines.of("", key), f"unknown key {key!r}")
        if data.get("format", FORMAT) != FORMAT:
            self.problem(self.lines.of("", "format"), f"format must be {FORMAT}")
        country = data.get("country")
        if country is None:
            self.missing(None, "country")
        elif country != self.code:
            self.problem(
                self.lines.of("", "country"),
                f"'country' is {country!r} but the file is named {self.path.name}",
            )

    def _sources(self, items: Any) -> None:
        if not isinstance(items, list):
            self.problem(self.lines.of("source"), "'source' must be an array of tables [[source]]")
            return
        for index, item in enumerate(items):
            table = f"source#{index}"
            line = self.lines.of(table)
            if not isinstance(item, dict):
                self.problem(line, f"source #{index + 1} is not a table")
                continue
            ident = item.get("id")
            if not isinstance(ident, str) or not ident.strip():
                self.problem(line, f"source #{index + 1} has no id")
                continue
            where = f"source {ident!r}"
            line = self.lines.of(table, "id") or line
            for key in sorted(set(item) - _SOURCE_KEYS):
                self.problem(self.lines.of(table, key), f"{where} has an unknown key {key!r}")
            if ident in self.record.sources:
                self.problem(line, f"{where} is listed twice")
            for key in ("title", "url"):
                if not _is_text(item.get(key)):
                    self.problem(line, f"{where} has no {key}")
            url = item.get("url", "")
            if _is_text(url) and not str(url).startswith(("https://", "http://")):
                self.problem(self.lines.of(table, "url"), f"{where}: url must start with https://")
            checked = item.get("checked")
            if checked is None:
                self.problem(line, f"{where} has no date checked (checked = 2026-12-07)")
            elif not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
                self.problem(
                    self.lines.of(table, "checked"),
                    f"{where}: checked must be a date such as 2026-12-07, not {checked!r}",
                )
                checked = None
            self.record.sources[ident] = Source(
                ident, str(item.get("title", "")), str(item.get("url", "")), checked, line
            )

    def _fact(self, name: str, keys: tuple[str, ...], table: Any) -> None:
        line = self.lines.of(name)
        if table is None:
            self.missing(None, name, f"fact {name!r} is missing (add a [{name}] table)")
            return
        if not isinstance(table, dict):
            self.problem(line, f"{name!r} must be a table [{name}]")
            self.record.missing.append(name)
            return
        values: dict[str, str | int] = {}
        for key in keys:
            value = table.get(key)
            if key == "days" and (
                (isinstance(value, int) and not isinstance(value, bool) and value > 0)
                or value in (TO_CONFIRM, NONE_IN_LAW)
            ):
                values[key] = value
            elif key == "days" and value is not None:
                self.problem(
                    self.lines.of(name, key),
                    f"'{name}.days' must be a number of days, {NONE_IN_LAW!r} or {TO_CONFIRM!r}",
                )
                self.record.missing.append(f"{name}.{key}")
            elif key == "only_with_consent" and (isinstance(value, bool) or value == TO_CONFIRM):
                values[key] = value
            elif key == "only_with_consent" and value is not None:
                self.problem(
                    self.lines.of(name, key),
                    f"'{name}.{key}' must be true, false or {TO_CONFIRM!r}",
                )
                self.record.missing.append(f"{name}.{key}")
            elif key != "days" and _is_text(value):
                values[key] = str(value).strip()
            else:
                self.missing(line, f"{name}.{key}")
        optional = OPTIONAL_KEYS.get(name, ())
        for key in optional:
            value = table.get(key)
            if _is_text(value):
                values[key] = str(value).strip()
            elif value is not None:
                self.problem(self.lines.of(name, key), f"'{name}.{key}' must be a text")
        for key in sorted(set(table) - {*keys, *optional, "source"}):
            self.problem(self.lines.of(name, key), f"fact {name!r} has an unknown key {key!r}")
        raw = table.get("source")
        sources = (raw,) if isinstance(raw, str) else raw
        if not isinstance(sources, list | tuple) or not sources:
            self.problem(line, f'fact {name!r} has no source (source = "<id of a [[source]]>")')
            sources = ()
        cited = tuple(s for s in sources if isinstance(s, str))
        for ident in cited:
            if ident not in self.record.sources:
                self.problem(
                    self.lines.of(name, "source") or line,
                    f"fact {name!r} cites source {ident!r}, which is not a [[source]] of the file",
                )
        self.record.facts[name] = Fact(name, values, cited, line)

    def _texts(self, texts: Any) -> None:
        if not isinstance(texts, dict):
            self.problem(self.lines.of("text"), "'text' must hold tables [text.<language>]")
            return
        for lang, table in texts.items():
            where = f"text.{lang}"
            if lang not in self.languages:
                self.problem(self.lines.of(where), f"[{where}]: {lang!r} is not a pack language")
                continue
            if not isinstance(table, dict):
                self.problem(self.lines.of(where), f"[{where}] must be a table")
                continue
            for key in sorted(set(table) - set(TEXTS)):
                self.problem(self.lines.of(where, key), f"[{where}] has an unknown key {key!r}")
            self.record.texts[lang] = {
                key: " ".join(str(value).split())
                for key, value in table.items()
                if key in TEXTS and _is_text(value)
            }
        national = NATIONAL_LANGUAGES.get(self.code, ())
        for key in TEXTS:
            needed = self.languages if key in EVERY_LANGUAGE_TEXTS else ("en", *national)
            for lang in needed:
                if lang not in self.languages or self.record.texts.get(lang, {}).get(key):
                    continue
                line = self.lines.of(f"text.{lang}")
                if key == "summary":
                    message = f"the summary in {lang!r} is missing ([text.{lang}] summary)"
                else:
                    message = f"the text {key!r} in {lang!r} is missing ([text.{lang}] {key})"
                self.missing(line, f"text.{lang}.{key}", message)

    def _review(self, review: Any) -> None:
        if not isinstance(review, dict):
            self.missing(None, "review", "the review notes are missing (add a [review] table)")
            return
        for key in REVIEW_KEYS:
            value = review.get(key)
            if _is_text(value):
                self.record.review[key] = str(value)
            else:
                self.missing(self.lines.of("review"), f"review.{key}")

    def _source_use(self) -> None:
        used = {i for fact in self.record.facts.values() for i in fact.sources}
        for ident, source in self.record.sources.items():
            if ident not in used:
                self.problem(source.line, f"source {ident!r} is cited by no fact", warning=True)


def read_record(path: Path, languages: Sequence[str]) -> tuple[CountryRecord, list[Problem]]:
    """One country file; the code is the file name (``LV.toml``)."""
    reader = _RecordReader(path, path.stem, languages)
    return reader.read(), reader.problems


def _read_boxes(path: Path, records: CountryRecords) -> None:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        records.problems.append(Problem(path, None, f"cannot be read: {error}"))
        return
    except tomllib.TOMLDecodeError as error:
        line = _line_in_message(str(error))
        records.problems.append(Problem(path, line, f"is not valid TOML: {error}"))
        return
    lines = _Lines(text)
    sources_section = data.get("sources_section", "")
    if isinstance(sources_section, str):
        records.sources_section = sources_section
    else:
        message = "'sources_section' must be a section id"
        records.problems.append(Problem(path, lines.of("", "sources_section"), message))
    for key in sorted(set(data) - {"format", "boxes", "sources_section"}):
        records.problems.append(Problem(path, lines.of("", key), f"unknown key {key!r}"))
    table = data.get("boxes", {})
    if not isinstance(table, dict):
        records.problems.append(Problem(path, lines.of("boxes"), "'boxes' must be a table"))
        return
    for section_id, facts in table.items():
        line = lines.of("boxes", section_id)
        if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
            message = f'{section_id!r}: give a list of facts, e.g. ["law"]'
            records.problems.append(Problem(path, line, message))
            continue
        unknown = [f for f in facts if f not in FACTS]
        if unknown:
            message = f"{section_id!r}: unknown fact(s) {unknown} (known: {', '.join(FACTS)})"
            records.problems.append(Problem(path, line, message))
        records.boxes[section_id] = tuple(f for f in facts if f in FACTS)
        records.boxes_line[section_id] = line or 0


def load_countries(root: Path, languages: Sequence[str]) -> CountryRecords:
    """The pack's country records (none when it has no ``countries`` folder)."""
    folder = root / FOLDER
    records = CountryRecords(folder)
    if not folder.is_dir():
        return records
    boxes = folder / BOXES_FILE
    if boxes.is_file():
        _read_boxes(boxes, records)
    else:
        records.problems.append(Problem(boxes, None, "file is missing: no box would be shown"))
    for path in sorted(folder.iterdir()):
        if path.name == BOXES_FILE or not path.is_file():
            continue
        if path.suffix != ".toml":
            records.problems.append(Problem(path, None, "not a country record (*.toml)"))
            continue
        if path.stem not in COUNTRIES:
            known = " ".join(COUNTRIES)
            message = f"unknown country code {path.stem!r}: name the file by one of {known}"
            records.problems.append(Problem(path, None, message))
            continue
        record, problems = read_record(path, languages)
        records.records[record.code] = record
        records.problems.extend(problems)
    for code in COUNTRIES:
        if code not in records.records:
            message = f"no record for country {code}: its readers see no country box"
            records.problems.append(Problem(folder / f"{code}.toml", None, message, warning=True))
    return records


def check_box_places(records: CountryRecords, known_ids: set[str]) -> list[Problem]:
    """boxes.toml may only name sections and chapters that the pack has."""
    path = records.folder / BOXES_FILE
    problems = [
        Problem(path, records.boxes_line.get(section_id) or None, f"unknown section {section_id!r}")
        for section_id in records.boxes
        if section_id not in known_ids
    ]
    if records.sources_section and records.sources_section not in known_ids:
        message = f"sources_section: unknown section {records.sources_section!r}"
        problems.append(Problem(path, None, message))
    return problems
