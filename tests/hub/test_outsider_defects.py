"""Defects an outsider found following the walk-through (notes eyes16 and hub2), each fixed:
intake says what happened with the figures, 'hub connect' takes the login from the URL, a
figures period ending after today is refused, and the hub log and the access trail each
keep their own part."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.trail import TrailKind
from supnotes.hub.address import HubAddress
from supnotes.services import hub_connection, trail
from supnotes.services.hub_send import send
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault
from tests.hub import sealed_vault
from tests.hub.conftest import PASSWORD, Hub, connect_vault, register_own_certificate


def _where(hub: Hub, login: str | None = None) -> list[str]:
    if hub.server is None:
        return ["--file", hub.address.location]
    if login is None:
        return ["--url", hub.address.location]
    return ["--url", hub.server.socket_url(hub.dbname, login)]


@pytest.fixture
def vault_folder(sealed_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vault"
    sealed_vault.copy(sealed_source, folder).close()
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_vault.PASSPHRASE)
    monkeypatch.setenv("SUPNOTES_HUB_PASSWORD", PASSWORD)
    return folder


def test_intake_says_what_happened_with_the_figures(
    hub: Hub, vault_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sealed_vault.copy_open(vault_folder) as vault:
        connect_vault(vault, hub, hub.login("supervisor"))
    it = _where(hub)
    figures = ["--figures-from", "2026-02-01", "--figures-to", "2026-03-20"]
    # Only the figures: the sealed records are sent and decided first.
    assert main(["send", "--vault", str(vault_folder)]) == 0
    assert main(["hub", "intake", *it]) == 0
    assert main(["send", "--vault", str(vault_folder), *figures]) == 0
    capsys.readouterr()
    if hub.server is not None:
        # The records officer cannot read figures (HR data), but is told they wait, and why.
        officer = _where(hub, hub.login("records-officer"))
        assert main(["hub", "intake", *officer]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0] == "Accepted 0, refused 0."
        assert out[1] == (
            "1 set(s) of service figures still wait: figures are HR data, which this login's "
            "role cannot read, so an admin's 'hub intake' decides them."
        )
        it = _where(hub, hub.login("admin"))
    assert main(["hub", "intake", *it]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Accepted 1, refused 0.", "Of these, service figures: accepted 1, refused 0."]
    assert main(["hub", "intake", *it]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "Nothing was waiting for intake."


def test_hub_connect_takes_the_login_from_the_url(
    pg_hub: Hub, vault_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pg_hub.server is not None
    login = pg_hub.login("supervisor")
    url = pg_hub.server.socket_url(pg_hub.dbname, login)
    assert HubAddress.postgresql(url).user() == login
    connect = ["hub", "connect", "--vault", str(vault_folder), "--url", url]
    assert main(connect) == 0
    with sealed_vault.copy_open(vault_folder) as vault:
        stored = hub_connection.configured(vault)
        assert stored is not None
        assert stored.login == login
        assert send(vault).unreachable is None  # the login works
    assert main([*connect, "--user", login]) == 0  # the same login twice is fine
    capsys.readouterr()
    assert main([*connect, "--user", "someone_else"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"the URL names the login {login} but --user says someone_else" in err
    no_user = pg_hub.server.socket_url(pg_hub.dbname, login).replace(f"user={login}", "")
    assert not HubAddress.postgresql(no_user).user()
    assert main(["hub", "connect", "--vault", str(vault_folder), "--url", no_user]) == 2
    assert "give your hub login with --user LOGIN, or in the URL" in capsys.readouterr().err


def test_figures_for_a_period_ending_after_today_are_refused(
    hub: Hub, vault_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sealed_vault.copy_open(vault_folder) as vault:
        connect_vault(vault, hub, hub.login("supervisor"))
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    figures = ["--figures-from", "2026-02-01", "--figures-to", tomorrow]
    assert main(["send", "--vault", str(vault_folder), *figures]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"the period ends on {tomorrow}, after today" in err
    with sealed_vault.copy_open(vault_folder) as vault:
        assert not [r for r in OutboxRepository(vault).waiting() if r.kind == "figures"]
        assert not OutboxRepository(vault).log_entries()[1:]  # nothing was sent either


def _sends(vault: Vault) -> int:
    return sum(1 for e in trail.entries(vault) if e.kind is TrailKind.SEND)


def test_the_hub_log_keeps_attempts_and_settings_the_trail_keeps_each_deposit(
    hub: Hub, vault_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = HubAddress.postgresql("postgresql:///nohub?host=/nonexistent-supnotes-socket")
    with sealed_vault.copy_open(vault_folder) as vault:
        register_own_certificate(vault, hub)
        connect_vault(vault, hub, hub.login("supervisor"))
        first = send(vault)
        again = send(vault)
        assert first.sent > 0
        assert again.sent == 0
        # The trail: one entry per deposit that left the vault, none for the empty send.
        assert _sends(vault) == first.sent
        # The hub log: the hub set, then each attempt (two), with no deposit listed in it.
        log = OutboxRepository(vault).log_entries()
        assert [what for _, what, _, _ in log] == ["connect", "send", "send"]
        assert log[1][3] == f"sent {first.sent}, already held 0, waiting 0"
        assert log[2][3] == "sent 0, already held 0, waiting 0"

        # A hub that cannot be reached: the attempt is in the hub log, the trail unchanged.
        hub_connection.connect(vault, nowhere, login="x", password="y")
        unreached = send(vault)
        assert unreached.unreachable is not None
        assert _sends(vault) == first.sent
        last = OutboxRepository(vault).log_entries()[-1]
        assert last[1:] == ("send", nowhere.describe(), f"not reached, waiting {unreached.waiting}")

    capsys.readouterr()
    assert main(["hub", "log", "--vault", str(vault_folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1] for line in out[:-1]] == [
        "connect",
        "send",
        "send",
        "connect",
        "send",
    ]
    assert (
        out[-1] == "5 entries in this vault's hub log (each deposit sent is in 'supnotes trail')."
    )
