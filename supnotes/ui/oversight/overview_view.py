"""Oversight overview: each worker's timeline, and the same figures as a table.

The table is for screen-reader users and for copying; both come from the
same :class:`~supnotes.domain.timeline.WorkerTimeline` values, loaded off the
UI thread. Started for issue 14 item 1: caseload and agreement-review charts
are not drawn yet (docs/compliance.md says what is there).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from supnotes.domain.frequency import add_months
from supnotes.domain.records import RecordKind
from supnotes.domain.timeline import WorkerTimeline
from supnotes.services.timeline import timelines
from supnotes.ui.oversight.caseload_chart import CaseloadChart
from supnotes.ui.oversight.timeline_chart import TimelineChart
from supnotes.ui.rows_model import RowsModel
from supnotes.ui.views.list_table import build_list_table
from supnotes.ui.views.loading import Loader
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.vault import Vault


def default_period(today: date) -> Period:
    """The last six months up to today."""
    return Period(add_months(today, -6) + timedelta(days=1), today)


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
    )

    def set_lines(self, lines: list[WorkerTimeline]) -> None:
        self._replace_rows(lines)

    def cell_data(self, row: WorkerTimeline, column: int, role: int) -> Any:
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
        )
        return values[column]


class OverviewDialog(QDialog):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview-dialog")
        self.setWindowTitle("Oversight overview")
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
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(980, 560)
        self._loader = Loader(self)

    def load(self, vault: Vault, today: date | None = None) -> None:
        period = default_period(today or date.today())
        day = today or date.today()

        def work() -> tuple[list[WorkerTimeline], int, int]:
            settings = SettingsRepository(vault)
            with vault.exclusive():
                levels = int(settings.get("caseload.warning")), int(settings.get("caseload.target"))
            return timelines(vault, period, day), *levels

        self._loader.load(work, lambda found: self._show(*found, period=period))

    def _show(
        self, lines: list[WorkerTimeline], warning: int, target: int, *, period: Period
    ) -> None:
        self.chart.set_lines(lines, period)
        self.caseload.set_lines(lines, period, warning=warning, target=target)
        self.model.set_lines(lines)
        self.summary.setText(
            f"Supervision from {period.start.isoformat()} to {period.end.isoformat()}: "
            f"{len(lines)} workers in post."
        )
        self.loaded.emit()

    def clear(self) -> None:
        self._loader.cancel()
        self.chart.set_lines([], self.chart.period)
        self.caseload.set_lines([], self.chart.period, warning=20, target=15)
        self.model.set_lines([])
