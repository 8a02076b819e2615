"""File → Send to the organisation…: by keyboard, off the UI thread, against a file hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.domain.trail import TrailKind
from supnotes.hub.address import HubAddress
from supnotes.hub.errors import HubUnreachable
from supnotes.hub.file_store import FileStore
from supnotes.hub.opening import open_store
from supnotes.services import trail
from supnotes.services.hub_intake import run_intake
from supnotes.services.hub_send import waiting_by_kind
from supnotes.ui.common import operations
from supnotes.ui.file_menu.send_dialog import SendDialog
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault


@pytest.fixture
def file_hub(tmp_path: Path) -> Hub:
    address = HubAddress.file(tmp_path / "hub.db")
    with open_store(address, create=True) as store:
        store.initialise()
    return Hub("file", address, None, "")


def _dialog(qtbot: QtBot, vault: Vault, said: list[str]) -> SendDialog:
    dialog = SendDialog(vault, said.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def _alt(dialog: SendDialog, key: Qt.Key) -> None:
    """Alt+letter, sent where a user's key goes: the focused widget."""
    QTest.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def _send_by_keyboard(qtbot: QtBot, dialog: SendDialog) -> None:
    before = dialog.result_report
    _alt(dialog, Qt.Key.Key_S)
    qtbot.waitUntil(
        lambda: dialog.result_report is not before and not operations.busy(), timeout=60_000
    )


def _sends(vault: Vault) -> int:
    return sum(1 for e in trail.entries(vault) if e.kind is TrailKind.SEND)


def test_with_no_hub_it_explains_how_it_sets_one_and_cannot_send(
    qtbot: QtBot, sealed: Vault
) -> None:
    dialog = _dialog(qtbot, sealed, [])
    assert "IT" in dialog.summary.text()
    assert "supnotes hub connect" in dialog.summary.text()
    assert not dialog.send_button.isEnabled()
    _alt(dialog, Qt.Key.Key_S)
    QApplication.processEvents()
    assert not operations.busy()
    assert OutboxRepository(sealed).all() == []  # nothing queued, nothing opened
    assert _sends(sealed) == 0
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_shows_what_waits_sends_by_keyboard_then_shows_refusals_with_reasons(
    qtbot: QtBot, sealed: Vault, file_hub: Hub
) -> None:
    connect_vault(sealed, file_hub, "sam")
    counts = waiting_by_kind(sealed)
    assert counts["supervision-file"] > 0
    assert counts["child-extract"] > 0
    said: list[str] = []
    dialog = _dialog(qtbot, sealed, said)
    text = dialog.summary.text()
    assert f"{counts['supervision-file']} supervision-file copies" in text
    assert f"{counts['child-extract']} child extracts" in text
    assert dialog.send_button.isEnabled()

    _send_by_keyboard(qtbot, dialog)
    total = counts["supervision-file"] + counts["child-extract"]
    report = dialog.result_report
    assert report is not None
    assert report.sent == total
    assert f"Sent now: {total}." in dialog.outcome.toPlainText()
    assert "Nothing is left waiting." in dialog.outcome.toPlainText()
    assert "Nothing is waiting" in dialog.summary.text()
    assert _sends(sealed) == total
    assert said

    with file_hub.open_as_it() as store:  # the signer is not registered: all refused
        run_intake(store)
    _send_by_keyboard(qtbot, dialog)
    shown = dialog.outcome.toPlainText()
    assert "Sent now: 0." in shown
    assert f"refused {total}" in shown
    assert shown.count("Refused by intake:") == total
    assert "signer not registered" in shown
    assert "Traceback" not in shown
    assert _sends(sealed) == total  # a send with nothing new records nothing


def test_a_failed_connection_is_said_plainly_and_the_next_send_carries_on(
    qtbot: QtBot, sealed: Vault, file_hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    connect_vault(sealed, file_hub, "sam")
    original = FileStore._insert_deposit
    done: list[int] = []

    def drop_after_one(self: FileStore, deposit: object, sender: str) -> bool:
        if done:
            raise HubUnreachable("the hub could not be reached")
        done.append(1)
        return original(self, deposit, sender)  # type: ignore[arg-type]

    monkeypatch.setattr(FileStore, "_insert_deposit", drop_after_one)
    dialog = _dialog(qtbot, sealed, [])
    _send_by_keyboard(qtbot, dialog)
    shown = dialog.outcome.toPlainText()
    assert "Could not reach the organisation's hub" in shown
    assert "Nothing is lost" in shown
    assert "try again later" in shown
    assert _sends(sealed) == 1
    waiting = len(OutboxRepository(sealed).waiting())
    assert waiting > 0
    monkeypatch.undo()
    _send_by_keyboard(qtbot, dialog)
    report = dialog.result_report
    assert report is not None
    assert report.sent == waiting
    assert OutboxRepository(sealed).waiting() == []
    assert _sends(sealed) == waiting + 1
