"""Oversight overview: each worker's timeline, and the same figures as a table.

The table is for screen-reader users and for copying; both come from the
same :class:`~supnotes.domain.timeline.WorkerTimeline` values, loaded off the
UI thread. The period chooser (last 3, 6 or 12 months, or a from/to) reloads
all three tabs. Open actions and agreement reviews count as overdue against
today, whatever period is shown, as the overdue list counts them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.compliance import Period
from supnotes.domain.records import RecordKind
from supnotes.domain.settings import CASELOAD_TARGET, CASELOAD_WARNING
from supnotes.domain.timeline import DatedMark, WorkerTimeline
from supnotes.services.timeline import timelines
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.oversight.caseload_chart import CaseloadChart
from supnotes.ui.oversight.period_chooser import DEFAULT_MONTHS, PeriodChooser, last_months
from supnotes.ui.oversight.timeline_chart import TimelineChart
from supnotes.ui.views.formatting import warning_colour
from supnotes.ui.views.list_table import build_list_table
from supnotes.ui.views.loading import Loader
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


def default_period(today: date) -> Period:
    """The last six months up to today."""
    return last_months(today, DEFAULT_MONTHS)


def dated_text(mark: DatedMark | None) -> str:
    """A date as the table shows it, saying in words when it is overdue."""
    if mark is None:
        return ""
    return f"{mark.on.isoformat()} (overdue)" if mark.overdue else mark.on.isoformat()


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def highest(row: WorkerTimeline) -> int | None:
    """The highest caseload in force at any time in the worker's window."""
    counts = [e.count for e in row.worker.caseload if row.window.start < e.on <= row.window.end]
    start = row.worker.caseload_on(row.window.start)
    if start is not None:
        counts.append(start)
    return max(counts, default=None)


class TimelineTableModel(RowsModel[WorkerTimeline]):
    HEADERS = (
        "Worker",
        "In post",
        "One-to-one",
        "Group",
        "Ad-hoc",
        "Unsigned",
        "Due dates",
        "Overdue stretches",
        "Days overdue (total)",
        "Caseload at start",
        "Caseload at end",
        "Highest caseload",
        "Open actions",
        "Actions overdue",
        "Next action due",
        "Agreement review due",
    )
    OPEN_ACTIONS = 12
    ACTIONS_OVERDUE = 13
    NEXT_ACTION = 14
    REVIEW = 15

    def set_lines(self, lines: list[WorkerTimeline]) -> None:
        self._replace_rows(lines)

    def cell_data(self, row: WorkerTimeline, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None

        def count(kind: RecordKind) -> str:
            return str(sum(1 for m in row.marks if m.kind is kind))

        values = (
            row.worker.name,
            f"{row.window.start.isoformat()} to {row.window.end.isoformat()}",
            count(RecordKind.ONE_TO_ONE),
            count(RecordKind.GROUP),
            count(RecordKind.AD_HOC),
            str(sum(1 for m in row.marks if not m.signed)),
            str(len(row.due_dates)),
            "; ".join(f"{s.start.isoformat()} to {s.end.isoformat()}" for s in row.overdue),
            str(sum(s.days for s in row.overdue)),
            _count(row.worker.caseload_on(row.window.start)),
            _count(row.worker.caseload_on(row.window.end)),
            _count(highest(row)),
            str(row.open_actions),
            str(row.actions_overdue),
            dated_text(next_action(row)),
            dated_text(row.review),
        )
        return values[column]

    def _foreground(self, row: WorkerTimeline, column: int) -> QColor | None:
        overdue = {
            self.ACTIONS_OVERDUE: row.actions_overdue > 0,
            self.NEXT_ACTION: (mark := next_action(row)) is not None and mark.overdue,
            self.REVIEW: row.review is not None and row.review.overdue,
        }
        return warning_colour() if overdue.get(column, False) else None


def _many(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def next_action(row: WorkerTimeline) -> DatedMark | None:
    """The open action due soonest (the oldest overdue one first)."""
    return row.actions[0] if row.actions else None


class OverviewDialog(QDialog):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview-dialog")
        self.setWindowTitle("Oversight overview")
        self._today = today or date.today()
        self._vault: Vault | None = None
        self.chooser = PeriodChooser(self._today, self)
        self.chooser.changed.connect(self._reload)
        self.summary = QLabel("Loading…", self)
        self.summary.setObjectName("overview-summary")
        self.chart = TimelineChart(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.model = TimelineTableModel(self)
        self.table = build_list_table(self, "overview-table", "Supervision figures", self.model)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "&Timeline")
        self.caseload = CaseloadChart(self)
        caseload_scroll = QScrollArea(self)
        caseload_scroll.setWidgetResizable(True)
        caseload_scroll.setWidget(self.caseload)
        self.tabs.addTab(caseload_scroll, "&Caseload")
        self.tabs.addTab(self.table, "T&able")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(980, 560))  # never off a small screen
        self._loader = Loader(self)

    def load(self, vault: Vault, today: date | None = None) -> None:
        """Load the period the chooser shows (the last six months at first)."""
        self._vault = vault
        if today is not None and today != self._today:
            self._today = today
            self.chooser.set_today(today)
        self._reload(self.chooser.period() or default_period(self._today))

    def _reload(self, period: Period) -> None:
        vault, day = self._vault, self._today
        if vault is None:
            return
        self.summary.setText("Loading…")

        def work() -> tuple[list[WorkerTimeline], int, int]:
            store = SettingsStore(vault)
            with vault.exclusive():
                levels = store.get_int(CASELOAD_WARNING), store.get_int(CASELOAD_TARGET)
            return timelines(vault, period, day), *levels

        self._loader.load(work, lambda found: self._show(*found, period=period))

    def _show(
        self, lines: list[WorkerTimeline], warning: int, target: int, *, period: Period
    ) -> None:
        self.chart.set_lines(lines, period)
        self.caseload.set_lines(lines, period, warning=warning, target=target)
        self.model.set_lines(lines)
        actions = sum(line.actions_overdue for line in lines)
        reviews = sum(1 for line in lines if line.review is not None and line.review.overdue)
        self.summary.setText(
            f"Supervision from {period.start.isoformat()} to {period.end.isoformat()}: "
            f"{_many(len(lines), 'worker', 'workers')} in post. Overdue today: "
            f"{_many(actions, 'open action', 'open actions')}, "
            f"{_many(reviews, 'agreement', 'agreements')} past review."
        )
        self.loaded.emit()

    def clear(self) -> None:
        self._loader.cancel()
        self._vault = None
        self.chart.set_lines([], self.chart.period)
        self.caseload.set_lines([], self.chart.period, warning=20, target=15)
        self.model.set_lines([])
