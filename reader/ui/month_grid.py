"""A month view drawn with Babel's month and weekday names and the locale's first weekday.

QCalendarWidget takes its names from QLocale; this grid takes them from the UI language through
Babel, like every other date in the app, and marks days with events, bookmarked events and today.
"""

from __future__ import annotations

import calendar
import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reader.i18n import _, first_weekday, format_date, weekday_names
from reader.themes import Colours
from reader.ui.theme import current_colours, theme_signals


def day_styles(c: Colours) -> dict[str, str]:
    """The style of each kind of day, in the theme's colours (reader/themes.py)."""
    return {
        "event": f"font-weight: bold; color: {c.event_text}; background: {c.event_bg};",
        "bookmark": f"font-weight: bold; color: {c.bookmark_text}; background: {c.bookmark_bg};",
        "today": f"border: 2px solid {c.today};",
        "selected": f"border: 2px solid {c.highlight};",
        "other_month": f"color: {c.muted};",
    }


class MonthGrid(QWidget):
    dayClicked = Signal(object)  # datetime.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthGrid")
        layout = QGridLayout(self)
        layout.setSpacing(2)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header_labels: list[QLabel] = []
        for column, name in enumerate(weekday_names()):
            label = QLabel(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.header_labels.append(label)
            layout.addWidget(label, 0, column)
        self.buttons: list[QToolButton] = []
        for index in range(42):
            button = QToolButton()
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
            self.buttons.append(button)
            layout.addWidget(button, 1 + index // 7, index % 7)
        self.dates: list[dt.date] = []
        self.year = dt.date.today().year
        self.month = dt.date.today().month
        self.selected: dt.date | None = None
        self._shown: tuple[set[dt.date], set[dt.date], dt.date] | None = None
        self._fit_to_font()
        theme_signals().changed.connect(self._on_theme)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
        super().changeEvent(event)

    def _fit_to_font(self) -> None:
        """Days never smaller than their number at the interface text size (up to 200 %)."""
        metrics = self.fontMetrics()
        width = max(30, metrics.horizontalAdvance("00") + 12)
        height = max(26, metrics.height() + 4)
        for button in self.buttons:
            button.setMinimumSize(width, height)

    def _on_theme(self, _key: str) -> None:
        if self._shown is not None:
            self.show_month(self.year, self.month, *self._shown)

    def show_month(
        self,
        year: int,
        month: int,
        event_days: set[dt.date],
        bookmarked_days: set[dt.date],
        today: dt.date,
    ) -> None:
        self.year, self.month = year, month
        self._shown = (event_days, bookmarked_days, today)
        style = day_styles(current_colours())
        weeks = calendar.Calendar(firstweekday=first_weekday()).monthdatescalendar(year, month)
        self.dates = [day for week in weeks for day in week]
        while len(self.dates) < 42:
            self.dates.append(self.dates[-1] + dt.timedelta(days=1))
        for button, day in zip(self.buttons, self.dates, strict=True):
            button.setText(str(day.day))
            styles = []
            notes = []
            if day.month != month:
                styles.append(style["other_month"])
            if day in bookmarked_days:
                styles.append(style["bookmark"])
                notes.append(_("bookmarked event"))
            elif day in event_days:
                styles.append(style["event"])
                notes.append(_("event"))
            if day == today:
                styles.append(style["today"])
                notes.append(_("today"))
            if day == self.selected:
                styles.append(style["selected"])
            button.setStyleSheet(" ".join(styles))
            description = format_date(day, "full")
            if notes:
                description += " (" + ", ".join(notes) + ")"
            button.setToolTip(description)
            button.setAccessibleName(description)

    def _clicked(self, index: int) -> None:
        if index < len(self.dates):
            self.selected = self.dates[index]
            self.dayClicked.emit(self.dates[index])

    def button_for(self, day: dt.date) -> QToolButton | None:
        if day in self.dates:
            return self.buttons[self.dates.index(day)]
        return None
