"""Settings → Encryption key for handovers, driven with real key events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.services import encryption_key as keys
from supnotes.ui.common import file_dialogs
from supnotes.ui.dialogs.encryption_key_section import ABSENT, PRESENT, EncryptionKeySection
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.vault import Vault


@pytest.fixture
def start(qapp: QApplication, open_vault: Vault, machine: MachineState) -> Iterator[AppController]:
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    yield controller
    if controller.window is not None:
        controller.window.close()
    qapp.setFont(font)
    controller.deleteLater()


def _section(qtbot: QtBot, controller: AppController) -> EncryptionKeySection:
    dialog = controller.open_settings()
    qtbot.waitExposed(dialog)
    section = dialog.findChild(EncryptionKeySection, "encryption-key-section")
    assert isinstance(section, EncryptionKeySection)
    return section


def test_create_copy_and_export_the_key_from_settings(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start.vault_ready(open_vault)
    section = _section(qtbot, start)
    assert section.status.text() == ABSENT
    assert not section.fingerprint.isVisibleTo(section)
    assert section.create_button.isVisibleTo(section)
    assert not section.export_button.isVisibleTo(section)
    assert keys.current(open_vault) is None

    # Create: Space on the button, then Escape keeps things as they were...
    section.create_button.setFocus()
    QTest.keyClick(section.create_button, Qt.Key.Key_Space)
    question = section.question
    assert isinstance(question, QMessageBox)
    qtbot.waitExposed(question)
    QTest.keyClick(question, Qt.Key.Key_Escape)
    escaped = question
    qtbot.waitUntil(lambda: not escaped.isVisible())
    assert keys.current(open_vault) is None
    # ... and Enter (the default, "Create") makes the key.
    QTest.keyClick(section.create_button, Qt.Key.Key_Space)
    question = section.question
    assert question is not None
    qtbot.waitExposed(question)
    QTest.keyClick(question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: keys.current(open_vault) is not None)
    made = keys.current(open_vault)
    assert made is not None
    assert section.status.text() == PRESENT
    assert section.fingerprint.text() == made.fingerprint
    # No cut fingerprint to read out, and no "…." ending.
    assert "…" not in section.message.text()
    assert made.fingerprint[:8] not in section.message.text()
    assert "Key field" in section.message.text()
    assert section.fingerprint.isReadOnly()
    assert not section.create_button.isVisibleTo(section)

    # The fingerprint is selectable and copyable with the keyboard.
    QApplication.clipboard().clear()
    section.fingerprint.setFocus()
    QTest.keyClick(section.fingerprint, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(section.fingerprint, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == made.fingerprint
    assert section.fingerprint.text() == made.fingerprint  # read-only: nothing typed away
    QTest.keyClicks(section.fingerprint, "x")
    assert section.fingerprint.text() == made.fingerprint

    # Export: the save dialog's answer (no suffix typed) becomes a .pem file.
    chosen = tmp_path / "rita-key"
    monkeypatch.setattr(file_dialogs, "choose_save_path", lambda *a, **k: chosen)
    section.export_button.setFocus()
    QTest.keyClick(section.export_button, Qt.Key.Key_Space)
    written = tmp_path / "rita-key.pem"
    assert written.is_file()
    assert keys.key_fingerprint(keys.load_public_pem(written.read_bytes())) == made.fingerprint
    assert b"PRIVATE" not in written.read_bytes()
    assert "rita-key.pem" in section.message.text()
    assert "…" not in section.message.text()
    assert "whole fingerprint in the Key field" in section.message.text()

    # A folder that is not there: a plain message, nothing raised.
    chosen = tmp_path / "missing" / "key.pem"
    monkeypatch.setattr(file_dialogs, "choose_save_path", lambda *a, **k: chosen)
    QTest.keyClick(section.export_button, Qt.Key.Key_Space)
    assert section.message.text().startswith("The key was not saved:")
    assert not chosen.exists()
    again = keys.current(open_vault)
    assert again is not None
    assert again.fingerprint == made.fingerprint


def test_shift_tab_from_ok_scrolls_the_section_into_view(
    qtbot: QtBot, start: AppController, open_vault: Vault
) -> None:
    """Seen at 1024x640: Shift+Tab from OK reached the section's button off the screen."""
    from PySide6.QtWidgets import QDialogButtonBox

    start.vault_ready(open_vault)
    section = _section(qtbot, start)
    dialog = section.window()
    dialog.resize(600, 320)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    ok.setFocus()
    assert section.create_button.visibleRegion().isEmpty()  # scrolled away at the top
    for _ in range(10):
        if QApplication.focusWidget() is section.create_button:
            break
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is section.create_button
    assert not section.create_button.visibleRegion().isEmpty()


def test_after_exporting_the_focus_leaves_the_export_button(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seen in the real app: the focus stayed on "Export public key…", so Enter reopened it."""
    keys.ensure(open_vault)
    start.vault_ready(open_vault)
    section = _section(qtbot, start)
    dialog = section.window()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    asked: list[str] = []
    chosen = tmp_path / "my-key.pem"

    def choose(*_args: object, **_kwargs: object) -> Path:
        asked.append("save dialog")
        return chosen

    monkeypatch.setattr(file_dialogs, "choose_save_path", choose)
    section.export_button.setFocus()
    QTest.keyClick(section.export_button, Qt.Key.Key_Space)
    assert asked == ["save dialog"]
    assert chosen.is_file()
    # The outcome is in the section's message (whole path), and said to a screen reader.
    said = section.message.text()
    assert str(chosen) in said
    assert section.message.accessibleDescription() == said
    # The focus is on the fingerprint the message asks them to read out, not the button...
    assert QApplication.focusWidget() is section.fingerprint
    # ... so the next Enter finishes the dialog (its OK) and asks nothing again.
    QTest.keyClick(section.fingerprint, Qt.Key.Key_Return)
    assert asked == ["save dialog"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_a_failed_export_keeps_the_focus_to_try_again(
    qtbot: QtBot,
    start: AppController,
    open_vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys.ensure(open_vault)
    start.vault_ready(open_vault)
    section = _section(qtbot, start)
    dialog = section.window()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    missing = tmp_path / "missing" / "key.pem"
    monkeypatch.setattr(file_dialogs, "choose_save_path", lambda *a, **k: missing)
    section.export_button.setFocus()
    QTest.keyClick(section.export_button, Qt.Key.Key_Space)
    assert section.message.text().startswith("The key was not saved:")
    assert QApplication.focusWidget() is section.export_button
    assert dialog.isVisible()
