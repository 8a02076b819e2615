"""The app on a vault whose drive is full: it opens read-only and says so in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault
from tests.drives import SmallDrive, small_drive
from tests.ui.conftest import PASSPHRASE

__all__ = ["small_drive"]


def test_a_vault_on_a_full_drive_opens_read_only_and_says_why(
    qapp: QApplication, qtbot: QtBot, small_drive: SmallDrive, machine: MachineState
) -> None:
    folder = small_drive.path / "vault"
    made, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    made.close()
    small_drive.fill()
    vault = Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    assert vault.read_only
    font = qapp.font()
    controller = AppController(qapp, folder, machine=machine, appearance=Appearance(qapp))
    try:
        controller.vault_ready(vault)
        window = controller.window
        assert window is not None
        assert "read-only" in window.windowTitle()
        shown = window.status_label.text()
        assert "drive is full" in shown
        assert "backed up" in shown
        # Space freed, the vault reopened (as unlocking after a lock does): writable again.
        assert controller.lock is not None
        controller.lock.close_vault()
        small_drive.empty()
        reopened = Vault.open(folder, Unlock(passphrase=PASSPHRASE))
        assert not reopened.read_only
        controller.lock.set_vault(reopened)
        controller.lock.unlocked.emit(reopened)
        assert window.windowTitle() == "SupNotes"
        assert window.status_label.text() == f"Vault: {folder}"
    finally:
        if controller.window is not None:
            controller.window.close()
        if controller.lock is not None:
            controller.lock.close_vault()
        qapp.setFont(font)
        controller.deleteLater()
