"""A whole handover between two real vaults: give, receive, receive again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.domain.demo import DemoVault
from supnotes.services import encryption_key as keys
from supnotes.services import handover, identity
from supnotes.services.handover_envelope import WrongRecipient
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
    yield vault
    vault.close()


def _count(vault: Vault, table: str) -> int:
    return int(str(vault.query(f"SELECT count(*) FROM {table}")[0][0]))


def test_cycle_trail_unregistered_warning_and_no_duplicates(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    worker = demo.workers[0]
    out = tmp_path / "handover.supnotes-handover"
    trail_before = _count(vault, "access_trail")
    handover.hand_over(vault, worker.id, keys.ensure(receiver).public, out)
    assert _count(vault, "access_trail") == trail_before + 1
    audience = vault.query("SELECT audience FROM access_trail ORDER BY n DESC LIMIT 1")[0][0]
    assert audience == f"handover to {keys.ensure(receiver).fingerprint}"

    received = handover.open_received(receiver, out.read_bytes())
    assert received.sender_registered is False  # the app/CLI must warn and ask
    first = handover.import_received(receiver, received)
    assert first.workers_added == 1
    assert first.records_added > 0
    records = _count(receiver, "record")
    second = handover.import_received(receiver, handover.open_received(receiver, out.read_bytes()))
    assert second.workers_added == 0
    assert second.records_added == 0
    assert _count(receiver, "record") == records


def test_wrong_vault_cannot_open(
    vault: Vault, receiver: Vault, demo: DemoVault, tmp_path: Path
) -> None:
    identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
    out = tmp_path / "h"
    handover.hand_over(vault, demo.workers[0].id, keys.ensure(receiver).public, out)
    with pytest.raises(WrongRecipient):
        handover.open_received(vault, out.read_bytes())
