"""Checklists in the JSON export file: writing one, and reading and checking them.

Part of the export file of :mod:`reader.userdata.export_format` (format version 2 and later);
a problem is reported naming the file, the checklist and the mark.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reader.i18n import _
from reader.userdata.checklists import Checklist, Mark, checked_name
from reader.userdata.records import MAX_YEAR, MIN_YEAR, UserDataError, parse_ts, ts


def checklist_to_json(checklist: Checklist) -> dict[str, Any]:
    return {
        "id": checklist.id,
        "name": checklist.name,
        "created": ts(checklist.created),
        "renamed": ts(checklist.renamed),
        "marks": [
            {
                "indicator_id": mark.indicator_id,
                "ticked": mark.ticked,
                "note": mark.note,
                "updated": ts(mark.updated),
            }
            for mark in checklist.entries.values()
        ],
    }


class _Invalid(Exception):
    """A problem in one field; turned into a UserDataError naming the file and the item."""


def _text(item: dict[str, Any], key: str, *, may_be_empty: bool = False) -> str:
    value = item.get(key)
    if value is None:
        if may_be_empty:
            return ""
        raise _Invalid(_("{key} is missing").format(key=repr(key)))
    if not isinstance(value, str):
        raise _Invalid(_("{key} must be text").format(key=repr(key)))
    if not may_be_empty and not value.strip():
        raise _Invalid(_("{key} is empty").format(key=repr(key)))
    return value


def _timestamp(item: dict[str, Any], key: str) -> dt.datetime:
    value = _text(item, key)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(
            _("{key} is not a valid date and time: {value}").format(
                key=repr(key), value=repr(value)
            )
        ) from None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise _Invalid(
            _(
                "{key} has the year {year}, which is out of range "
                "(only years {first} to {last} are supported)"
            ).format(key=repr(key), year=parsed.year, first=MIN_YEAR, last=MAX_YEAR)
        )
    return parse_ts(value)


def _mark(item: Any) -> Mark:
    if not isinstance(item, dict):
        raise _Invalid(_("it is not an object"))
    ticked = item.get("ticked", False)
    if not isinstance(ticked, bool):
        raise _Invalid(_("{key} must be true or false").format(key=repr("ticked")))
    return Mark(
        _text(item, "indicator_id"),
        ticked,
        _text(item, "note", may_be_empty=True),
        _timestamp(item, "updated"),
    )


def _checklist(item: dict[str, Any], path: Path, label: str) -> Checklist:
    try:
        checklist_id = _text(item, "id")
        name_text = _text(item, "name")
        try:
            name = checked_name(name_text)
        except UserDataError as exc:
            raise _Invalid(str(exc).rstrip(".")) from None
        created = _timestamp(item, "created")
        renamed = _timestamp(item, "renamed")
        raw_marks = item.get("marks", [])
        if not isinstance(raw_marks, list):
            raise _Invalid(_("{key} must be a list").format(key=repr("marks")))
    except _Invalid as problem:
        raise UserDataError(
            _("{path}: {label}: {problem}.").format(path=path, label=label, problem=problem)
        ) from None
    marks: dict[str, Mark] = {}
    for number, raw in enumerate(raw_marks, start=1):
        try:
            mark = _mark(raw)
        except _Invalid as problem:
            raise UserDataError(
                _("{path}: {label}, mark {number}: {problem}.").format(
                    path=path, label=label, number=number, problem=problem
                )
            ) from None
        previous = marks.get(mark.indicator_id)
        if previous is None or mark.updated > previous.updated:
            marks[mark.indicator_id] = mark
    return Checklist(checklist_id, name, created, renamed, marks)


def merged(older: Checklist, newer: Checklist) -> Checklist:
    """Two copies of one checklist (same id) as one: the newer name, and per indicator the
    newer mark."""
    name_from = newer if newer.renamed > older.renamed else older
    marks = dict(older.entries)
    for key, mark in newer.entries.items():
        if key not in marks or mark.updated > marks[key].updated:
            marks[key] = mark
    return Checklist(older.id, name_from.name, older.created, name_from.renamed, marks)


def read_checklists(items: list[dict[str, Any]], path: Path) -> list[Checklist]:
    """The checked checklists of an export file's ``checklists`` list (one per id)."""
    found: dict[str, Checklist] = {}
    for number, item in enumerate(items, start=1):
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            label = _("checklist {number} ({name})").format(number=number, name=repr(name.strip()))
        else:
            label = _("checklist {number}").format(number=number)
        checklist = _checklist(item, path, label)
        previous = found.get(checklist.id)
        found[checklist.id] = checklist if previous is None else merged(previous, checklist)
    return list(found.values())
