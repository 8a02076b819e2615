"""File → Hand over a worker… and Receive a handover…, by keyboard, between two real vaults.

Off the UI thread (``operations``), a plain message for every bad input, nothing
lost: a wrong file, a package for another vault's key, a corrupted package, a
worker already here with other details, a vault with no key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.pdf.identity import certificate_pem
from supnotes.services import encryption_key as keys
from supnotes.services import handover, identity
from supnotes.ui.common import operations
from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
from supnotes.ui.file_menu.handover_receive_dialog import NO_KEY, ReceiveDialog
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.ui.handover_giver import GIVER, PASSPHRASE, giver_vault, worker_with_open_actions


@pytest.fixture
def giver(tmp_path: Path) -> Iterator[Vault]:
    with giver_vault(tmp_path / "giver") as vault:
        yield vault


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        yield vault


def _count(vault: Vault, table: str) -> int:
    return int(str(vault.query(f"SELECT count(*) FROM {table}")[0][0]))


def _show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def _alt(dialog: QWidget, key: Qt.Key) -> None:
    """Alt+letter, sent where a user's key goes: the focused widget."""
    QTest.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def _idle(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not operations.busy(), timeout=60_000)
    QApplication.processEvents()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plain messages shown (instead of a modal box the test would wait on)."""
    said: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> int:
        said.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


def _give(
    qtbot: QtBot, giver: Vault, key: Path, out: Path, worker_id: str, said: list[str]
) -> HandOverDialog:
    dialog = HandOverDialog(giver, said.append, None, worker_id)
    dialog.key_file = lambda: key  # type: ignore[method-assign]
    dialog.chosen_path = lambda _suggested: out  # type: ignore[method-assign,assignment]
    _show(qtbot, dialog)
    return dialog


def test_hand_over_by_keyboard_then_receive_and_see_the_contents_first(
    qtbot: QtBot, giver: Vault, receiver: Vault, tmp_path: Path, warnings: list[str]
) -> None:
    worker, actions = worker_with_open_actions(giver)
    key = tmp_path / "rita.pem"
    key.write_bytes(keys.public_pem(keys.ensure(receiver).public))
    out = tmp_path / "given.supnotes-handover"
    said: list[str] = []
    dialog = _give(qtbot, giver, key, out, worker.id, said)
    assert dialog.worker.currentText() == worker.name  # the selected worker
    assert not dialog.private.isChecked()
    assert "still disclosable on request" in dialog.private.text()
    assert not dialog.give.isEnabled()  # no key yet
    assert not dialog.to_hub.isEnabled()  # no hub set for this vault
    _alt(dialog, Qt.Key.Key_I)  # a mnemonic clicks after a short animation
    qtbot.waitUntil(lambda: dialog.private_warning.isVisibleTo(dialog))
    _alt(dialog, Qt.Key.Key_I)  # and off again: the default
    qtbot.waitUntil(lambda: not dialog.private.isChecked())
    dialog.resize(dialog.width(), 1)  # as small as it goes, as on a 1024x640 screen at 150%
    _alt(dialog, Qt.Key.Key_C)  # the receiver's key
    wanted = keys.ensure(receiver).fingerprint
    qtbot.waitUntil(lambda: wanted in dialog.key_note.text().replace("\n", ""))
    assert dialog.give.isEnabled()
    # The dialog grows to show the whole fingerprint (at 150% text it was squeezed).
    note = dialog.key_note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()))
    _alt(dialog, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.receiver_name)
    QTest.keyClicks(dialog.receiver_name, "Rita Patel")
    _alt(dialog, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: bool(said) or bool(warnings), timeout=60_000)
    assert out.is_file(), warnings
    assert said
    assert said[0].startswith(f"File saved: handed over {worker.name} to Rita Patel.")
    mark = handover.handed_over(giver, worker.id)
    assert mark is not None
    assert mark.to == "Rita Patel"

    received: list[str] = []
    imported: list[bool] = []
    receive = ReceiveDialog(receiver, received.append, lambda: imported.append(True))
    receive.handover_file = lambda: out  # type: ignore[method-assign]
    _show(qtbot, receive)
    _alt(receive, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: receive.checked is not None, timeout=60_000)
    text = receive.contents.text()
    assert receive.checked is not None
    records = receive.checked.contents.records  # their own and the groups they attended
    assert records >= _count(giver, f"record WHERE worker_id = '{worker.id}'")
    assert f"Worker: {worker.name}" in text
    assert f"{records} records, {len(actions)} open action" in text
    assert "draft" not in text  # drafts never leave the giver's laptop
    assert f"From: {GIVER}" in text
    assert receive.checked.contents.giver_fingerprint in text.replace("\n", "")
    assert receive.warning.isVisibleTo(receive)
    assert "not in your trust register" in receive.warning.text()
    assert _count(receiver, "record") == 0  # nothing written before Import
    assert not receive.import_button.isEnabled()  # the giver is not registered
    _alt(receive, Qt.Key.Key_C)  # "I have checked the giver's fingerprint"
    qtbot.waitUntil(receive.import_button.isEnabled)
    _alt(receive, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: imported == [True], timeout=60_000)
    assert _count(receiver, "record") == records
    assert received[0].startswith(
        f"{records} records added: received the handover of {worker.name}."
    )
    assert warnings == []


def test_every_bad_input_is_a_plain_message_and_nothing_is_imported(
    qtbot: QtBot, giver: Vault, receiver: Vault, tmp_path: Path, warnings: list[str]
) -> None:
    worker, _ = worker_with_open_actions(giver)
    stranger, _ = Vault.create(tmp_path / "stranger", PASSPHRASE, kdf_params=TEST_PARAMS)
    with stranger:
        for_stranger = tmp_path / "stranger.handover"
        handover.hand_over(giver, worker.id, keys.ensure(stranger).public, for_stranger)
    good = tmp_path / "good.handover"
    handover.hand_over(giver, worker.id, keys.ensure(receiver).public, good)
    corrupted = tmp_path / "corrupted.handover"
    data = bytearray(good.read_bytes())
    data[-5] ^= 0x01
    corrupted.write_bytes(bytes(data))
    not_a_handover = tmp_path / "notes.txt"
    not_a_handover.write_text("shopping list\n")
    # The same worker (same id) already here with other details.
    moved = WorkerRepository(giver).get(worker.id)
    WorkerRepository(receiver).save(replace(moved, team="Another team"))

    dialog = ReceiveDialog(receiver, lambda _t: None, lambda: None)
    _show(qtbot, dialog)
    expected = {
        not_a_handover: "notes.txt: this file is not a SupNotes handover",
        for_stranger: "someone else's key",
        corrupted: "changed after it was signed",
        tmp_path / "missing.handover": "could not be read",
    }
    for path, words in expected.items():
        warnings.clear()
        dialog.open_file(path)
        _idle(qtbot)
        assert len(warnings) == 1, (path, warnings)
        assert words in warnings[0]
        assert "Traceback" not in warnings[0]
        assert not dialog.import_button.isEnabled()
    # The right file: shown, but the import is refused as the worker differs here.
    warnings.clear()
    dialog.open_file(good)
    _idle(qtbot)
    assert "already in this vault" in dialog.contents.text()
    dialog.checked_giver.setChecked(True)
    dialog.import_now()
    _idle(qtbot)
    assert len(warnings) == 1
    assert "already in this vault with different details" in warnings[0]
    assert "Nothing was imported" in warnings[0]
    assert _count(receiver, "record") == 0
    assert WorkerRepository(receiver).get(worker.id).team == "Another team"


def test_bad_keys_are_refused_in_the_dialog_and_a_vault_without_a_key_says_so(
    qtbot: QtBot, giver: Vault, receiver: Vault, tmp_path: Path
) -> None:
    worker, _ = worker_with_open_actions(giver)
    cert = tmp_path / "cert.pem"
    certificate = identity.current_certificate(giver)
    assert certificate is not None
    cert.write_bytes(certificate_pem(certificate))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a key")
    own = tmp_path / "own.pem"
    own.write_bytes(keys.public_pem(keys.ensure(giver).public))
    dialog = HandOverDialog(giver, lambda _t: None, None, worker.id)
    _show(qtbot, dialog)
    assert not dialog.use_key(cert)
    assert "signing certificate cannot be used" in dialog.key_note.text()
    assert not dialog.use_key(garbage)
    assert "not a PEM public key" in dialog.key_note.text()
    assert not dialog.use_key(own)
    assert "this vault's own key" in dialog.key_note.text()
    assert not dialog.use_key(tmp_path / "missing.pem")
    assert "could not be read" in dialog.key_note.text()
    assert not dialog.give.isEnabled()
    assert handover.handed_over(giver, worker.id) is None

    assert keys.current(receiver) is None
    receive = ReceiveDialog(receiver, lambda _t: None, lambda: None)
    _show(qtbot, receive)
    assert receive.intro.text() == NO_KEY
    assert not receive.choose.isEnabled()
    assert keys.current(receiver) is None  # looking made no key


def test_enter_after_choosing_the_key_hands_over_and_never_reopens_the_chooser(
    qtbot: QtBot, giver: Vault, receiver: Vault, tmp_path: Path, warnings: list[str]
) -> None:
    """Seen by an outsider (D7): after Choose…, Enter in "Receiver's name" opened the
    key file chooser again, because Choose… had become the default button."""
    worker, _actions = worker_with_open_actions(giver)
    key = tmp_path / "rita.pem"
    key.write_bytes(keys.public_pem(keys.ensure(receiver).public))
    out = tmp_path / "given.supnotes-handover"
    said: list[str] = []
    dialog = _give(qtbot, giver, key, out, worker.id, said)
    asked: list[bool] = []

    def key_file() -> Path:
        asked.append(True)
        return key

    dialog.key_file = key_file  # type: ignore[method-assign]
    dialog.choose_key.setFocus()
    qtbot.waitUntil(dialog.choose_key.hasFocus)
    QTest.keyClick(dialog.choose_key, Qt.Key.Key_Space)  # a keyboard click on Choose…
    qtbot.waitUntil(dialog.give.isEnabled)
    assert asked == [True]
    _alt(dialog, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.receiver_name)
    QTest.keyClicks(dialog.receiver_name, "Rita Patel")
    QTest.keyClick(dialog.receiver_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(said) or bool(warnings) or len(asked) > 1, timeout=60_000)
    assert asked == [True]  # the chooser was not opened again
    assert out.is_file(), warnings
    assert said[0].startswith(f"File saved: handed over {worker.name} to Rita Patel")
