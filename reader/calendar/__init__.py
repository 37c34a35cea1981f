"""The events calendar: the pack's events and the user's own, their dates, and .ics files.

No Qt here. The .ics names (icalendar, ~100 ms to import) are loaded on first use (PEP 562), so
the window can show its first page with the calendar's dates but before any .ics code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reader.calendar.occurrences import (
    CalendarEntry,
    Occurrence,
    days_with_events,
    entries_from_own,
    entries_from_pack,
    occurrences,
    yearly_date,
)

if TYPE_CHECKING:
    from reader.calendar.ics import (
        IcsReading,
        ImportPreview,
        apply_import,
        preview_import,
        read_ics,
        read_ics_file,
        read_ics_report,
    )
    from reader.calendar.ics_export import export_ics
    from reader.calendar.ics_file import MAX_ICS_BYTES, CalendarFileError

_LAZY = {
    "IcsReading": "reader.calendar.ics",
    "ImportPreview": "reader.calendar.ics",
    "apply_import": "reader.calendar.ics",
    "preview_import": "reader.calendar.ics",
    "read_ics": "reader.calendar.ics",
    "read_ics_file": "reader.calendar.ics",
    "read_ics_report": "reader.calendar.ics",
    "export_ics": "reader.calendar.ics_export",
    "MAX_ICS_BYTES": "reader.calendar.ics_file",
    "CalendarFileError": "reader.calendar.ics_file",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "MAX_ICS_BYTES",
    "CalendarEntry",
    "CalendarFileError",
    "IcsReading",
    "ImportPreview",
    "Occurrence",
    "apply_import",
    "days_with_events",
    "entries_from_own",
    "entries_from_pack",
    "export_ics",
    "occurrences",
    "preview_import",
    "read_ics",
    "read_ics_file",
    "read_ics_report",
    "yearly_date",
]
