"""File → Restore from a backup… with bad files: what is said, and when."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.ui.common import operations
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.backup import write_backup
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.ui.conftest import PASSPHRASE


@pytest.fixture
def controller(
    qapp: QApplication, open_vault: Vault, machine: MachineState
) -> Iterator[AppController]:
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    controller.vault_ready(open_vault)
    yield controller
    if controller.window is not None:
        controller.window.close()
    if controller.lock is not None and controller.lock.lock_dialog is not None:
        controller.lock.lock_dialog.done(0)
    qapp.setFont(font)
    controller.deleteLater()


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))


def _failure_box() -> QMessageBox | None:
    for widget in QApplication.allWidgets():
        if not isinstance(widget, QMessageBox):
            continue
        if widget.objectName() == "restore-failed" and widget.isVisible():
            return widget
    return None


def _type_into_the_passphrase_dialog(text: str, asked: list[str]) -> None:
    """Type ``text`` and Enter into the real passphrase dialog once it is shown."""

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, go)
            return
        asked.append(dialog.labelText())
        field = dialog.findChild(QLineEdit)
        assert field is not None
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, go)


def test_a_file_that_is_not_a_backup_is_refused_before_the_passphrase_and_the_lock(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert controller.window is not None
    lock = controller.lock
    assert lock is not None
    random = tmp_path / "rand.snbackup"
    random.write_bytes(b"\x8a\x01not a zip at all" * 500)
    _choose(monkeypatch, random)
    asked: list[object] = []

    def ask(*args: object, **_kw: object) -> tuple[str, bool]:
        asked.append(args)
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", ask)
    controller.window.commands.restore_backup.trigger()
    box = _failure_box()
    assert box is not None
    assert "not a readable SupNotes backup" in box.text()
    assert "not changed" in box.text()
    assert "rand.snbackup" in box.detailedText()
    assert asked == []  # the passphrase was never asked for
    assert lock.lock_dialog is None  # and the window was not locked
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _failure_box() is None, timeout=5000)
    assert lock.vault is not None


def test_a_backup_with_a_damaged_database_is_said_to_be_damaged_not_the_vault(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = controller.window
    lock = controller.lock
    assert window is not None
    assert lock is not None
    assert lock.vault is not None
    vault = lock.vault
    good = write_backup(vault, tmp_path / "good.snbackup").path
    short = tmp_path / "dbshort.snbackup"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(short, "w") as copy:
        for name in source.namelist():
            data = source.read(name)
            copy.writestr(name, data[:4096] if name == "supnotes.db" else data)
    worker = Worker(
        "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11",
        "Kept Through The Failed Restore",
        "Social Worker",
        "North",
        date(2025, 1, 6),
        Stage.QUALIFIED,
    )
    WorkerRepository(vault).save(worker)
    _choose(monkeypatch, short)
    warned: list[str] = []  # the old, blocking warning: recorded, not shown
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    asked: list[str] = []
    _type_into_the_passphrase_dialog(PASSPHRASE, asked)
    window.commands.restore_backup.trigger()
    assert asked
    assert "dbshort.snbackup" in asked[0]
    qtbot.waitUntil(lambda: not operations.busy(), timeout=20_000)
    qtbot.waitUntil(lambda: _failure_box() is not None or bool(warned), timeout=20_000)
    box = _failure_box()
    assert box is not None, warned
    text = box.text()
    assert "backup is damaged" in text
    assert "vault file is damaged" not in text
    assert "Restore it from the latest backup" not in text
    assert text.lower().count("not changed") + text.lower().count("nothing") == 1
    QTest.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _failure_box() is None, timeout=5000)
    # The vault in use was not touched: unlocking goes on with it.
    assert lock.lock_dialog is not None
    assert lock.lock_dialog.isEnabled()
    QTest.keyClicks(lock.lock_dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        QTest.keyClick(lock.lock_dialog.passphrase, Qt.Key.Key_Return)
    assert lock.vault is not None
    names = [w.name for w in WorkerRepository(lock.vault).all()]
    assert names == ["Kept Through The Failed Restore"]
    assert not list(lock.vault.paths.folder.glob("replaced-*"))
