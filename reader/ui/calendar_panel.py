"""The events calendar: a month view, an agenda of upcoming events and an event's details."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.calendar import (
    CalendarEntry,
    Occurrence,
    days_with_events,
    entries_from_own,
    entries_from_pack,
    occurrences,
)
from reader.content.model import Pack
from reader.i18n import (
    _,
    format_date,
    format_date_range,
    format_month_year,
    format_time,
    month_name,
)
from reader.ui.calendar_files import CalendarFiles
from reader.ui.data_guard import DataGuard
from reader.ui.event_dialog import EventDialog, event_text, qdate
from reader.userdata import OwnEvent, UserStore

AGENDA_DAYS = 365
AGENDA_LIMIT = 60
OCC_ROLE = Qt.ItemDataRole.UserRole


def occurrence_when(occ: Occurrence) -> str:
    entry = occ.entry
    if entry.precision == "month":
        return format_month_year(occ.start)
    text = format_date_range(occ.start, occ.end)
    if entry.start_time is not None:
        text += ", " + format_time(entry.start_time)
        if entry.end_time is not None:
            text += "–" + format_time(entry.end_time)
    return text


class CalendarPanel(CalendarFiles):
    sectionRequested = Signal(str)

    def __init__(
        self,
        pack: Pack,
        store: UserStore,
        guard: DataGuard,
        lang: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPanel")
        self.pack = pack
        self.store = store
        self.guard = guard
        self.lang = lang
        self.today = dt.date.today()
        self.year, self.month = self.today.year, self.today.month
        self.selected_day: dt.date | None = None
        self.current: Occurrence | None = None
        self.entries: list[CalendarEntry] = []
        self._marked: set[str] = set()
        # Hooks the tests replace: ask before deleting, show an error, pick files.
        self.confirm: Callable[[str], bool] = self._ask
        self.show_error: Callable[[str, str], None] = lambda title, text: (
            QMessageBox.warning(self, title, text),
            None,
        )[1]

        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(_("Previous month"))
        self.previous_button.setAccessibleName(_("Previous month"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(_("Next month"))
        self.next_button.setAccessibleName(_("Next month"))
        self.month_label = QLabel()
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.month_label.font()
        font.setBold(True)
        self.month_label.setFont(font)
        self.today_button = QPushButton(_("Today"))
        header = QHBoxLayout()
        header.addWidget(self.previous_button)
        header.addWidget(self.month_label, 1)
        header.addWidget(self.next_button)
        header.addWidget(self.today_button)

        from reader.ui.month_grid import MonthGrid

        self.grid = MonthGrid()
        self.bookmarked_only = QCheckBox(_("Only bookmarked events"))
        self.agenda_label = QLabel()
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setAccessibleName(_("Events"))
        self.agenda.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setObjectName("eventDetails")
        self.details.setAccessibleName(_("Event details"))
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_link)
        self.bookmark_button = QPushButton()
        self.bookmark_button.setCheckable(True)
        self.add_button = QPushButton(_("Add event…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.import_button = QPushButton(_("Import .ics…"))
        self.export_button = QPushButton(_("Export .ics…"))
        actions = QGridLayout()  # two by two: the panel stays narrow at large text sizes
        for index, button in enumerate(
            (self.bookmark_button, self.add_button, self.edit_button, self.delete_button)
        ):
            actions.addWidget(button, index // 2, index % 2)
        files = QHBoxLayout()
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.grid)
        layout.addWidget(self.bookmarked_only)
        layout.addWidget(self.agenda_label)
        layout.addWidget(self.agenda, 2)
        layout.addWidget(self.details, 1)
        for view in (self.agenda, self.details):  # they scroll: at 200 % text the panel fits 768
            view.setMinimumHeight(40)
        layout.addLayout(actions)
        layout.addLayout(files)

        self.previous_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.today_button.clicked.connect(self.go_today)
        self.grid.dayClicked.connect(self.select_day)
        self.bookmarked_only.toggled.connect(lambda _on: self.refresh())
        self.agenda.currentItemChanged.connect(self._on_agenda)
        self.agenda.itemActivated.connect(self._open_current_chapter)
        self.bookmark_button.clicked.connect(self.toggle_bookmark)
        self.add_button.clicked.connect(self.add_event)
        self.edit_button.clicked.connect(self.edit_event)
        self.delete_button.clicked.connect(self.delete_event)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.refresh()

    # Data -------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.refresh()

    def _load_entries(self) -> None:
        """Read events and event bookmarks once; the month grid and agenda ask per day."""
        own: list[OwnEvent] = self.guard.read(
            _("Your own events could not be read."), self.store.own_events, lambda: []
        )
        self.entries = entries_from_pack(self.pack, self.lang) + entries_from_own(own)
        self._marked = self.guard.read(
            _("Your event bookmarks could not be read."),
            lambda: {bookmark.target_id for bookmark in self.store.bookmarks("event")},
            set,
        )

    def is_bookmarked(self, entry: CalendarEntry) -> bool:
        return entry.uid in self._marked

    def _visible(self, occs: list[Occurrence]) -> list[Occurrence]:
        if self.bookmarked_only.isChecked():
            return [occ for occ in occs if self.is_bookmarked(occ.entry)]
        return occs

    def refresh(self) -> None:
        """Reload events and bookmarks and redraw month, agenda and details."""
        self._load_entries()
        self.today = dt.date.today()
        first = dt.date(self.year, self.month, 1) - dt.timedelta(days=7)
        last = dt.date(self.year, self.month, 28) + dt.timedelta(days=15)
        month_occs = self._visible(occurrences(self.entries, first, last))
        days = days_with_events(month_occs, first, last)
        bookmarked = {
            day for day, occs in days.items() if any(self.is_bookmarked(o.entry) for o in occs)
        }
        self.month_label.setText(f"{month_name(self.month)} {self.year}")
        self.grid.selected = self.selected_day
        self.grid.show_month(self.year, self.month, set(days), bookmarked, self.today)
        self._fill_agenda()

    def _fill_agenda(self) -> None:
        previous = self.current.entry.uid if self.current else None
        self.agenda.blockSignals(True)
        self.agenda.clear()
        if self.selected_day is not None:
            day = self.selected_day
            occs = self._visible(occurrences(self.entries, day, day))
            self.agenda_label.setText(_("Events on {date}").format(date=format_date(day, "full")))
        else:
            end = self.today + dt.timedelta(days=AGENDA_DAYS)
            occs = self._visible(occurrences(self.entries, self.today, end))[:AGENDA_LIMIT]
            self.agenda_label.setText(_("Upcoming events"))
        chosen: QListWidgetItem | None = None
        for occ in occs:
            star = "★ " if self.is_bookmarked(occ.entry) else ""
            item = QListWidgetItem(f"{star}{occurrence_when(occ)} — {occ.entry.title}")
            item.setData(OCC_ROLE, occ)
            self.agenda.addItem(item)
            if occ.entry.uid == previous and chosen is None:
                chosen = item
        if not occs:
            empty = QListWidgetItem(_("No events"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agenda.addItem(empty)
        self.agenda.blockSignals(False)
        if chosen is not None:
            self.agenda.setCurrentItem(chosen)
            self._show_details(chosen.data(OCC_ROLE))
        else:
            self._show_details(None)

    # Navigation --------------------------------------------------------------------------------
    def step_month(self, step: int) -> None:
        month = self.month + step
        self.year += (month - 1) // 12
        self.month = (month - 1) % 12 + 1
        self.refresh()

    def go_today(self) -> None:
        self.year, self.month = self.today.year, self.today.month
        self.selected_day = None
        self.refresh()

    def select_day(self, day: object) -> None:
        assert isinstance(day, dt.date)
        self.selected_day = day
        if (day.year, day.month) != (self.year, self.month):
            self.year, self.month = day.year, day.month
        self.refresh()

    def show_event(self, uid: str) -> bool:
        """Select the next occurrence of event ``uid`` (from the bookmarks panel)."""
        self._load_entries()
        for occ in occurrences(self.entries, self.today, self.today + dt.timedelta(days=400)):
            if occ.entry.uid == uid:
                self.selected_day = occ.start
                self.year, self.month = occ.start.year, occ.start.month
                self.current = occ
                self.refresh()
                return True
        for entry in self.entries:
            if entry.uid == uid:
                self.selected_day = entry.start
                self.year, self.month = entry.start.year, entry.start.month
                self.current = Occurrence(entry, entry.start, entry.end or entry.start)
                self.refresh()
                return True
        return False

    # Details -----------------------------------------------------------------------------------
    def _on_agenda(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        occ = item.data(OCC_ROLE) if item is not None else None
        self._show_details(occ if isinstance(occ, Occurrence) else None)

    def _show_details(self, occ: Occurrence | None) -> None:
        self.current = occ
        own = occ is not None and occ.entry.source == "own"
        self.bookmark_button.setEnabled(occ is not None)
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        if occ is None:
            self.details.setHtml("")
            self.bookmark_button.setChecked(False)
            self.bookmark_button.setText(_("☆ Bookmark"))
            return
        entry = occ.entry
        marked = self.is_bookmarked(entry)
        self.bookmark_button.setChecked(marked)
        self.bookmark_button.setText(_("★ Bookmarked") if marked else _("☆ Bookmark"))
        parts = [
            f"<h3>{html.escape(entry.title)}</h3>",
            f"<p><b>{html.escape(occurrence_when(occ))}</b>",
        ]
        if entry.yearly:
            parts.append("<br>" + html.escape(_("Every year")))
            if entry.since:
                parts.append(" " + html.escape(_("(since {year})").format(year=entry.since)))
        if entry.place:
            parts.append("<br>" + html.escape(entry.place))
        parts.append("</p>")
        if entry.description:
            parts.append(f"<p>{html.escape(entry.description)}</p>")
        if entry.chapter:
            section = self.pack.section(self.lang, entry.chapter) or self.pack.section(
                self.pack.source_language, entry.chapter
            )
            title = section.title if section else entry.chapter
            if section is not None and section.is_chapter_lead:
                chapter = self.pack.editions[section.language].chapters[section.chapter_id]
                title = chapter.title
            label = html.escape(_("Read in the handbook:"))
            target = html.escape(entry.chapter)
            parts.append(f'<p>{label} <a href="section:{target}">{html.escape(title)}</a></p>')
        if entry.source == "own":
            own_label = html.escape(_("Your own event"))
            parts.append(f"<p><small>{own_label}</small></p>")
        self.details.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "section":
            self.sectionRequested.emit(url.path())

    def _open_current_chapter(self, _item: QListWidgetItem) -> None:
        if self.current is not None and self.current.entry.chapter:
            self.sectionRequested.emit(self.current.entry.chapter)

    # Changes -----------------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        if self.current is None:
            return
        uid = self.current.entry.uid
        if uid in self._marked:
            ok = self.guard.write(
                _("The bookmark was not removed."),
                lambda: self.store.remove_bookmark("event", uid),
            )
        else:
            ok = self.guard.write(
                _("The event was not bookmarked."), lambda: self.store.add_bookmark("event", uid)
            )
        if not ok:
            return
        self.refresh()
        self.dataChanged.emit()

    def add_event(self) -> None:
        dialog = EventDialog(self)
        if self.selected_day is not None:
            dialog.start_field.setDate(qdate(self.selected_day))
            dialog.end_field.setDate(qdate(self.selected_day))
        if dialog.exec() == EventDialog.DialogCode.Accepted:
            event = dialog.event_value()
            if event is not None:
                self.save_event(event)

    def save_event(self, event: object) -> bool:
        assert isinstance(event, OwnEvent)
        kept: list[OwnEvent] = []
        if not self.guard.write(
            _("The event was not saved."),
            lambda: kept.append(self.store.save_event(event)),
            key=f"event:{event.uid}",
            unsaved_label=_("Event"),
            unsaved_text=event_text(event),
        ):
            return False
        saved = kept[-1]
        self.selected_day = saved.start
        self.year, self.month = saved.start.year, saved.start.month
        self.current = Occurrence(
            entries_from_own([saved])[0], saved.start, saved.end or saved.start
        )
        self.refresh()
        self.dataChanged.emit()
        return True

    def edit_event(self) -> None:
        if self.current is None or self.current.entry.source != "own":
            return
        uid = self.current.entry.uid
        event = self.guard.read(
            _("The event could not be read."), lambda: self.store.own_event(uid), lambda: None
        )
        if event is None:
            return
        dialog = EventDialog(self, event)
        if dialog.exec() == EventDialog.DialogCode.Accepted:
            changed = dialog.event_value()
            if changed is not None:
                self.save_event(changed)

    def delete_event(self) -> None:
        if self.current is None or self.current.entry.source != "own":
            return
        entry = self.current.entry
        if not self.confirm(_("Delete the event “{title}”?").format(title=entry.title)):
            return
        if not self.guard.write(
            _("The event was not deleted."), lambda: self.store.delete_event(entry.uid)
        ):
            return
        self.current = None
        self.refresh()
        self.dataChanged.emit()

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, _("Please confirm"), question)
        return answer == QMessageBox.StandardButton.Yes
