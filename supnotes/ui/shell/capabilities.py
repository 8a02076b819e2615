"""Connects the File menu's vault capabilities to what does them.

Export and import, restore and check, the passphrase, the recovery key and
the organisation's signing identity: each action opens its own dialog module
(:mod:`~supnotes.ui.file_menu.portability_dialogs`, :mod:`~supnotes.ui.file_menu.vault_care`,
:mod:`~supnotes.ui.access.key_dialogs`), with the vault the lock controller holds.
The last dialog opened is kept on :attr:`Capabilities.last_dialog` for tests.

Those modules are imported by the method that opens their dialog, not with
this one: the main window's first paint needs none of them (they bring the
export format, the recovery sheet and the passphrase meter).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QWidget

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions
from supnotes.ui.shell.parts import Parts
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault


class Capabilities:
    def __init__(
        self,
        window: QMainWindow,
        actions: MainActions,
        lock: LockController,
        parts: Parts,
        editors_open: Callable[[], int],
    ) -> None:
        self._window = window
        self._lock = lock
        self._parts = parts
        self._editors_open = editors_open
        self.last_dialog: QWidget | None = None
        self.restorer: object = None
        a = actions
        a.export_vault.triggered.connect(self.export_vault)
        a.export_worker.triggered.connect(self.export_worker)
        a.subject_access.triggered.connect(self.subject_access)
        a.send_to_organisation.triggered.connect(self.send_to_organisation)
        a.import_json.triggered.connect(self.import_json)
        a.hand_over_worker.triggered.connect(self.hand_over_worker)
        a.receive_handover.triggered.connect(self.receive_handover)
        a.restore_backup.triggered.connect(self.restore)
        a.check_vault.triggered.connect(self.check)
        a.change_passphrase.triggered.connect(self.change_passphrase)
        a.new_recovery_key.triggered.connect(self.new_recovery_key)
        a.import_identity.triggered.connect(self.import_identity)
        parts.workers.worker_selected.connect(
            lambda worker_id: a.export_worker.setEnabled(worker_id is not None)
        )

    def report(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 15_000)

    def _vault(self) -> Vault | None:
        return self._lock.vault

    def export_vault(self) -> Path | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu import portability_dialogs

        return portability_dialogs.export_dialog(vault, self._window, self.report)

    def export_worker(self) -> Path | None:
        vault = self._vault()
        worker_id = self._parts.workers.selected_worker_id()
        if vault is None or worker_id is None:
            return None
        from supnotes.ui.file_menu import portability_dialogs

        name = WorkerRepository(vault).get(worker_id).name
        return portability_dialogs.export_dialog(
            vault, self._window, self.report, (worker_id, name)
        )

    def subject_access(self) -> QDialog | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu.subject_access_dialog import SubjectAccessDialog

        dialog = SubjectAccessDialog(
            vault, self.report, self._window, self._parts.workers.selected_worker_id()
        )
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def send_to_organisation(self) -> QDialog | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu.send_dialog import SendDialog

        dialog = SendDialog(vault, self.report, self._window)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def hand_over_worker(self) -> QDialog | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog

        dialog = HandOverDialog(
            vault, self.report, self._window, self._parts.workers.selected_worker_id()
        )
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def receive_handover(self) -> QDialog | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog

        dialog = ReceiveDialog(vault, self.report, self._parts.wiring.refresh_soon, self._window)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def import_json(self) -> Path | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu import portability_dialogs

        return portability_dialogs.import_dialog(
            vault, self._window, self.report, self._parts.wiring.refresh_soon
        )

    def import_identity(self) -> Path | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.file_menu import portability_dialogs

        return portability_dialogs.identity_dialog(vault, self._window, self.report)

    def check(self) -> None:
        from supnotes.ui.file_menu import vault_care

        vault = self._vault()
        if vault is not None:
            vault_care.check_vault(vault, self._window, self.report)

    def restore(self) -> None:
        from supnotes.ui.common.file_dialogs import choose_open_path
        from supnotes.ui.file_menu import vault_care

        vault = self._vault()
        if vault is None:
            return
        if self._editors_open():
            QMessageBox.information(
                self._window,
                "Restore from a backup",
                "Close the open records first: restoring replaces every record.",
            )
            return
        backup = choose_open_path(
            self._window, vault, "Restore from a backup", vault_care.BACKUP_FILTER
        )
        if backup is None:
            return
        # A file that is not a backup at all is refused before the passphrase
        # is asked for and before the window is locked.
        if vault_care.refuse_if_not_a_backup(self._window, backup):
            return
        unlock = vault_care.ask_backup_passphrase(self._window, backup)
        if unlock is not None:
            # Kept while the restore runs in the background.
            self.restorer = vault_care.Restorer(self._lock, self._window, self.report)
            self.restorer.restore(backup, unlock)

    def change_passphrase(self) -> QDialog | None:
        vault = self._vault()
        if vault is None:
            return None
        from supnotes.ui.access import key_dialogs

        dialog = key_dialogs.ChangePassphraseDialog(vault, self.report, self._window)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def new_recovery_key(self) -> QMessageBox | None:
        from supnotes.ui.access import key_dialogs

        vault = self._vault()
        if vault is None:
            return None
        question = key_dialogs.ask_new_recovery_key(self._window)
        self.last_dialog = question

        def answered(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes and self._lock.vault is not None:
                key_dialogs.make_new_recovery_key(self._lock.vault, self._window, self._shown)

        question.finished.connect(answered)
        question.open()
        return question

    def _shown(self, dialog: QDialog) -> None:
        self.last_dialog = dialog
