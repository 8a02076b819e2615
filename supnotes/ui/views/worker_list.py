"""The worker list: who you supervise, when they are due, what is open.

A sortable table over :class:`WorkerTableModel`, a one-line overview of the
team (workers, overdue supervisions, overdue actions) and a "Show leavers"
switch. Rows are loaded off the UI thread and dropped when the vault locks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.standing import WorkerStanding
from supnotes.ui.common.labels import bold_label
from supnotes.ui.views import worker_model as wm
from supnotes.ui.views.column_fit import ColumnFitter
from supnotes.ui.views.list_table import build_list_table
from supnotes.ui.views.loading import Loader
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.vault import Vault

LOADING = "Loading workers…"  # the summary line until the first rows arrive


def overview_text(standings: list[WorkerStanding], today: date) -> str:
    """``8 workers · 2 supervisions overdue · 5 actions overdue``, for the header."""
    current = [
        s for s in standings if s.worker.leaving_date is None or s.worker.leaving_date > today
    ]
    overdue = sum(1 for s in current if s.days_overdue(today))
    actions = sum(s.overdue_actions for s in current)
    parts = [f"{len(current)} worker{'s' if len(current) != 1 else ''}"]
    parts.append(f"{overdue} supervision{'s' if overdue != 1 else ''} overdue")
    parts.append(f"{actions} action{'s' if actions != 1 else ''} overdue")
    return " · ".join(parts)


class WorkerListPanel(QFrame):
    worker_selected = Signal(object)  # str: the chosen worker's id; None when none is chosen
    worker_activated = Signal(str)  # the worker's id, on double-click or Enter
    loaded = Signal()  # the rows are in (tests and the window's status wait on this)
    add_requested = Signal()  # "Add your first worker…" on a vault with no workers yet

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workers-panel")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.model = wm.WorkerTableModel(self)
        self.proxy = wm.WorkerFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._loader = Loader(self)
        self._vault: Vault | None = None
        self._selected: str | None = None
        self._init_header()
        self._init_table()
        self._init_layout()

    def _init_header(self) -> None:
        self.title = bold_label("Workers", self)
        self.summary = QLabel("", self)
        self.summary.setObjectName("workers-summary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.summary.setWordWrap(True)  # wraps on a narrow window rather than widen it
        self.show_leavers = QCheckBox("Show &leavers", self)
        self.show_leavers.setObjectName("show-leavers")
        self.show_leavers.setAccessibleName("Show workers who have left")
        self.show_leavers.toggled.connect(self._leavers_toggled)

    def _init_table(self) -> None:
        table = build_list_table(self, "workers-table", "Workers", self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(wm.NAME, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        header.setSectionHidden(wm.TEAM, True)  # one team is the usual case
        # The name is never the squeezed column; the others shrink, or can be hidden.
        self.columns = ColumnFitter(
            table,
            main=wm.NAME,
            shrink_first=(wm.LAST_HELD, wm.STAGE, wm.TEAM),
            keep=(wm.NEXT_DUE,),  # when supervision is due is what the list is read for
        )
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.activated.connect(self._activated)
        self.table = table

    def _init_empty(self) -> QWidget:
        """What a new vault shows instead of an empty table: the first step."""
        page = QWidget(self)
        page.setObjectName("workers-empty")
        # Two plain-text labels rather than one in rich text (see bold_label).
        heading = bold_label("No workers yet.", page)
        heading.setObjectName("workers-empty-heading")
        text = QLabel(
            "Add the people you supervise: each one's "
            "supervision records, due dates and actions are kept under their name.",
            page,
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.add_first = QPushButton("&Add your first worker…", page)
        self.add_first.setObjectName("add-first-worker")
        self.add_first.clicked.connect(self.add_requested)
        column = QVBoxLayout(page)
        gap = column.spacing()
        column.setSpacing(0)  # the heading and its text read as one paragraph
        column.addWidget(heading)
        column.addWidget(text)
        column.addSpacing(max(0, gap))
        column.addWidget(self.add_first, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return page

    def _init_layout(self) -> None:
        self.empty = self._init_empty()
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.show_leavers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.body, 1)

    # -- the vault ---------------------------------------------------------------

    def bind(self, vault: Vault) -> None:
        """Show the workers of ``vault`` (loaded off the UI thread)."""
        self._vault = vault
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Load again (after an edit); keep or move the selection to ``select``."""
        if select is not None:
            self._selected = select  # also when not bound yet: the first load selects it
        vault = self._vault
        if vault is None:
            return
        if not self.model.rowCount():
            # Until the first rows arrive (the window shows before they load).
            self.summary.setText(LOADING)
        today = date.today()
        self._loader.load(
            lambda: OverviewRepository(vault).standings(today),
            lambda standings: self._show(standings, today),
        )

    def unbind(self) -> None:
        """Drop every row and forget the vault (on lock)."""
        self._loader.cancel()
        self._vault = None
        self.model.clear()
        self.summary.setText("")
        self.worker_selected.emit(None)

    def _show(self, standings: list[WorkerStanding], today: date) -> None:
        keep = self._selected
        self.model.set_standings(standings, today)
        self.summary.setText(overview_text(standings, today))
        self.body.setCurrentWidget(self.table if standings else self.empty)
        if keep is not None:
            self.select_worker(keep)
        self._selection_changed()
        self.loaded.emit()

    # -- selection -------------------------------------------------------------

    def selected_worker_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows(wm.NAME)
        return str(rows[0].data(wm.WORKER_ID_ROLE)) if rows else None

    def select_worker(self, worker_id: str) -> bool:
        row = self.model.row_of(worker_id)
        if row is None:
            return False
        if self.model.data(self.model.index(row, wm.NAME), wm.HAS_LEFT_ROLE):
            self.show_leavers.setChecked(True)
        index = self.proxy.mapFromSource(self.model.index(row, wm.NAME))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _selection_changed(
        self,
        _selected: QItemSelection | None = None,
        _deselected: QItemSelection | None = None,
    ) -> None:
        chosen = self.selected_worker_id()
        if self.model.rowCount():
            self._selected = chosen
        self.worker_selected.emit(chosen)

    def _activated(self, index: QModelIndex) -> None:
        self.worker_activated.emit(str(index.data(wm.WORKER_ID_ROLE)))

    def _leavers_toggled(self, show: bool) -> None:
        self.proxy.set_show_leavers(show)
