"""Add or edit one of the user's own events."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from reader.i18n import _, format_date
from reader.userdata import OwnEvent
from reader.userdata.records import event_problem


def event_text(event: OwnEvent) -> str:
    """The event as plain text: what is saved to a file when the data file refuses it."""
    when = format_date(event.start)
    if event.end is not None and event.end != event.start:
        when += " – " + format_date(event.end)
    if event.start_time is not None:
        when += " " + event.start_time.strftime("%H:%M")
        if event.end_time is not None:
            when += "–" + event.end_time.strftime("%H:%M")
    lines = [event.title, when, event.place, event.description]
    return "\n".join(line for line in lines if line)


def new_uid() -> str:
    return f"{uuid.uuid4().hex}@strom-reader"


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class EventDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, event: OwnEvent | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventDialog")
        self.setWindowTitle(_("Edit event") if event else _("New event"))
        self.original = event
        today = dt.date.today()
        self.title_field = QLineEdit(event.title if event else "")
        self.start_field = QDateEdit(qdate(event.start if event else today))
        self.start_field.setCalendarPopup(True)
        self.time_box = QCheckBox(_("At a time"))
        self.start_time = QTimeEdit(
            qtime(event.start_time) if event and event.start_time else QTime(9, 0)
        )
        self.end_box = QCheckBox(_("Lasts several days"))
        self.end_field = QDateEdit(qdate(event.end if event and event.end else today))
        self.end_field.setCalendarPopup(True)
        self.end_time_box = QCheckBox(_("Ends at a time"))
        self.end_time = QTimeEdit(
            qtime(event.end_time) if event and event.end_time else QTime(10, 0)
        )
        self.yearly_box = QCheckBox(_("Repeats every year"))
        self.yearly_box.setChecked(bool(event and event.yearly))
        self.place_field = QLineEdit(event.place if event else "")
        self.description_field = QPlainTextEdit(event.description if event else "")
        self.description_field.setTabChangesFocus(True)  # Tab leaves the field (no trap)
        for widget, name, tip in (
            (self.title_field, "", _("The event's title, as shown in the calendar")),
            (self.start_field, "", _("The day the event starts")),
            (self.start_time, _("Start time"), _("Start time")),
            (self.end_field, _("End date"), _("End date")),
            (self.end_time, _("End time"), _("End time")),
            (self.place_field, "", _("Where the event takes place")),
            (self.description_field, "", _("What the event is about")),
        ):
            if name:  # the others are named by their label in the form (its buddy)
                widget.setAccessibleName(name)
            widget.setToolTip(tip)
        self.error_label = QLabel()
        self.error_label.setObjectName("eventError")  # coloured by the theme
        self.time_box.setChecked(bool(event and event.start_time))
        self.end_box.setChecked(bool(event and event.end))
        self.end_time_box.setChecked(bool(event and event.end_time))
        form = QFormLayout(self)
        form.addRow(_("Title:"), self.title_field)
        form.addRow(_("Date:"), self.start_field)
        form.addRow(self.time_box, self.start_time)
        form.addRow(self.end_box, self.end_field)
        form.addRow(self.end_time_box, self.end_time)
        form.addRow(self.yearly_box)
        form.addRow(_("Place:"), self.place_field)
        form.addRow(_("Description:"), self.description_field)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for box in (self.time_box, self.end_box, self.end_time_box):
            box.toggled.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.start_time.setEnabled(self.time_box.isChecked())
        self.end_field.setEnabled(self.end_box.isChecked())
        self.end_time_box.setEnabled(self.time_box.isChecked())
        self.end_time.setEnabled(self.time_box.isChecked() and self.end_time_box.isChecked())

    def event_value(self) -> OwnEvent | None:
        """The event as entered, or None with the reason shown in the dialog."""
        title = self.title_field.text().strip()
        if not title:
            self.error_label.setText(_("Please give the event a title."))
            return None
        start = to_date(self.start_field.date())
        end = to_date(self.end_field.date()) if self.end_box.isChecked() else None
        if end is not None and end < start:
            self.error_label.setText(_("The end date is before the start date."))
            return None
        start_time = to_time(self.start_time.time()) if self.time_box.isChecked() else None
        end_time = (
            to_time(self.end_time.time())
            if start_time is not None and self.end_time_box.isChecked()
            else None
        )
        event = OwnEvent(
            uid=self.original.uid if self.original else new_uid(),
            title=title,
            start=start,
            end=end,
            start_time=start_time,
            end_time=end_time,
            place=self.place_field.text().strip(),
            description=self.description_field.toPlainText().strip(),
            yearly=self.yearly_box.isChecked(),
        )
        problem = event_problem(event)
        if problem:
            self.error_label.setText(
                _("The event cannot be saved: {problem}.").format(problem=problem)
            )
            return None
        return event

    def accept(self) -> None:
        if self.event_value() is not None:
            super().accept()
