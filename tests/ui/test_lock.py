"""Locking by Ctrl+L, by idle timer and after sleep hides every window's content."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.access.lock import LOCKED_TITLE, LockController, is_shrouded
from supnotes.vault import errors
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE, MadeVault


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("Supervision — a worker's name")
    central = QLabel("Private notes about a worker")
    central.setObjectName("content")
    window.setCentralWidget(central)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def dialog(qtbot: QtBot, window: QMainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Edit worker")
    field = QLineEdit("Typed text", dialog)
    field.setObjectName("field")
    QVBoxLayout(dialog).addWidget(field)
    return dialog


@pytest.fixture
def controller(
    qapp: QWidget, make_vault: Callable[[], MadeVault]
) -> Iterator[tuple[LockController, Vault]]:
    made = make_vault()
    vault = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))
    lock = LockController(qapp, made.folder)  # type: ignore[arg-type]
    lock.set_vault(vault)
    yield lock, vault
    lock.close_vault()
    if lock.lock_dialog is not None:
        lock.lock_dialog.done(0)
    lock.deleteLater()


def _locked(lock: LockController) -> bool:
    # A function, so mypy does not narrow the property across a lock and unlock.
    return lock.is_locked


def _vault(lock: LockController) -> Vault | None:
    return lock.vault


def _unlock(qtbot: QtBot, lock: LockController, passphrase: str = PASSPHRASE) -> None:
    screen = lock.lock_dialog
    assert screen is not None
    screen.passphrase.setText(passphrase)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        screen.try_passphrase()


def test_ctrl_l_hides_content_closes_the_vault_and_needs_the_passphrase(
    qtbot: QtBot, window: QMainWindow, controller: tuple[LockController, Vault]
) -> None:
    lock, vault = controller
    saved: list[bool] = []
    lock.about_to_lock.connect(lambda: saved.append(vault.is_open))
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert _locked(lock)
    assert saved == [True]  # savers ran while the vault was still open
    assert not vault.is_open  # the key is dropped
    assert lock.vault is None
    assert is_shrouded(window)
    content = window.findChild(QLabel, "content")
    assert content is not None
    assert not content.isVisible()
    assert window.windowTitle() == LOCKED_TITLE
    assert lock.lock_dialog is not None
    assert lock.lock_dialog.isVisible()

    lock.lock_dialog.passphrase.setText("wrong passphrase here")
    lock.lock_dialog.try_passphrase()
    qtbot.waitUntil(
        lambda: lock.lock_dialog is not None and lock.lock_dialog.error_panel.isVisible()
    )
    assert errors.WrongPassphrase.message in lock.lock_dialog.error_panel.text()
    assert _locked(lock)

    _unlock(qtbot, lock)
    assert not _locked(lock)
    reopened = _vault(lock)
    assert reopened is not None
    assert reopened.is_open
    assert not is_shrouded(window)
    assert content.isVisible()
    assert window.windowTitle() == "Supervision — a worker's name"


def test_lock_with_a_modal_dialog_open(
    qtbot: QtBot, window: QMainWindow, dialog: QDialog, controller: tuple[LockController, Vault]
) -> None:
    lock, _ = controller
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.open()
    field = dialog.findChild(QLineEdit, "field")
    assert field is not None
    field.setFocus()
    # The main window's shortcut is blocked by the modal dialog; the lock
    # controller's own filter still sees Ctrl+L.
    QTest.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert _locked(lock)
    assert is_shrouded(dialog)
    assert is_shrouded(window)
    assert not field.isVisible()
    assert dialog.isVisible()  # still open underneath, so its exec() or open() carries on
    _unlock(qtbot, lock)
    assert field.isVisible()
    assert field.text() == "Typed text"
    assert dialog.isVisible()
    assert not is_shrouded(dialog)


def test_idle_timer_locks(
    qtbot: QtBot, window: QMainWindow, dialog: QDialog, controller: tuple[LockController, Vault]
) -> None:
    lock, _ = controller
    dialog.show()
    lock.set_idle_limit_ms(150)
    qtbot.waitUntil(lambda: _locked(lock), timeout=3_000)
    assert is_shrouded(window)
    assert is_shrouded(dialog)
    _unlock(qtbot, lock)
    assert not is_shrouded(dialog)


def test_input_postpones_the_idle_lock(
    qtbot: QtBot, window: QMainWindow, controller: tuple[LockController, Vault]
) -> None:
    lock, _ = controller
    lock.set_idle_limit_ms(400)
    for _ in range(6):
        QTest.keyClick(window, Qt.Key.Key_A)
        qtbot.wait(100)
    assert not _locked(lock)
    qtbot.waitUntil(lambda: _locked(lock), timeout=3_000)


def test_wall_clock_jump_after_sleep_locks(
    qapp: QWidget, qtbot: QtBot, window: QMainWindow, make_vault: Callable[[], MadeVault]
) -> None:
    made = make_vault()
    wall, mono = Clock(), Clock()
    lock = LockController(qapp, made.folder, idle_minutes=5, wall_clock=wall, monotonic=mono)  # type: ignore[arg-type]
    lock.set_vault(Vault.open(made.folder, Unlock(passphrase=PASSPHRASE)))
    try:
        wall.now += 60  # a minute later, by both clocks: not idle enough
        mono.now += 60
        lock._tick()
        assert not _locked(lock)
        wall.now += 6 * 60  # the lid was shut: the wall clock moved, the monotonic one did not
        lock._tick()
        assert _locked(lock)
        assert is_shrouded(window)
    finally:
        lock.close_vault()
        if lock.lock_dialog is not None:
            lock.lock_dialog.done(0)


def test_quit_on_the_lock_screen_asks_to_quit(
    qtbot: QtBot, window: QMainWindow, controller: tuple[LockController, Vault]
) -> None:
    lock, _ = controller
    lock.lock()
    assert lock.lock_dialog is not None
    with qtbot.waitSignal(lock.quit_requested):
        lock.lock_dialog.quit_requested()
