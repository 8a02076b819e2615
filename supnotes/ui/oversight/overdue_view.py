"""The overdue list: one window, by worker; Enter opens the worker or the record.

Loaded off the UI thread from the open vault. Closed when SupNotes locks
(it shows names and action text).
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date

from PySide6.QtCore import QModelIndex, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from supnotes.services.overdue import OverdueEntry, OverdueKind, overdue_entries
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.oversight import overdue_model as om
from supnotes.ui.views.list_table import build_list_table
from supnotes.ui.views.loading import Loader
from supnotes.vault.vault import Vault


def summary_text(entries: list[OverdueEntry]) -> str:
    if not entries:
        return "Nothing is overdue."
    counts = Counter(e.kind for e in entries)
    words = {
        OverdueKind.SUPERVISION: ("supervision", "supervisions"),
        OverdueKind.ACTION: ("action", "actions"),
        OverdueKind.AGREEMENT: ("agreement past its review date", "agreements past review"),
    }
    parts = [
        f"{counts[k]} {words[k][0] if counts[k] == 1 else words[k][1]}"
        for k in OverdueKind
        if counts[k]
    ]
    workers = len({e.worker_id for e in entries if e.worker_id is not None})
    text = f"Overdue: {', '.join(parts)}, for {workers} {'worker' if workers == 1 else 'workers'}"
    if any(e.worker_id is None for e in entries):
        text += " and group sessions"
    return text + "."


class OverdueDialog(QDialog):
    open_record = Signal(str)  # a record id
    open_worker = Signal(str)  # a worker id
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdue-dialog")
        self.setWindowTitle("Overdue")
        self.model = om.OverdueModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(om.SORT_ROLE)
        self.summary = QLabel("Loading…", self)
        self.summary.setObjectName("overdue-summary")
        self.summary.setWordWrap(True)
        self.table = build_list_table(self, "overdue-table", "Overdue list", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.horizontalHeader().setSectionResizeMode(
            om.DETAILS, QHeaderView.ResizeMode.Stretch
        )
        self.table.activated.connect(self._activated)
        self.summary.setBuddy(self.table)
        hint = QLabel("Enter or double-click opens the worker or the record.", self)
        hint.setObjectName("overdue-hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(880, 460))  # never off a small screen
        self._loader = Loader(self)

    def load(self, vault: Vault, today: date | None = None) -> None:
        day = today or date.today()
        self._loader.load(lambda: overdue_entries(vault, day), self._show)

    def _show(self, entries: list[OverdueEntry]) -> None:
        self.model.set_entries(entries)
        self.summary.setText(summary_text(entries))
        if entries:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit()

    def clear(self) -> None:
        self._loader.cancel()
        self.model.clear()

    def current_entry(self) -> OverdueEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        entry = rows[0].data(om.ENTRY_ROLE)
        return entry if isinstance(entry, OverdueEntry) else None

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(om.ENTRY_ROLE)
        if isinstance(entry, OverdueEntry):
            self.open_entry(entry)

    def open_entry(self, entry: OverdueEntry) -> None:
        if entry.record_id is not None:
            self.open_record.emit(entry.record_id)
        elif entry.worker_id is not None:
            self.open_worker.emit(entry.worker_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # The table emits ``activated`` for Enter and passes the key on; here it
        # must not press the Close button. (On macOS the table does not activate
        # on Enter, so the entry is opened here.)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            entry = self.current_entry()
            if sys.platform == "darwin" and entry is not None:
                self.open_entry(entry)
            event.accept()
            return
        super().keyPressEvent(event)


def show_overdue(parent: QWidget, vault: Vault, existing: OverdueDialog | None) -> OverdueDialog:
    """Open (or raise and reload) the overdue list on ``vault``."""
    dialog = existing or OverdueDialog(parent)
    dialog.load(vault)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
