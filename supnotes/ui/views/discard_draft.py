"""Discarding a draft from the worker's thread: "Discard draft…" or Delete, after a question.

A draft that should not have been started (the wrong worker, a session that
did not happen) is thrown away here, never a signed record. The question
names the record and defaults to keeping it; a draft open in an editor is
not discarded (close the editor first). This module owns discarding; the
main window's menus may place :attr:`DraftDiscarder.action` too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

from supnotes.domain.records import RecordStatus
from supnotes.ui.views import thread_model as tm
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.thread import ThreadEntry
from supnotes.vault.vault import Vault


def build_discard_draft_question(parent: QWidget, entry: ThreadEntry) -> QMessageBox:
    """ "Discard the draft …?" with Keep as the default; the caller opens it."""
    box = QMessageBox(parent)
    box.setObjectName("discard-draft")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Discard draft")
    box.setText(
        f"Discard the draft {entry.reference} of {entry.held_on:%d/%m/%Y} ({entry.template_title})?"
    )
    box.setInformativeText("Everything written in it is deleted. This cannot be undone.")
    box.setStandardButtons(QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText("&Discard draft")
    box.button(QMessageBox.StandardButton.Cancel).setText("&Keep it")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


class DraftDiscarder(QObject):
    """The thread table's "Discard draft…" action (Delete), with its question."""

    discarded = Signal(str)  # the id of the draft just deleted
    refused = Signal(str)  # why the chosen record cannot be discarded, in plain words

    def __init__(
        self,
        table: QTableView,
        model: tm.RecordThreadModel,
        vault: Callable[[], Vault | None],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._vault = vault
        self.is_open: Callable[[str], bool] = lambda _record_id: False
        self.question: QMessageBox | None = None
        self.action = QAction("Discard dra&ft…", table)
        self.action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.setToolTip("Delete the chosen draft (signed records are never deleted)")
        self.action.triggered.connect(self.ask)
        table.addAction(self.action)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def current(self) -> ThreadEntry | None:
        record_id = self._table.currentIndex().data(tm.RECORD_ID_ROLE)
        for row in range(self._model.rowCount()):
            entry = self._model.entry(row)
            if entry.record_id == record_id:
                return entry
        return None

    def ask(self) -> QMessageBox | None:
        """Ask about the current record, if it is a draft that can go."""
        entry = self.current()
        if entry is None:
            self.refused.emit("Choose a draft in the worker's records first.")
            return None
        if entry.status is not RecordStatus.DRAFT:
            self.refused.emit(
                f"{entry.reference} is signed: it is never deleted. Add an addendum instead."
            )
            return None
        if entry.record_id in self._model.being_sealed:
            self.refused.emit(f"{entry.reference} is being sealed: it is signed in a moment.")
            return None
        if self.is_open(entry.record_id):
            self.refused.emit(f"{entry.reference} is open in an editor: close it first.")
            return None
        box = build_discard_draft_question(self._table, entry)
        self.question = box
        box.finished.connect(lambda result: self._answered(entry, result))
        box.open()
        return box

    def _answered(self, entry: ThreadEntry, result: int) -> None:
        self.question = None
        vault = self._vault()
        if result != QMessageBox.StandardButton.Discard or vault is None:
            self._table.setFocus()
            return
        RecordRepository(vault).delete_draft(entry.record_id)
        self.discarded.emit(entry.record_id)
        self._table.setFocus()
