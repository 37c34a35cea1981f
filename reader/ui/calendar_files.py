"""The calendar's files: export to .ics, and import with a preview of what will change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

import reader.calendar as ics  # its .ics names load on first use (icalendar, after first paint)
from reader.calendar import CalendarEntry
from reader.i18n import _, format_date, ngettext
from reader.ui.data_guard import DataGuard
from reader.userdata import UserStore

if TYPE_CHECKING:
    from reader.calendar import ImportPreview


class CalendarFiles(QWidget):
    """Base of the calendar panel: what it does with .ics files."""

    dataChanged = Signal()
    message = Signal(str)

    # Set by CalendarPanel.__init__
    store: UserStore
    guard: DataGuard
    lang: str
    entries: list[CalendarEntry]
    confirm: Callable[[str], bool]
    show_error: Callable[[str, str], None]

    def _load_entries(self) -> None:
        raise NotImplementedError

    def is_bookmarked(self, entry: CalendarEntry) -> bool:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def exportable_entries(self) -> list[CalendarEntry]:
        """Bookmarked events and the user's own events: what goes into an .ics export."""
        self._load_entries()
        return [e for e in self.entries if e.source == "own" or self.is_bookmarked(e)]

    def export_to(self, path: Path) -> int | None:
        try:
            count = ics.export_ics(self.exportable_entries(), path, self.lang)
        except (OSError, ics.CalendarFileError) as exc:
            self.show_error(_("The calendar was not exported"), str(exc))
            return None
        self.message.emit(
            ngettext(
                "{count} event exported to {file}", "{count} events exported to {file}", count
            ).format(count=count, file=path)
        )
        return count

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export calendar"), "strom-events.ics", _("Calendar files (*.ics)")
        )
        if name:
            self.export_to(Path(name))

    def preview(self, path: Path) -> ImportPreview | None:
        try:
            return ics.preview_import(path, self.store)
        except (OSError, ics.CalendarFileError) as exc:
            self.show_error(_("The calendar file was not imported"), str(exc))
            return None

    def import_preview_text(self, preview: ImportPreview) -> str:
        lines = [
            ngettext("{count} new event", "{count} new events", len(preview.to_add)).format(
                count=len(preview.to_add)
            ),
            ngettext(
                "{count} event updated", "{count} events updated", len(preview.to_update)
            ).format(count=len(preview.to_update)),
            ngettext("{count} unchanged", "{count} unchanged", preview.unchanged).format(
                count=preview.unchanged
            ),
        ]
        every_year = " (" + _("Every year") + ")"
        for sign, events in (("+", preview.to_add), ("~", preview.to_update)):
            for event in events[:15]:
                suffix = every_year if event.yearly else ""
                lines.append(f"{sign} {format_date(event.start)} — {event.title}{suffix}")
            if len(events) > 15:
                lines.append(
                    ngettext(
                        "  … and {count} more", "  … and {count} more", len(events) - 15
                    ).format(count=len(events) - 15)
                )
        if preview.repeating:
            lines.append(_("Repeating events:"))
            lines.extend(f"  {note}" for note in preview.repeating[:15])
        if preview.skipped:
            lines.append(_("Skipped:"))
            lines.extend(f"  {reason}" for reason in preview.skipped[:15])
        return "\n".join(lines)

    def apply(self, preview: ImportPreview) -> int:
        counted: list[int] = []
        if not self.guard.write(
            _("The events were not imported."),
            lambda: counted.append(ics.apply_import(preview, self.store)),
        ):
            return 0
        count = counted[-1]
        self.refresh()
        self.dataChanged.emit()
        self.message.emit(
            ngettext("{count} event imported", "{count} events imported", count).format(count=count)
        )
        return count

    def choose_import(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import calendar"), "", _("Calendar files (*.ics)")
        )
        if not name:
            return
        preview = self.preview(Path(name))
        if preview is None:
            return
        if not preview.to_add and not preview.to_update:
            QMessageBox.information(self, _("Import calendar"), self.import_preview_text(preview))
            return
        question = self.import_preview_text(preview) + "\n\n" + _("Import these events?")
        if self.confirm(question):
            self.apply(preview)
