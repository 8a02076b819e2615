"""Hand over a worker… to the hub, and Receive a handover… fetched from it (file hub)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.hub.address import HubAddress
from supnotes.hub.opening import open_store
from supnotes.services import encryption_key as keys
from supnotes.services import handover
from supnotes.services.hub_send import send, waiting_by_kind
from supnotes.ui.common import operations
from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.hub.conftest import Hub, connect_vault
from tests.ui.handover_giver import PASSPHRASE, giver_vault, worker_with_open_actions


@pytest.fixture
def file_hub(tmp_path: Path) -> Hub:
    address = HubAddress.file(tmp_path / "hub.db")
    with open_store(address, create=True) as store:
        store.initialise()
    return Hub("file", address, None, "")


@pytest.fixture
def giver(tmp_path: Path, file_hub: Hub) -> Iterator[Vault]:
    with giver_vault(tmp_path / "giver") as vault:
        connect_vault(vault, file_hub, "ann")
        yield vault


@pytest.fixture
def receiver(tmp_path: Path, file_hub: Hub) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        connect_vault(vault, file_hub, "rita")
        yield vault


def test_handed_over_to_the_hub_then_fetched_and_received(
    qtbot: QtBot, giver: Vault, receiver: Vault, tmp_path: Path
) -> None:
    worker, actions = worker_with_open_actions(giver)
    key = tmp_path / "rita.pem"
    key.write_bytes(keys.public_pem(keys.ensure(receiver).public))
    said: list[str] = []
    give = HandOverDialog(giver, said.append, None, worker.id)
    qtbot.addWidget(give)
    give.show()
    qtbot.waitExposed(give)
    assert give.to_hub.isEnabled()
    assert give.use_key(key)
    give.to_hub.setChecked(True)
    give.hand_over()
    qtbot.waitUntil(lambda: bool(said), timeout=60_000)
    assert "queued" in said[0]
    assert "Send to the organisation" in said[0]
    assert waiting_by_kind(giver).get("handover") == 1
    mark = handover.handed_over(giver, worker.id)
    assert mark is not None
    send(giver)
    assert not waiting_by_kind(giver).get("handover")

    imported: list[bool] = []
    receive = ReceiveDialog(receiver, lambda _t: None, lambda: imported.append(True))
    qtbot.addWidget(receive)
    receive.show()
    qtbot.waitExposed(receive)
    receive.activateWindow()
    qtbot.waitUntil(receive.isActiveWindow, timeout=2000)
    assert receive.fetch.isEnabled()
    QTest.keyClick(
        QApplication.focusWidget() or receive, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: receive.checked is not None, timeout=60_000)
    assert receive.checked is not None
    assert receive.checked.contents.worker_name == worker.name
    assert receive.checked.contents.open_actions == len(actions)
    receive.checked_giver.setChecked(True)
    receive.import_now()
    qtbot.waitUntil(lambda: imported == [True], timeout=60_000)
    qtbot.waitUntil(lambda: not operations.busy())
    count = receiver.query("SELECT count(*) FROM record")[0][0]
    assert count == receive.checked.contents.records
