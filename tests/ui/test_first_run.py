"""First run creates a vault that the command line's check accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from supnotes.cli import main as cli_main
from supnotes.ui.access.first_run import FirstRunWizard, build_first_run
from supnotes.ui.common import operations
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "violet tractor sandwich lagoon"


def _wizard(qtbot: QtBot, folder: Path) -> FirstRunWizard:
    wizard = build_first_run(folder)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _walk_to_recovery_key(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    assert wizard.currentPage() is wizard.welcome_page
    wizard.next()
    assert wizard.currentPage() is wizard.profile_page
    assert not wizard.profile_page.isComplete()
    wizard.profile_page.name.setText("Sam Okafor")
    wizard.profile_page.role.setText("Team Manager")
    wizard.profile_page.organisation.setText("Northshire Council")
    wizard.next()
    assert wizard.currentPage() is wizard.passphrase_page
    fields = wizard.passphrase_page.fields
    fields.first.setText(PASSPHRASE)
    fields.second.setText(PASSPHRASE)
    assert wizard.passphrase_page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.creating_page
    qtbot.waitUntil(wizard.creating_page.isComplete, timeout=10_000)
    wizard.next()
    assert wizard.currentPage() is wizard.recovery_page


def test_first_run_creates_a_vault_the_cli_check_accepts(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "vault"
    wizard = _wizard(qtbot, folder)
    _walk_to_recovery_key(qtbot, wizard)
    page = wizard.recovery_page
    key = page.key_label.text()
    assert len(key.split("-")) == 8
    assert not page.isComplete()
    page.kept.setChecked(True)
    page.last_group.setText("ZZZZ" if not key.endswith("ZZZZ") else "YYYY")
    assert not page.isComplete()
    page.last_group.setText(key.rsplit("-", 1)[1].lower())
    assert page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.done_page
    with qtbot.waitSignal(wizard.vault_ready) as blocker:
        wizard.accept()
    vault = blocker.args[0]
    assert isinstance(vault, Vault)
    store = SettingsStore(vault)
    assert store.get_text("profile.name") == "Sam Okafor"
    assert store.get_text("organisation.name") == "Northshire Council"
    vault.close()

    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    assert cli_main(["check", "--vault", str(folder)]) == 0
    assert "ok:" in capsys.readouterr().out


def test_passphrase_page_needs_the_minimum_and_a_match(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path / "vault")
    page = wizard.passphrase_page
    page.fields.first.setText("short")
    page.fields.second.setText("short")
    assert not page.isComplete()
    assert "more characters needed" in page.fields.verdict.text()
    page.fields.first.setText(PASSPHRASE)
    page.fields.second.setText(PASSPHRASE + "x")
    assert not page.isComplete()
    assert page.fields.mismatch.text() == "The two entries differ."


def test_cannot_cancel_once_the_vault_exists(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path / "vault")
    _walk_to_recovery_key(qtbot, wizard)
    assert not wizard.button(QWizard.WizardButton.CancelButton).isEnabled()
    wizard.reject()
    assert wizard.isVisible()
    assert wizard.vault is not None
    wizard.vault.close()


def test_a_folder_that_is_not_empty_is_refused_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "something.txt").write_text("x")
    wizard = _wizard(qtbot, folder)
    wizard.next()
    wizard.profile_page.name.setText("Sam")
    wizard.next()
    wizard.passphrase_page.fields.first.setText(PASSPHRASE)
    wizard.passphrase_page.fields.second.setText(PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    assert "already exists" in wizard.creating_page.status.text()
    assert not wizard.creating_page.isComplete()


def test_save_recovery_key_writes_the_chosen_file_atomically(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from supnotes.ui.access import recovery_sheet

    target = tmp_path / "key.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    written = recovery_sheet.save_recovery_key(None, "AAAA-BBBB", tmp_path / "vault")
    assert written == target
    assert "AAAA-BBBB" in target.read_text()
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert recovery_sheet.save_recovery_key(None, "AAAA-BBBB", tmp_path / "vault") is None


def _press(
    qtbot: QtBot,
    wizard: FirstRunWizard,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    target = QApplication.focusWidget() or wizard
    QTest.keyClick(target, key, modifier)


def _type(qtbot: QtBot, wizard: FirstRunWizard, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def _keyboard_to_creating(qtbot: QtBot, wizard: FirstRunWizard, passphrase: str) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    _press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.profile_page
    wizard.profile_page.name.setFocus()
    _type(qtbot, wizard, "Sam Okafor")
    _press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.passphrase_page
    wizard.passphrase_page.fields.first.setFocus()
    _type(qtbot, wizard, passphrase)
    _press(qtbot, wizard, Qt.Key.Key_Tab)
    _type(qtbot, wizard, passphrase)
    assert wizard.passphrase_page.isComplete()
    _press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.creating_page
    qtbot.waitUntil(wizard.creating_page.isComplete, timeout=10_000)


def test_back_cannot_reach_the_passphrase_once_the_vault_exists(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    wizard = _wizard(qtbot, folder)
    _keyboard_to_creating(qtbot, wizard, PASSPHRASE)
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert not (back.isVisible() and back.isEnabled())
    _press(qtbot, wizard, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    wizard.back()  # even asked directly
    assert wizard.currentPage() is wizard.creating_page
    _press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.recovery_page
    wizard.back()
    assert wizard.currentPage() is wizard.recovery_page
    assert wizard.vault is not None
    wizard.vault.close()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as reopened:
        assert reopened.is_open


def test_the_passphrase_page_is_where_the_vault_is_created(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, tmp_path / "vault")
    assert wizard.passphrase_page.isCommitPage()
    assert "Create" in wizard.passphrase_page.buttonText(QWizard.WizardButton.CommitButton)


def test_a_failed_creation_can_be_tried_again(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "something.txt").write_text("x")
    wizard = _wizard(qtbot, folder)
    _keyboard_to_creating_fails(qtbot, wizard)
    assert wizard.creating_page.retry.isVisible()
    (folder / "something.txt").unlink()
    QTest.mouseClick(wizard.creating_page.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.creating_page.isComplete, timeout=10_000)
    assert wizard.vault is not None
    wizard.vault.close()


def _keyboard_to_creating_fails(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    wizard.next()
    wizard.profile_page.name.setText("Sam")
    wizard.next()
    wizard.passphrase_page.fields.first.setText(PASSPHRASE)
    wizard.passphrase_page.fields.second.setText(PASSPHRASE)
    wizard.next()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    qtbot.waitUntil(lambda: "already exists" in wizard.creating_page.status.text())


def test_common_passwords_and_the_name_are_refused_by_the_meter(
    qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, tmp_path / "vault")
    wizard.next()
    wizard.profile_page.name.setText("Ola Wąsowska")
    wizard.next()
    fields = wizard.passphrase_page.fields
    fields.first.setFocus()
    QTest.keyClicks(fields.first, "password12")
    fields.second.setText("password12")
    assert not wizard.passphrase_page.isComplete()
    assert "Too easy to guess" in fields.verdict.text()
    assert "not accepted" in fields.verdict.text()
    fields.first.setText("Wąsowska2019")
    fields.second.setText("Wąsowska2019")
    assert not wizard.passphrase_page.isComplete()
    fields.first.setText("kx8#Qv2!mz")
    fields.second.setText("kx8#Qv2!mz")
    assert "Too short" not in fields.verdict.text()
    assert wizard.passphrase_page.isComplete()


def test_the_wizard_fits_a_427_high_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1024x640 under QT_SCALE_FACTOR=1.5: 683x427 logical, less the title bar and panel."""
    from PySide6.QtCore import QSize

    from supnotes.ui.access import first_run

    room = QSize(659, 379)
    monkeypatch.setattr(first_run, "available", lambda _widget: room, raising=False)
    monkeypatch.setattr("supnotes.ui.common.fit.available", lambda _widget: room)
    wizard = build_first_run(tmp_path / "v")
    qtbot.addWidget(wizard)
    assert wizard.minimumHeight() <= room.height()
    assert wizard.height() <= room.height()
    assert wizard.width() <= room.width()
    wizard.show()
    qtbot.waitExposed(wizard)
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.mapTo(wizard, button.rect().bottomLeft()).y() < wizard.height()
