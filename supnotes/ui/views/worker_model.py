"""The worker list as a table model: one row per worker, with their standing.

Columns are named constants; the custom roles give views and tests the
worker's id, a sortable key and the days overdue without parsing text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from supnotes.domain.people import Stage
from supnotes.domain.rule_names import label_of
from supnotes.domain.standing import WorkerStanding
from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.views.formatting import days_text, quiet_colour, short_date, warning_colour

Index = QModelIndex | QPersistentModelIndex

NAME, STAGE, TEAM, LAST_HELD, NEXT_DUE, OPEN_ACTIONS, OVERDUE_ACTIONS, CASELOAD = range(8)
HEADERS = ("Name", "Stage", "Team", "Last", "Next due", "Actions", "Late", "Caseload")
HEADER_TIPS = (
    "",
    "Career stage; it decides the default supervision frequency",
    "",
    "The last one-to-one supervision held",
    "When the next supervision is due under the worker's frequency rule",
    "Actions still open",
    "Open actions past their due date",
    "Children allocated, as last counted",
)
SHORT_STAGES = {
    Stage.ASYE: "ASYE/NQSW",
    Stage.QUALIFIED: "Qualified",
    Stage.UNQUALIFIED: "Unqualified",
    Stage.MANAGER: "Manager",
}

WORKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the worker's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the column correctly
DAYS_OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3  # int: supervision days overdue (0 if not)
HAS_LEFT_ROLE = Qt.ItemDataRole.UserRole + 4  # bool: the worker has left

OVERDUE_MARK = "⚠"  # with the colour, so overdue never depends on colour alone


class WorkerTableModel(RowsModel[WorkerStanding]):
    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._today = date.today()

    # -- filling ------------------------------------------------------------------

    def set_standings(self, standings: Sequence[WorkerStanding], today: date) -> None:
        self._today = today
        self._replace_rows(standings)

    def clear(self) -> None:
        """Forget every worker (on lock: no names stay in memory)."""
        self.set_standings([], self._today)

    def standing(self, row: int) -> WorkerStanding:
        return self.row(row)

    def row_of(self, worker_id: str) -> int | None:
        for row, standing in enumerate(self._rows):
            if standing.worker.id == worker_id:
                return row
        return None

    @property
    def standings(self) -> list[WorkerStanding]:
        return list(self._rows)

    @property
    def today(self) -> date:
        return self._today

    # -- the model interface ---------------------------------------------------------

    def header(self, section: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            # The title first: a shrunk column elides it in the header.
            tip = HEADER_TIPS[section]
            return f"{self.HEADERS[section]}: {tip}" if tip else self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= OPEN_ACTIONS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return super().header(section, role)

    def cell_data(self, standing: WorkerStanding, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(standing, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(standing, column) or self._display(standing, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return right if column >= OPEN_ACTIONS else None
        handler = _ROLES.get(role)
        return None if handler is None else handler(self, standing, column)

    # -- one cell ------------------------------------------------------------------

    def _has_left(self, standing: WorkerStanding, _column: int = NAME) -> bool:
        leaving = standing.worker.leaving_date
        return leaving is not None and leaving <= self._today

    def _days_overdue(self, standing: WorkerStanding, _column: int = NAME) -> int:
        return standing.days_overdue(self._today)

    def _worker_id(self, standing: WorkerStanding, _column: int = NAME) -> str:
        return standing.worker.id

    def _display(self, standing: WorkerStanding, column: int) -> str:
        if column == NEXT_DUE:
            if self._has_left(standing):
                return f"Left {short_date(standing.worker.leaving_date)}"
            due = short_date(standing.next_due)
            return f"{OVERDUE_MARK} {due}" if self._days_overdue(standing) else due
        return _TEXT[column](standing)

    def _tooltip(self, standing: WorkerStanding, column: int) -> str | None:
        worker = standing.worker
        tip: str | None = None
        if column == NEXT_DUE and not self._has_left(standing):
            days = self._days_overdue(standing)
            late = f"Supervision overdue by {days_text(days)}. " if days else ""
            tip = f"{late}Frequency: {label_of(standing.rule)}."
        elif column == OVERDUE_ACTIONS and standing.overdue_actions:
            tip = f"{standing.overdue_actions} open actions are past their due date."
        elif column == CASELOAD and worker.latest_caseload is not None:
            latest = worker.latest_caseload
            tip = f"{latest.count} children, counted on {short_date(latest.on)}."
        elif column == NAME and worker.role:
            tip = worker.role
        elif column == STAGE:
            tip = worker.stage.label
        return tip

    def _foreground(self, standing: WorkerStanding, column: int) -> Any:
        if self._has_left(standing):
            return quiet_colour()
        late = (column == NEXT_DUE and self._days_overdue(standing)) or (
            column == OVERDUE_ACTIONS and standing.overdue_actions
        )
        return warning_colour() if late else None

    def _sort_key(self, standing: WorkerStanding, column: int) -> Any:
        return _SORT[column](standing)


def _caseload_text(standing: WorkerStanding) -> str:
    count = standing.worker.current_caseload
    return "" if count is None else str(count)


_TEXT: dict[int, Callable[[WorkerStanding], str]] = {
    NAME: lambda s: s.worker.name,
    STAGE: lambda s: SHORT_STAGES[s.worker.stage],
    TEAM: lambda s: s.worker.team,
    LAST_HELD: lambda s: (
        (short_date(s.last_held) + ("" if s.last_held_signed else " (unsigned)"))
        if s.last_held
        else "None yet"
    ),
    OPEN_ACTIONS: lambda s: str(s.open_actions),
    OVERDUE_ACTIONS: lambda s: str(s.overdue_actions) if s.overdue_actions else "",
    CASELOAD: _caseload_text,
}

_SORT: dict[int, Callable[[WorkerStanding], Any]] = {
    NAME: lambda s: s.worker.name.casefold(),
    STAGE: lambda s: s.worker.stage.label,
    TEAM: lambda s: s.worker.team.casefold(),
    LAST_HELD: lambda s: (s.last_held or date.min).toordinal(),
    NEXT_DUE: lambda s: (s.next_due or date.max).toordinal(),
    OPEN_ACTIONS: lambda s: s.open_actions,
    OVERDUE_ACTIONS: lambda s: s.overdue_actions,
    CASELOAD: lambda s: -1 if s.worker.current_caseload is None else s.worker.current_caseload,
}

_ROLES: dict[int, Callable[[WorkerTableModel, WorkerStanding, int], Any]] = {
    Qt.ItemDataRole.ToolTipRole: WorkerTableModel._tooltip,
    Qt.ItemDataRole.ForegroundRole: WorkerTableModel._foreground,
    WORKER_ID_ROLE: WorkerTableModel._worker_id,
    SORT_ROLE: WorkerTableModel._sort_key,
    DAYS_OVERDUE_ROLE: WorkerTableModel._days_overdue,
    HAS_LEFT_ROLE: WorkerTableModel._has_left,
}


class WorkerFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; hides leavers unless asked to show them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_leavers = False
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(NAME)

    @property
    def show_leavers(self) -> bool:
        return self._show_leavers

    def set_show_leavers(self, show: bool) -> None:
        if show != self._show_leavers:
            self.beginFilterChange()
            self._show_leavers = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        source = self.sourceModel()
        if not self._show_leavers and source.data(
            source.index(source_row, NAME, source_parent), HAS_LEFT_ROLE
        ):
            return False
        return super().filterAcceptsRow(source_row, source_parent)
