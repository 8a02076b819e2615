"""Which period the overview shows: the last 3, 6 or 12 months, or a from/to of your own.

Choosing a preset, or changing either date, emits :attr:`PeriodChooser.changed`
with the new :class:`~supnotes.domain.compliance.Period`; a "from" after the
"to" is refused in words beside the dates and nothing is redrawn.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from supnotes.domain.compliance import Period
from supnotes.domain.frequency import add_months

PRESETS: tuple[tuple[str, int], ...] = (
    ("Last 3 months", 3),
    ("Last 6 months", 6),
    ("Last 12 months", 12),
)
CUSTOM = "From… to…"
DEFAULT_MONTHS = 6


def last_months(today: date, months: int) -> Period:
    """The ``months`` months up to and including ``today``."""
    return Period(add_months(today, -months) + timedelta(days=1), today)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodChooser(QWidget):
    changed = Signal(object)  # Period

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("period-chooser")
        self._today = today
        self.preset = QComboBox(self)
        self.preset.setObjectName("period-preset")
        for label, months in PRESETS:
            self.preset.addItem(label, months)
        self.preset.addItem(CUSTOM, 0)
        self.preset.setAccessibleName("Period shown")
        self.start = self._date_edit("period-from", "Period from")
        self.end = self._date_edit("period-to", "Period to")
        self.problem = QLabel("", self)
        self.problem.setObjectName("period-problem")
        title = QLabel("&Period:", self)
        title.setBuddy(self.preset)
        from_label = QLabel("&from", self)
        from_label.setBuddy(self.start)
        to_label = QLabel("t&o", self)
        to_label.setBuddy(self.end)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (title, self.preset, from_label, self.start, to_label, self.end):
            layout.addWidget(widget)
        layout.addWidget(self.problem, 1)
        self.preset.setCurrentIndex([m for _, m in PRESETS].index(DEFAULT_MONTHS))
        self._show_dates(last_months(today, DEFAULT_MONTHS))
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.start.dateChanged.connect(self._dates_edited)
        self.end.dateChanged.connect(self._dates_edited)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setMaximumDate(QDate(2200, 12, 31))
        return edit

    def period(self) -> Period | None:
        """The period the chooser shows, or None while "from" is after "to"."""
        first, last = _pydate(self.start.date()), _pydate(self.end.date())
        return None if last < first else Period(first, last)

    def _show_dates(self, period: Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _preset_chosen(self, _index: int) -> None:
        months = int(self.preset.currentData())
        if months:
            self._show_dates(last_months(self._today, months))
            self._emit()
        else:
            self.start.setFocus()

    def _dates_edited(self, _day: QDate) -> None:
        if int(self.preset.currentData()):
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.count() - 1)
            self.preset.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        period = self.period()
        if period is None:
            self.problem.setText("The period must start on or before its end.")
            return
        self.problem.setText("")
        self.changed.emit(period)

    def set_today(self, today: date) -> None:
        """Count the presets back from ``today``; the dates shown follow a preset."""
        self._today = today
        months = int(self.preset.currentData())
        if months:
            self._show_dates(last_months(today, months))
