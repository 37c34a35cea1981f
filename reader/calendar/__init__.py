"""The events calendar: the pack's events and the user's own, their dates, and .ics files.

No Qt here.
"""

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
from reader.calendar.occurrences import (
    CalendarEntry,
    Occurrence,
    days_with_events,
    entries_from_own,
    entries_from_pack,
    occurrences,
    yearly_date,
)

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
