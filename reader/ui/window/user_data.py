"""Bookmarks, notes, the calendar and moving the user's data: what the window does with them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.i18n import _, ngettext
from reader.ui.home_page import HOME_ID
from reader.ui.window.base import WindowBase
from reader.userdata import ImportSummary, UserDataError


class UserDataMixin(WindowBase):
    def _sync_user_data(self, section_id: str | None) -> None:
        """Bookmark star and note pane follow the page shown."""
        has_section = section_id is not None and self.store is not None
        self.bookmark_action.setEnabled(has_section)
        self._show_bookmark_state(self._section_is_bookmarked(section_id))
        if self.note_editor is not None:
            self.note_editor.setEnabled(section_id is not None)
            if section_id is not None:
                self.note_editor.show_section(section_id)

    def _section_is_bookmarked(self, section_id: str | None) -> bool:
        store = self.store
        if store is None or not section_id or section_id == HOME_ID:
            return False
        return self.data_guard.read(
            _("Your bookmarks could not be read."),
            lambda: store.is_bookmarked("section", section_id),
            lambda: False,
        )

    def toggle_section_bookmark(self) -> None:
        section = self.current_section
        store = self.store
        if store is None or not section or section == HOME_ID:
            return
        if self._section_is_bookmarked(section):
            ok = self.data_guard.write(
                _("The bookmark was not removed."),
                lambda: store.remove_bookmark("section", section),
            )
            done = _("Bookmark removed.")
        else:
            ok = self.data_guard.write(
                _("The section was not bookmarked."),
                lambda: store.add_bookmark("section", section),
            )
            done = _("Section bookmarked.")
        if ok:
            self._status(done)
        self._show_bookmark_state(self._section_is_bookmarked(section))
        self._refresh_bookmarks()

    def _show_bookmark_state(self, marked: bool) -> None:
        self.bookmark_action.setChecked(marked)
        self.bookmark_action.setIconText(_("★ Bookmarked") if marked else _("☆ Bookmark"))

    def _refresh_bookmarks(self) -> None:
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.refresh()

    def _user_data_changed(self) -> None:
        self._refresh_bookmarks()
        self._refresh_checklists()
        if self.calendar_panel is not None:
            self.calendar_panel.refresh()
        if self.current_section == HOME_ID:
            self._show_home(False)
        elif self.current_section and self.store is not None:
            self._show_bookmark_state(self._section_is_bookmarked(self.current_section))
            if self.note_editor is not None:
                self.note_editor.reload()

    def show_calendar(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_dock.show()
            self.calendar_dock.raise_()
            self.fit_panel(self.calendar_dock)
            self.calendar_panel.agenda.setFocus()

    def show_bookmarks(self) -> None:
        if self.bookmarks_panel is not None:
            self.bookmarks_dock.show()
            self.bookmarks_dock.raise_()
            self.bookmarks_panel.filter_field.setFocus()

    def show_event(self, uid: str) -> None:
        if self.calendar_panel is not None:
            self.show_calendar()
            self.calendar_panel.show_event(uid)

    def _export_ics(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_panel.choose_export()

    def _import_ics(self) -> None:
        if self.calendar_panel is not None:
            self.calendar_panel.choose_import()

    def export_data(self, path: Path) -> int | None:
        if self.store is None:
            return None
        if self.note_editor is not None:
            self.note_editor.save()
        self._save_checklist_note()
        try:
            count = self.store.export_json(path)
        except (OSError, UserDataError) as exc:
            self.show_error(_("Your data was not exported"), str(exc))
            return None
        self._status(
            ngettext(
                "{count} item exported to {file}", "{count} items exported to {file}", count
            ).format(count=count, file=path)
        )
        return count

    def import_data(self, path: Path) -> ImportSummary | None:
        if self.store is None:
            return None
        if self.note_editor is not None:
            self.note_editor.save()
        self._save_checklist_note()
        try:
            summary = self.store.import_json(path)
        except (OSError, UserDataError) as exc:
            self.show_error(_("Your data was not imported"), str(exc))
            return None
        self._status(
            _("Imported: {added} new, {updated} updated, {unchanged} already here.").format(
                added=summary.added, updated=summary.updated, unchanged=summary.unchanged
            )
        )
        self._user_data_changed()
        if self.current_section and self.current_section != HOME_ID:
            self._sync_user_data(self.current_section)
        return summary

    def choose_export_data(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Export my data"), "strom-reader-data.json", _("Data files (*.json)")
        )
        if name:
            self.export_data(Path(name))

    def choose_import_data(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import my data"), "", _("Data files (*.json)")
        )
        if name:
            self.import_data(Path(name))

    def show_error(self, title: str, text: str) -> None:
        """Errors about files and data: a message box (tests replace this method)."""
        QMessageBox.warning(self, title, text)

    def show_data_notice(self, text: str) -> None:
        self.data_notice.setText(text)
        self.data_notice.show()
