"""The JSON export file of the user data: writing an event, and reading and checking a file.

A file is checked completely before anything is imported; a problem is reported naming the file
and the item.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.i18n import _
from reader.userdata.checklist_format import read_checklists
from reader.userdata.checklists import Checklist
from reader.userdata.records import (
    BOOKMARK_KINDS,
    MAX_YEAR,
    MIN_YEAR,
    Note,
    OwnEvent,
    UserDataError,
    event_problem,
    normalized,
    parse_ts,
    ts,
)

EXPORT_FORMAT = "strom-reader-userdata"
# Version 2 added "checklists". An older app refuses a version 2 file instead of importing it
# without its checklists; this app reads version 1 files (they have no checklists).
EXPORT_VERSION = 2
MAX_JSON_BYTES = 64 * 1024 * 1024


def event_to_json(event: OwnEvent) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "title": event.title,
        "start": event.start.isoformat(),
        "end": event.end.isoformat() if event.end else None,
        "start_time": event.start_time.isoformat() if event.start_time else None,
        "end_time": event.end_time.isoformat() if event.end_time else None,
        "place": event.place,
        "description": event.description,
        "updated": ts(event.updated) if event.updated else None,
        "yearly": event.yearly,
    }


@dataclass
class ExportContent:
    bookmarks: list[tuple[str, str, dt.datetime]]
    notes: list[Note]
    events: list[OwnEvent]
    checklists: list[Checklist] = field(default_factory=list)


class _Invalid(Exception):
    """A problem in one field of an imported file; turned into a UserDataError with the file."""


def _field(item: dict[str, Any], key: str, *, required: bool = True) -> Any:
    if key not in item or item[key] is None:
        if required:
            raise _Invalid(_("{key} is missing").format(key=repr(key)))
        return None
    return item[key]


def _text_field(item: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = _field(item, key, required=required)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Invalid(_("{key} must be text").format(key=repr(key)))
    if required and not value.strip():
        raise _Invalid(_("{key} is empty").format(key=repr(key)))
    return value


def _bool_field(item: dict[str, Any], key: str) -> bool:
    """An optional true/false field (files from before it existed have none: false)."""
    value = _field(item, key, required=False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Invalid(_("{key} must be true or false").format(key=repr(key)))
    return value


def _checked_year(key: str, value: dt.date) -> None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _Invalid(
            _(
                "{key} has the year {year}, which is out of range "
                "(only years {first} to {last} are supported)"
            ).format(key=repr(key), year=value.year, first=MIN_YEAR, last=MAX_YEAR)
        )


def _timestamp_field(item: dict[str, Any], key: str) -> dt.datetime:
    value = _text_field(item, key)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid date and time: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None
    _checked_year(key, parsed)
    return parse_ts(value)


def _date_field(item: dict[str, Any], key: str, *, required: bool = True) -> dt.date | None:
    value = _text_field(item, key, required=required)
    if not value:
        return None
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid date such as 2024-07-30: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None
    _checked_year(key, parsed)
    return parsed


def _time_field(item: dict[str, Any], key: str) -> dt.time | None:
    value = _text_field(item, key, required=False)
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid time such as 14:30: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None


def _items(raw: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise UserDataError(_("{path}: {key} must be a list.").format(path=path, key=repr(key)))
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise UserDataError(
                _("{path}: item {number} in {key} is not an object.").format(
                    path=path, number=number, key=repr(key)
                )
            )
    return value


def read_export(path: Path) -> ExportContent:
    """Read and check a whole export file; raises UserDataError naming the file and the item."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise UserDataError(
                _("{path} is too large ({size} MiB) to be a STROM Reader user data file.").format(
                    path=path, size=size // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserDataError(
            _("Could not read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserDataError(
            _("{path}:{line}: the file is not UTF-8 text.").format(path=path, line=line)
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserDataError(
            _(
                "{path}:{line}: the file is damaged or not a STROM Reader user data file "
                "({reason} at line {line}, column {column})."
            ).format(path=path, line=exc.lineno, reason=exc.msg, column=exc.colno)
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != EXPORT_FORMAT:
        raise UserDataError(
            _("{path} is not a STROM Reader user data file (it has no {marker} marker).").format(
                path=path, marker=f'"format": "{EXPORT_FORMAT}"'
            )
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserDataError(_("{path}: the file has no valid format version.").format(path=path))
    if version > EXPORT_VERSION:
        raise UserDataError(
            _(
                "{path} was written by a newer version of STROM Reader (format version {version}); "
                "please update STROM Reader to import it."
            ).format(path=path, version=version)
        )

    content = ExportContent([], [], [])
    seen_bookmarks: set[tuple[str, str]] = set()
    for number, item in enumerate(_items(raw, "bookmarks", path), start=1):
        try:
            kind = _text_field(item, "kind")
            if kind not in BOOKMARK_KINDS:
                raise _Invalid(
                    _("'kind' must be 'section' or 'event', not {value}").format(value=repr(kind))
                )
            target = _text_field(item, "target_id")
            created = _timestamp_field(item, "created")
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: bookmark {number}: {problem}.").format(
                    path=path, number=number, problem=problem
                )
            ) from None
        if (kind, target) not in seen_bookmarks:
            seen_bookmarks.add((kind, target))
            content.bookmarks.append((kind, target, created))
    notes: dict[str, Note] = {}
    for number, item in enumerate(_items(raw, "notes", path), start=1):
        try:
            note = Note(
                _text_field(item, "section_id"),
                _text_field(item, "text"),
                _timestamp_field(item, "updated"),
            )
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: note {number}: {problem}.").format(
                    path=path, number=number, problem=problem
                )
            ) from None
        if note.section_id not in notes or note.updated > notes[note.section_id].updated:
            notes[note.section_id] = note
    content.notes = list(notes.values())
    events: dict[str, OwnEvent] = {}
    for number, item in enumerate(_items(raw, "events", path), start=1):
        title = item.get("title")
        if isinstance(title, str) and title.strip():
            label = _("event {number} ({title})").format(number=number, title=repr(title.strip()))
        else:
            label = _("event {number}").format(number=number)
        try:
            start = _date_field(item, "start")
            assert start is not None
            event = OwnEvent(
                uid=_text_field(item, "uid"),
                title=_text_field(item, "title"),
                start=start,
                end=_date_field(item, "end", required=False),
                start_time=_time_field(item, "start_time"),
                end_time=_time_field(item, "end_time"),
                place=_text_field(item, "place", required=False),
                description=_text_field(item, "description", required=False),
                updated=_timestamp_field(item, "updated"),
                yearly=_bool_field(item, "yearly"),
            )
            wrong = event_problem(event)
            if wrong:
                raise _Invalid(wrong)
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: {label}: {problem}.").format(path=path, label=label, problem=problem)
            ) from None
        event = normalized(event)
        assert event.updated is not None
        previous = events.get(event.uid)
        if previous is None or (previous.updated is not None and event.updated > previous.updated):
            events[event.uid] = event
    content.events = list(events.values())
    content.checklists = read_checklists(_items(raw, "checklists", path), path)
    return content
