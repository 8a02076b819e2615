"""Handover files through the hub: queued, sent once, fetched only by their receiver."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.trail import TrailKind
from supnotes.hub.errors import HubError
from supnotes.hub.handover import addressed_to_me, register_recipient
from supnotes.services import hub_handover, trail
from supnotes.services.hub_send import send
from supnotes.vault.vault import Vault
from tests.hub import sealed_vault
from tests.hub.conftest import PASSWORD, Hub, connect_vault

KEY_A = "a1" * 32
KEY_B = "b2:" * 31 + "b2"


def _handover(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(os.urandom(4096))  # ciphertext, as far as the hub knows
    return path


def test_send_and_fetch_by_command_on_the_file_hub(
    hub: Hub,
    sealed_source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "vault"
    vault = sealed_vault.copy(sealed_source, folder)
    login = hub.login("supervisor")
    connect_vault(vault, hub, login)
    vault.close()
    if hub.server is not None:
        with hub.open_as_it() as store:
            register_recipient(store, KEY_A, login)
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_vault.PASSPHRASE)
    monkeypatch.setenv("SUPNOTES_HUB_PASSWORD", PASSWORD)
    file = _handover(tmp_path, "Ffion Pritchard to Dele.handover")
    sending = ["send", "--vault", str(folder), "--handover", str(file), "--to", KEY_A.upper()]
    assert main(sending) == 0
    assert "queued" in capsys.readouterr().out
    assert main(sending) == 0  # the same file again: queued once, deposited once
    assert "already queued" in capsys.readouterr().out
    out = tmp_path / "in"
    fetch = ["hub", "fetch-handovers", "--vault", str(folder), "--out", str(out)]
    if hub.server is None:
        assert main(fetch) == 2
        assert "--key" in capsys.readouterr().err
        fetch += ["--key", KEY_A]
    assert main(fetch) == 0
    [got] = list(out.iterdir())
    assert got.read_bytes() == file.read_bytes()
    assert "Ffion" not in got.name  # the reference names no one
    with sealed_vault.copy_open(folder) as opened:
        sends = [e for e in trail.entries(opened) if e.kind is TrailKind.SEND]
        assert [e.audience for e in sends].count("handover") == 1
    assert main(["send", "--vault", str(folder), "--handover", str(file)]) == 2
    assert main(["send", "--vault", str(folder), "--handover", str(file), "--to", "zz"]) == 2
    err = capsys.readouterr().err
    assert "--to" in err
    assert "hexadecimal" in err


def test_a_receiver_fetches_only_what_is_addressed_to_their_own_keys(
    pg_hub: Hub, sealed: Vault, tmp_path: Path
) -> None:
    hub = pg_hub
    giver, alice, bob = (hub.login("supervisor") for _ in range(3))
    with hub.open_as_it() as store:
        assert register_recipient(store, KEY_A, alice)
        assert register_recipient(store, KEY_B, bob)
        assert not register_recipient(store, KEY_A, bob)  # a key has one holder
    connect_vault(sealed, hub, giver)
    to_alice = _handover(tmp_path, "for-alice")
    to_bob = _handover(tmp_path, "for-bob")
    assert hub_handover.queue(sealed, to_alice, KEY_A)
    assert hub_handover.queue(sealed, to_bob, KEY_B)
    report = send(sealed)
    assert report.unreachable is None
    with hub.open_as(alice) as store:
        mine = addressed_to_me(store)
        assert [h.content for h in mine] == [to_alice.read_bytes()]
        assert addressed_to_me(store, KEY_B) == []  # naming another's key gives nothing
        with pytest.raises(HubError):
            store.rows("SELECT count(*) FROM deposit WHERE kind = 'handover'")
        with pytest.raises(HubError):
            store.rows("SELECT * FROM handover_recipient")
        with pytest.raises(HubError):
            register_recipient(store, "c3" * 32, alice)  # a supervisor cannot claim a key
    with hub.open_as(giver) as store:
        assert addressed_to_me(store) == []  # the giver reads nothing back
    connect_vault(sealed, hub, bob)
    written = hub_handover.fetch(sealed, tmp_path / "bob")
    assert [p.read_bytes() for p in written] == [to_bob.read_bytes()]
