"""Every vault capability in the menus, on a real vault: File → export, import, keys, restore."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.pdf.identity import create_identity, to_pkcs12
from supnotes.services import identity as identities
from supnotes.ui.access.key_dialogs import ChangePassphraseDialog, RecoveryKeyDialog
from supnotes.ui.common import operations
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.backup import write_backup
from supnotes.vault.recovery import parse_recovery_key
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE

NEW_PASSPHRASE = "lantern orchard whistle 1987 quay"


def _worker(name: str, worker_id: str = "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11") -> Worker:
    return Worker(worker_id, name, "Social Worker", "North", date(2025, 1, 6), Stage.QUALIFIED)


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


def _window(controller: AppController) -> MainWindow:
    assert controller.window is not None
    return controller.window


def _vault(controller: AppController) -> Vault:
    assert controller.lock is not None
    assert controller.lock.vault is not None
    return controller.lock.vault


def _settle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not operations.busy(), timeout=20_000)
    QApplication.processEvents()


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str]) -> None:
    def fake(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)


def _open(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str]) -> None:
    def fake(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)


def _answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args, **_kw: (text, True))


def _entries(menu_titles: list[str], window: MainWindow) -> set[str]:
    found: set[str] = set()

    def walk(actions: list) -> None:  # type: ignore[type-arg]
        for action in actions:
            if action.menu() is not None:
                walk(action.menu().actions())
            elif action.objectName() or action.text():
                found.add(action.objectName() or action.text())

    for title in menu_titles:
        walk(window.menus[title].actions())
    return found


def test_every_capability_has_a_menu_entry(controller: AppController) -> None:
    window = _window(controller)
    in_file = _entries(["&File"], window)
    for name in (
        "export-vault",
        "export-worker",
        "import-json",
        "back-up-now",
        "restore-backup",
        "check-vault",
        "change-passphrase",
        "new-recovery-key",
        "import-identity",
        "send-to-organisation",
    ):
        assert name in in_file
    records = window.menus["&Records"].actions()
    assert window.parts.thread.discarder.action in records


def test_discard_from_the_menu_with_nothing_chosen_says_so(
    qtbot: QtBot, controller: AppController
) -> None:
    window = _window(controller)
    with qtbot.waitSignal(window.parts.thread.discarder.refused) as said:
        window.parts.thread.discarder.action.trigger()
    assert "Choose a draft" in said.args[0]


def _zipped_document(path: Path) -> dict[str, Any]:
    """The JSON inside an export zip (format version 2)."""
    with zipfile.ZipFile(path) as archive:
        document: dict[str, Any] = json.loads(archive.read("supnotes-export.json"))
    return document


def test_export_whole_vault_starts_in_documents_and_remembers_the_folder(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(controller)
    vault = _vault(controller)
    WorkerRepository(vault).save(_worker("Ngozi Adeyemi"))
    out_folder = tmp_path / "exports"
    out_folder.mkdir()
    asked: list[str] = []
    _save_to(monkeypatch, out_folder / "all.supnotes.zip", asked)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    window.commands.export_vault.trigger()
    _settle(qtbot)
    document = _zipped_document(out_folder / "all.supnotes.zip")
    assert [w["name"] for w in document["workers"]] == ["Ngozi Adeyemi"]
    assert "Exported 0 records" in window.statusBar().currentMessage()
    assert str(out_folder / "all.supnotes.zip") in window.statusBar().currentMessage()
    assert Path(asked[0]).parent.name != "exports"  # first time: not a remembered folder
    # The folder is kept in the vault, not in the machine-state file.
    assert SettingsStore(vault).get_text("files.folder") == str(out_folder)
    ini = tmp_path / "ui-state.ini"
    assert not ini.exists() or str(out_folder) not in ini.read_text(encoding="utf-8")
    window.commands.export_vault.trigger()
    _settle(qtbot)
    assert Path(asked[1]).parent == out_folder


def test_export_one_worker_for_subject_access(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(controller)
    vault = _vault(controller)
    repo = WorkerRepository(vault)
    repo.save(_worker("Ngozi Adeyemi"))
    repo.save(_worker("Tomasz Nowak", "5b1f0b8e-1111-4c44-9a1e-6c1f1b0c2e12"))
    window.parts.wiring.refresh_soon()
    qtbot.waitUntil(lambda: window.parts.workers.select_worker(repo.find("Tomasz")[0].id))
    assert window.commands.export_worker.isEnabled()
    _save_to(monkeypatch, tmp_path / "one.supnotes.zip", [])
    window.commands.export_worker.trigger()
    _settle(qtbot)
    document = _zipped_document(tmp_path / "one.supnotes.zip")
    assert [w["name"] for w in document["workers"]] == ["Tomasz Nowak"]


def test_import_an_export_adds_its_workers(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_vault: Callable[[], object],
) -> None:
    from supnotes.ui.file_menu.portability_dialogs import export_json

    made = make_vault()
    other = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))  # type: ignore[attr-defined]
    WorkerRepository(other).save(_worker("Ffion Pritchard"))
    export_json(other, tmp_path / "other.supnotes.zip", None)
    other.close()
    window = _window(controller)
    _open(monkeypatch, tmp_path / "other.supnotes.zip", [])
    window.commands.import_json.trigger()
    _settle(qtbot)
    assert [w.name for w in WorkerRepository(_vault(controller)).all()] == ["Ffion Pritchard"]
    assert "Imported 0 records and 1 workers" in window.statusBar().currentMessage()


def test_import_of_a_file_that_is_not_an_export_is_refused_in_plain_words(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(controller)
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    _open(monkeypatch, bad, [])
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window.commands.import_json.trigger()
    _settle(qtbot)
    assert warned
    assert "nothing imported" in warned[0]
    assert WorkerRepository(_vault(controller)).all() == []


def test_change_passphrase(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    window.commands.change_passphrase.trigger()
    dialog = controller.capabilities.last_dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    assert not dialog.ok.isEnabled()
    dialog.fields.first.setText("password12")  # the rule refuses a common password
    dialog.fields.second.setText("password12")
    assert not dialog.ok.isEnabled()
    dialog.fields.first.setText(NEW_PASSPHRASE)
    dialog.fields.second.setText(NEW_PASSPHRASE)
    assert not dialog.ok.isEnabled()  # the current passphrase is not typed yet
    QTest.keyClicks(dialog.current, PASSPHRASE)
    assert dialog.ok.isEnabled()
    QTest.keyClick(dialog.ok, Qt.Key.Key_Space)
    _settle(qtbot)
    assert "Passphrase changed" in window.statusBar().currentMessage()
    vault = _vault(controller)
    assert vault.keyfile.unlock_with_passphrase(NEW_PASSPHRASE) == vault.data_key


def test_change_passphrase_needs_the_current_one(qtbot: QtBot, controller: AppController) -> None:
    """A passer-by at an unlocked laptop cannot set a passphrase of their own."""
    window = _window(controller)
    window.commands.change_passphrase.trigger()
    dialog = controller.capabilities.last_dialog
    assert isinstance(dialog, ChangePassphraseDialog)
    dialog.show()
    QTest.keyClicks(dialog.current, "not the passphrase at all")
    QTest.keyClicks(dialog.fields.first, NEW_PASSPHRASE)
    QTest.keyClicks(dialog.fields.second, NEW_PASSPHRASE)
    assert dialog.ok.isEnabled()
    QTest.keyClick(dialog.ok, Qt.Key.Key_Space)
    _settle(qtbot)
    assert dialog.isVisible()
    assert "does not open this vault" in dialog.wrong.text()
    assert dialog.current.hasFocus() or QApplication.focusWidget() is dialog.current
    vault = _vault(controller)
    assert vault.keyfile.unlock_with_passphrase(PASSPHRASE) == vault.data_key  # unchanged
    assert "Passphrase changed" not in window.statusBar().currentMessage()


def test_new_recovery_key(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    vault = _vault(controller)
    window.commands.new_recovery_key.trigger()
    question = controller.capabilities.last_dialog
    assert isinstance(question, QMessageBox)
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    question.done(QMessageBox.StandardButton.Yes)
    _settle(qtbot)
    shown = controller.capabilities.last_dialog
    assert isinstance(shown, RecoveryKeyDialog)
    assert not shown.close_button.isEnabled()
    shown.kept.setChecked(True)
    assert shown.close_button.isEnabled()
    secret = parse_recovery_key(shown.recovery_key)
    assert vault.keyfile.unlock_with_recovery(secret) == vault.data_key


def test_check_the_vault(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    window.commands.check_vault.trigger()
    _settle(qtbot)
    assert "passed" in window.statusBar().currentMessage()


def test_import_the_organisations_signing_identity(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(controller)
    org = create_identity("Helen Marchbank", "Team Manager", "Cyngor Sir Glanrafon")
    p12 = tmp_path / "org.p12"
    p12.write_bytes(to_pkcs12(org, b"org password"))
    _open(monkeypatch, p12, [])
    _answer(monkeypatch, "wrong")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window.commands.import_identity.trigger()
    _settle(qtbot)
    assert warned
    assert "org.p12 was not accepted" in warned[0]
    _answer(monkeypatch, "org password")
    window.commands.import_identity.trigger()
    _settle(qtbot)
    assert identities.current_fingerprint(_vault(controller)) == org.fingerprint
    assert org.fingerprint in window.statusBar().currentMessage()


def test_restore_from_a_backup_through_the_lock_screen(
    qtbot: QtBot, controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(controller)
    vault = _vault(controller)
    backup = write_backup(vault, tmp_path / "before.snbackup").path
    WorkerRepository(vault).save(_worker("Added After The Backup"))
    _open(monkeypatch, backup, [])
    _answer(monkeypatch, PASSPHRASE)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    window.commands.restore_backup.trigger()
    _settle(qtbot)
    assert told
    assert "The backup was restored" in told[0]
    lock = controller.lock
    assert lock is not None
    assert lock.lock_dialog is not None
    assert lock.lock_dialog.isEnabled()
    lock.lock_dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        lock.lock_dialog.try_passphrase()
    assert WorkerRepository(_vault(controller)).all() == []
    assert list(vault.paths.folder.glob("replaced-*"))


def test_the_lock_screen_says_who_locked(qtbot: QtBot, controller: AppController) -> None:
    from PySide6.QtWidgets import QLabel

    window = _window(controller)
    lock = controller.lock
    assert lock is not None
    window.commands.lock.trigger()
    assert lock.lock_dialog is not None
    intro = lock.lock_dialog.findChild(QLabel, "unlock-intro")
    assert intro is not None
    assert "SupNotes is locked" in intro.text()
    assert "locked itself" not in intro.text()
    lock.lock_dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        lock.lock_dialog.try_passphrase()
    lock.lock(idle=True)
    assert lock.lock_dialog is not None
    intro = lock.lock_dialog.findChild(QLabel, "unlock-intro")
    assert intro is not None
    assert "locked itself" in intro.text()


def test_a_new_vault_leads_to_adding_the_first_worker(
    qtbot: QtBot, controller: AppController
) -> None:
    from supnotes.ui.views.worker_dialog import WorkerDialog

    window = _window(controller)
    workers = window.parts.workers
    qtbot.waitUntil(lambda: workers.body.currentWidget() is workers.empty, timeout=10_000)
    # The keyboard is on the one thing to do (not on the search box Qt chose).
    qtbot.waitUntil(lambda: QApplication.focusWidget() is workers.add_first, timeout=5000)
    QTest.keyClick(workers.add_first, Qt.Key.Key_Space)
    dialog = window.parts.wiring.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    dialog.name.setText("Nadia Kerrigan")
    dialog.role.setText("Social worker")
    dialog.accept()
    qtbot.waitUntil(lambda: workers.body.currentWidget() is workers.table, timeout=10_000)
    assert workers.model.rowCount() == 1
