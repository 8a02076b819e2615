"""Add, change and "leaves" for workers: the three worker actions, connected.

Each opens its dialog, saves through the worker repository (one short
transaction) and reloads the list with the worker selected. The dialogs'
code is imported when one is first opened, not before the main window paints.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from supnotes.domain.people import Worker
from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions
from supnotes.ui.views.worker_list import WorkerListPanel
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository


class WorkerCommands(QObject):
    def __init__(self, lock: LockController, actions: MainActions, panel: WorkerListPanel) -> None:
        super().__init__(panel)
        self._lock = lock
        self._actions = actions
        self._panel = panel
        self.dialog: QDialog | None = None  # the dialog last opened (tests inspect it)
        actions.add_worker.triggered.connect(self.add_worker)
        actions.edit_worker.triggered.connect(self.edit_worker)
        actions.worker_leaves.triggered.connect(self.worker_leaves)

    def add_worker(self) -> QDialog | None:
        vault = self._lock.vault
        if vault is None:
            return None
        rules = SettingsRepository(vault).stage_rules()
        from supnotes.ui.views.worker_dialog import build_worker_dialog

        dialog = build_worker_dialog(None, rules, date.today(), self._panel.window())
        dialog.accepted.connect(lambda: self._save(dialog.worker()))
        return self._open(dialog)

    def edit_worker(self) -> QDialog | None:
        vault, worker_id = self._lock.vault, self._panel.selected_worker_id()
        if vault is None or worker_id is None:
            return None
        rules = SettingsRepository(vault).stage_rules()
        existing = WorkerRepository(vault).get(worker_id)
        from supnotes.ui.views.worker_dialog import build_worker_dialog

        dialog = build_worker_dialog(existing, rules, date.today(), self._panel.window())
        dialog.accepted.connect(lambda: self._save(dialog.worker()))
        return self._open(dialog)

    def worker_leaves(self) -> QDialog | None:
        vault, worker_id = self._lock.vault, self._panel.selected_worker_id()
        if vault is None or worker_id is None:
            return None
        worker = WorkerRepository(vault).get(worker_id)
        from supnotes.ui.views.leaving_dialog import build_leaving_dialog

        dialog = build_leaving_dialog(worker, date.today(), self._panel.window())
        dialog.accepted.connect(
            lambda: self._save(replace(worker, leaving_date=dialog.leaving_date()))
        )
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _save(self, worker: Worker) -> None:
        vault = self._lock.vault
        if vault is None:
            return
        WorkerRepository(vault).save(worker)
        self._panel.reload(select=worker.id)
