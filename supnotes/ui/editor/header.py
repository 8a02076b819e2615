"""The record's header: who, which form, when, how long, and the next date.

The next date is suggested from the worker's frequency rule (their own, or
their stage's default) counted from this session's date; "Use" (Alt+U) takes
the suggestion.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from supnotes.domain.people import Worker
from supnotes.domain.records import Record
from supnotes.domain.schedule import next_due, rule_for
from supnotes.domain.templates import Template
from supnotes.domain.typed_dates import end_before_start
from supnotes.ui.editor.fields import date_edit, date_of, set_date, set_time, time_edit, time_of


@dataclass(frozen=True)
class Timing:
    held_on: date
    start_time: time | None
    end_time: time | None
    next_date: date | None


END_BEFORE_START = "⚠ End is before start"


def duration_text(start: time | None, end: time | None) -> str:
    """The session's length, or a warning when the end is before the start (never a wrap)."""
    if start is None or end is None:
        return "—"
    if end_before_start(start, end):
        return END_BEFORE_START
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class RecordHeader(QWidget):
    """Worker, template, reference, status; date, start, end, duration, next date."""

    edited = Signal()  # the user changed a date or time

    def __init__(
        self,
        record: Record,
        template: Template,
        worker: Worker | None,
        parent: QWidget | None = None,
        *,
        people: str = "",
    ) -> None:
        super().__init__(parent)
        self._read_only = False
        self.setObjectName("record-header")
        self._worker = worker
        self._loading = True
        self._init_labels(record, template, people)
        self._init_timing(record)
        self._loading = False
        self._refresh()

    def _init_labels(self, record: Record, template: Template, people: str) -> None:
        self._form = QFormLayout(self)
        self.title = QLabel(f"<b>{record.kind.label}</b> — {html.escape(people)}")
        self.title.setObjectName("record-title")
        self.title.setWordWrap(True)
        self._form.addRow(self.title)
        self.about = QLabel(
            f"{record.reference} · {template.title} (version {template.version}) · "
            f"{record.status.label}"
        )
        self.about.setObjectName("record-about")
        self.about.setWordWrap(True)
        self._form.addRow(self.about)

    def _init_timing(self, record: Record) -> None:
        self.held_on = date_edit("Date of the session", required=True)
        set_date(self.held_on, record.held_on)
        self.start = time_edit("Start time")
        set_time(self.start, record.start_time)
        self.end = time_edit("End time")
        set_time(self.end, record.end_time)
        self.duration = QLabel()
        self.duration.setAccessibleName("Duration")
        # Date on one row, the times on the next: side by side they made the
        # form wider than a 1024-pixel screen at 150% text.
        # When narrow (set_narrow), Duration goes below Start and End.
        date_row = QHBoxLayout()
        caption = QLabel("Date")
        caption.setBuddy(self.held_on)
        date_row.addWidget(caption)
        date_row.addWidget(self.held_on)
        date_row.addStretch(1)
        self._form.addRow(date_row)
        self._times = QGridLayout()
        for column, (label, widget) in enumerate((("Start", self.start), ("End", self.end))):
            caption = QLabel(label)
            caption.setBuddy(widget)
            self._times.addWidget(caption, 0, column * 2)
            self._times.addWidget(widget, 0, column * 2 + 1)
        self._duration_caption = QLabel("Duration")
        self._narrow = True
        self.set_narrow(False)
        self._form.addRow(self._times)
        self.next_date = date_edit("Next supervision date")
        set_date(self.next_date, record.next_date)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)  # wraps on a narrow window, never widens the form
        self.use_suggestion = QPushButton("&Use suggestion")
        self.use_suggestion.setAccessibleName("Use the suggested next date")
        self.use_suggestion.clicked.connect(self._use_suggestion)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_date)
        next_row.addWidget(self.use_suggestion)
        next_row.addStretch(1)
        self._form.addRow("Next date", next_row)
        # On its own row, so a wrapped suggestion gets the height it needs.
        self._form.addRow("", self.suggestion)
        for editor in (self.held_on, self.next_date, self.start, self.end):
            editor.value_changed.connect(self._changed)

    def set_narrow(self, narrow: bool) -> None:
        """Narrow: Duration on its own row below Start and End."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for widget in (self._duration_caption, self.duration):
            self._times.removeWidget(widget)
        row, column = (1, 0) if narrow else (0, 4)
        self._times.addWidget(self._duration_caption, row, column)
        self._times.addWidget(self.duration, row, column + 1, 1, 3 if narrow else 1)
        for stretch in range(7):
            self._times.setColumnStretch(stretch, 0)
        self._times.setColumnStretch(6, 1)  # the rest of the row stays empty

    def suggested_next(self) -> date | None:
        held = date_of(self.held_on)
        if self._worker is None or held is None:
            return None
        suggested = next_due(rule_for(self._worker), self._worker.start_date, held)
        return None if suggested == date.max else suggested  # the calendar's end: none

    def _use_suggestion(self) -> None:
        suggested = self.suggested_next()
        if suggested is not None:
            set_date(self.next_date, suggested)

    def _changed(self) -> None:
        self._refresh()
        if not self._loading:
            self.edited.emit()

    def _refresh(self) -> None:
        start, end = time_of(self.start), time_of(self.end)
        self.duration.setText(duration_text(start, end))
        wrong = end_before_start(start, end)
        self.duration.setProperty("warning", wrong)
        self.duration.setToolTip(
            "The end time is earlier than the start time: check both." if wrong else ""
        )
        self.end.setProperty("refused", wrong)
        for widget in (self.duration, self.end):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._refresh_suggestion()

    def _refresh_suggestion(self) -> None:
        # A signed record cannot take a suggestion: none is offered.
        suggested = None if self._read_only else self.suggested_next()
        self.suggestion.setText(
            f"Suggested: {suggested:%a %d %b %Y} (worker's frequency rule)" if suggested else ""
        )
        self.suggestion.setVisible(suggested is not None)
        self.use_suggestion.setVisible(suggested is not None)

    def timing(self) -> Timing:
        return Timing(
            held_on=date_of(self.held_on) or date.today(),  # required: never empty
            start_time=time_of(self.start),
            end_time=time_of(self.end),
            next_date=date_of(self.next_date),
        )

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for field in (self.held_on, self.start, self.end, self.next_date):
            field.setReadOnly(read_only)
        self.use_suggestion.setEnabled(not read_only)
        self._refresh_suggestion()
