"""The selected worker's thread of records, newest first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.common.labels import bold_label
from supnotes.ui.views import thread_model as tm
from supnotes.ui.views.column_fit import ColumnFitter
from supnotes.ui.views.discard_draft import DraftDiscarder
from supnotes.ui.views.list_table import build_list_table
from supnotes.ui.views.loading import Loader
from supnotes.vault.repositories.thread import ThreadEntry, ThreadRepository
from supnotes.vault.vault import Vault

NO_WORKER = "Choose a worker to see their supervision records, newest first."
NO_RECORDS = "No records yet. Start one with New session (Ctrl+N)."


class ThreadPanel(QFrame):
    open_record_requested = Signal(str)  # the record's id, on double-click or Enter
    loaded = Signal()  # the selected worker's records are in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thread-panel")
        self.model = tm.RecordThreadModel(self)
        self._loader = Loader(self)
        self._vault: Vault | None = None
        self._threads: ThreadRepository | None = None  # kept: it caches template titles
        self._worker_id: str | None = None
        self._loading = False
        self._focus_when_shown = False  # Enter on a worker came before their records
        self._kept: tuple[str, bool] | None = None  # record id, had the keyboard (over a lock)
        self._init_header()
        self._init_table()
        self._init_layout()

    def _init_header(self) -> None:
        self.title = bold_label("Records", self)
        self.title.setObjectName("thread-title")
        self.title.setWordWrap(True)
        self.hint = QLabel(NO_WORKER, self)
        self.hint.setObjectName("thread-hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def _init_table(self) -> None:
        table = build_list_table(self, "thread-table", "Records of the selected worker", self.model)
        self.columns = ColumnFitter(
            table,
            main=tm.DATE,
            spare=tm.TEMPLATE,
            shrink_first=(tm.TEMPLATE, tm.REFERENCE),
            plain_text=True,
            keep=(tm.STATUS,),  # a draft must be told from a signed record at a glance
        )
        table.activated.connect(self._activated)
        self.table = table
        self.discarder = DraftDiscarder(table, self.model, lambda: self._vault)
        self.discarder.discarded.connect(lambda _record_id: self._reload())

    def _init_layout(self) -> None:
        self.body = QStackedWidget(self)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)

    # -- the vault and the chosen worker --------------------------------------------

    def bind(self, vault: Vault) -> None:
        self._vault = vault
        self._threads = ThreadRepository(vault)
        self._reload()

    def unbind(self) -> None:
        self._loading = self._focus_when_shown = False
        self._loader.cancel()
        self._vault = self._threads = None
        self.model.clear()
        self._show_hint(NO_WORKER)

    def remember_selection(self) -> None:
        """Keep the selected record (and whether it had the keyboard) for the next load.

        Before locking: unlocking puts the same record row back, as README says.
        """
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows() if index.isValid() else []
        self._kept = (str(rows[0].data(tm.RECORD_ID_ROLE)), self.table.hasFocus()) if rows else None

    def show_worker(self, worker_id: str | None, name: str = "") -> None:
        """Show ``worker_id``'s records (None: nobody chosen)."""
        self._worker_id = worker_id
        # Plain text: a name is shown as typed, never read as markup.
        self.title.setText(f"Records — {name}" if name else "Records")
        self._reload()

    def reload(self) -> None:
        self._reload()

    def _reload(self) -> None:
        threads, worker_id = self._threads, self._worker_id
        if threads is None or worker_id is None:
            self._loading = self._focus_when_shown = False
            self._loader.cancel()
            self.model.clear()
            self._show_hint(NO_WORKER)
            return
        self._loading = True
        self._loader.load(lambda: threads.for_worker(worker_id), self._show)

    def _show(self, entries: list[ThreadEntry]) -> None:
        self._loading = False
        self.model.set_entries(entries)
        if entries:
            self.body.setCurrentWidget(self.table)
            self.columns.fit_now()
            self._restore_selection()
        else:
            self._show_hint(NO_RECORDS)
        if self._focus_when_shown:
            self._focus_when_shown = False
            self.focus_newest()
        self.loaded.emit()

    def _restore_selection(self) -> None:
        kept, self._kept = self._kept, None
        if kept is None:
            return
        record_id, had_keyboard = kept
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(tm.RECORD_ID_ROLE) == record_id:
                self.table.selectRow(row)
                if had_keyboard:
                    self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.body.setCurrentWidget(self.hint)

    def focus_newest(self) -> bool:
        """Put the keyboard in the records, on the newest (Enter on a worker).

        While the worker's records are still loading, this happens when they
        are in. False when there are none (the keyboard stays where it is).
        """
        if self._loading:
            self._focus_when_shown = True
            return True
        if not self.model.rowCount():
            return False
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectRow(0)
        return True

    def _activated(self, index: QModelIndex) -> None:
        self.open_record_requested.emit(str(index.data(tm.RECORD_ID_ROLE)))
