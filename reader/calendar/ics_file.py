"""Opening a calendar file (.ics) defensively, before any event in it is looked at.

A file that is too large, not UTF-8, cut off, badly nested or not a calendar is refused with a
message naming the file (and the line, where there is one). Uses icalendar to parse.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from icalendar import Calendar

from reader.i18n import _

MAX_ICS_BYTES = 2 * 1024 * 1024

# name *(";" param) ":" value, where a quoted parameter value may contain ":" and ";".
_CONTENT_LINE = re.compile(
    r'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*:'
)

# Only CR/LF end a line (str.splitlines would also split at U+2028 and others inside text).
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class CalendarFileError(Exception):
    """Clear message naming the file (and line where there is one)."""


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_ICS_BYTES + 1)
    except OSError as exc:
        raise CalendarFileError(
            _("Could not read the calendar file {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc
    if len(data) > MAX_ICS_BYTES:
        raise CalendarFileError(
            _(
                "{path} is larger than {size} MiB, which is too large for a calendar file of "
                "events; it was not imported."
            ).format(path=path, size=MAX_ICS_BYTES // (1024 * 1024))
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CalendarFileError(
            _(
                "{path}:{line}: the file is not UTF-8 text, so it cannot be read as a calendar "
                "(.ics) file. Export it again as an iCalendar file."
            ).format(path=path, line=line)
        ) from exc


def _check_structure(text: str, path: Path) -> None:
    """Check content lines and BEGIN/END nesting, so problems are reported with line numbers."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if line[:1] in (" ", "\t") and logical:  # a folded line continues the previous one
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    if not logical or logical[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarFileError(
            _(
                "{path} is not a calendar (.ics) file: it does not start with BEGIN:VCALENDAR."
            ).format(path=path)
        )
    open_components: list[tuple[str, int]] = []
    bad_line: tuple[int, str] | None = None
    for number, line in logical:
        if not _CONTENT_LINE.match(line):
            bad_line = bad_line or (number, line)
            continue
        name, _colon, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        value = value.strip().upper()
        if name == "BEGIN":
            if not open_components and value != "VCALENDAR":
                raise CalendarFileError(
                    _("{path}:{line}: BEGIN:{name} is outside of any calendar (VCALENDAR).").format(
                        path=path, line=number, name=value
                    )
                )
            open_components.append((value, number))
        elif name == "END":
            if not open_components:  # an END with nothing open: data after the calendar's end
                raise CalendarFileError(
                    _(
                        "{path}:{line}: there is data after the end of the calendar; "
                        "the file is damaged."
                    ).format(path=path, line=number)
                )
            if open_components[-1][0] != value:
                expected = open_components[-1][0]
                raise CalendarFileError(
                    _(
                        "{path}:{line}: END:{name} does not match (expected END:{expected}); "
                        "the file is damaged."
                    ).format(path=path, line=number, name=value, expected=expected)
                )
            open_components.pop()
        elif not open_components:
            raise CalendarFileError(
                _(
                    "{path}:{line}: there is data after the end of the calendar; "
                    "the file is damaged."
                ).format(path=path, line=number)
            )
    if open_components:  # checked first: a file cut off mid-line also has a broken last line
        component, begun = open_components[-1]
        raise CalendarFileError(
            _(
                "{path} is incomplete: the {component} begun on line {line} never ends and "
                "END:VCALENDAR is missing. The file was probably cut off while copying or "
                "downloading."
            ).format(path=path, component=component, line=begun)
        )
    if bad_line is not None:
        number, line = bad_line
        shown = line if len(line) <= 60 else line[:57] + "..."
        raise CalendarFileError(
            _("{path}:{line}: this line is not valid calendar data: {text}").format(
                path=path, line=number, text=repr(shown)
            )
        )


def parse_calendars(path: Path) -> list[Calendar]:
    text = _read_text(path)
    _check_structure(text, path)
    try:
        parsed: Any = Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises many kinds of errors for bad input
        raise CalendarFileError(
            _("{path} could not be read as a calendar: {reason}").format(path=path, reason=exc)
        ) from exc
    return [cal for cal in parsed if isinstance(cal, Calendar)]
