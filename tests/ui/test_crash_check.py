"""After a killed app, the window opens and the full check's result reaches the supervisor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.template_loader import default_library
from supnotes.ui.access.lock import LockController
from supnotes.ui.file_menu import crash_check
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.test_crash_unlock import _crash, _damage, _fill


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    _fill(folder, default_library())
    return folder


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    made = QMainWindow()
    qtbot.addWidget(made)
    made.show()
    return made


@pytest.fixture
def lock(qapp: QApplication, crashed: Path) -> Iterator[LockController]:
    controller = LockController(qapp, crashed)
    yield controller
    controller.close_vault()
    controller.deleteLater()


def _open(lock: LockController, folder: Path) -> Vault:
    vault = Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    lock.set_vault(vault)
    return vault


def test_a_clean_vault_is_checked_and_says_so(
    qtbot: QtBot, window: QMainWindow, lock: LockController, crashed: Path
) -> None:
    _crash(crashed)
    vault = _open(lock, crashed)
    check = crash_check.start_if_needed(window, lock, vault)
    assert check is not None
    assert window.statusBar().currentMessage() == crash_check.RUNNING
    with qtbot.waitSignal(check.finished, timeout=30_000) as finished:
        pass
    assert finished.args == [True]
    assert window.statusBar().currentMessage() == crash_check.PASSED


def test_damaged_records_are_reported_with_the_way_back(
    qtbot: QtBot, window: QMainWindow, lock: LockController, crashed: Path
) -> None:
    _damage(crashed, "answer")
    _crash(crashed)
    vault = _open(lock, crashed)  # the window opens: the damage is in the records
    check = crash_check.start_if_needed(window, lock, vault)
    assert check is not None
    with qtbot.waitSignal(check.finished, timeout=30_000) as finished:
        pass
    assert finished.args == [False]
    box = window.findChild(QMessageBox, "check-failed")
    assert box is not None
    assert box.isVisible()
    assert "Restore from a backup" in box.informativeText()
    assert window.statusBar().currentMessage() == crash_check.FAILED


def test_no_check_after_a_clean_exit(
    window: QMainWindow, lock: LockController, crashed: Path
) -> None:
    vault = _open(lock, crashed)
    assert crash_check.start_if_needed(window, lock, vault) is None
