"""Where the program connects, and how: no socket without a hub, verify-full over TCP,
credentials only inside the vault."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.hub.address import HubAddress
from supnotes.hub.errors import HubError
from supnotes.services import hub_connection
from supnotes.services.hub_send import send
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault
from tests.hub import sealed_vault
from tests.hub.conftest import PASSWORD, Hub
from tests.hub.postgres_server import make_tls
from tests.tools import need_command


@pytest.mark.parametrize("configured", ["no hub", "file hub"])
def test_send_opens_no_network_socket_without_a_server_hub(
    sealed_source: Path, tmp_path: Path, configured: str
) -> None:
    """strace sees every socket the process (and libpq, if loaded) would open."""
    strace = need_command("strace", "strace")
    folder = tmp_path / "vault"
    with sealed_vault.copy(sealed_source, folder) as vault:
        if configured == "file hub":
            hub_file = tmp_path / "hub.db"
            assert main(["hub", "init", "--file", str(hub_file)]) == 0
            hub_connection.connect(vault, HubAddress.file(hub_file), login="me")
    trace = tmp_path / "trace"
    env = {**os.environ, "SUPNOTES_PASSPHRASE": sealed_vault.PASSPHRASE}
    done = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=socket,connect,execve", "-o", str(trace),
         sys.executable, "-m", "supnotes", "send", "--vault", str(folder)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    calls = trace.read_text()
    if configured == "no hub":
        assert done.returncode == 2, done.stderr
        assert "no hub is set" in done.stderr
        assert "no connection was opened" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        assert "sent" in done.stdout
    assert "execve(" in calls  # strace really traced the process
    assert not re.search(r"AF_INET6?\b", calls), calls


def _tcp_vault(sealed: Vault, hub: Hub, ca_pem: bytes | None, url_suffix: str = "") -> str:
    assert hub.server is not None
    login = hub.login("supervisor", PASSWORD)
    address = HubAddress.postgresql(hub.server.tcp_url(hub.dbname, login) + url_suffix)
    hub_connection.connect(sealed, address, login=login, password=PASSWORD, ca_pem=ca_pem)
    return login


def test_tcp_uses_verify_full_with_the_organisation_ca(pg_hub: Hub, sealed: Vault) -> None:
    assert pg_hub.server is not None
    _tcp_vault(sealed, pg_hub, pg_hub.server.ca_file.read_bytes())
    report = send(sealed)
    assert report.unreachable is None
    assert report.sent > 0
    # The server takes TCP only as hostssl, so what arrived came over TLS; the next
    # test shows the server's certificate is checked against the CA.
    hba = (pg_hub.server.data / "pg_hba.conf").read_text().split()
    assert "host" not in hba


def test_a_server_certificate_from_another_ca_is_refused(
    pg_hub: Hub, sealed: Vault, tmp_path: Path
) -> None:
    other_ca, _, _ = make_tls(tmp_path, ca_name="Not The Organisation")
    _tcp_vault(sealed, pg_hub, other_ca.read_bytes())
    report = send(sealed)
    assert report.unreachable is not None
    assert "certificate" in report.unreachable
    assert report.sent == 0
    assert report.waiting == report.queued


def test_weaker_tls_or_no_ca_is_refused_before_connecting(pg_hub: Hub, sealed: Vault) -> None:
    assert pg_hub.server is not None
    with pytest.raises(HubError, match="sslmode=require is not allowed"):
        HubAddress.postgresql(pg_hub.server.tcp_url(pg_hub.dbname, "x") + "?sslmode=require")
    with pytest.raises(HubError, match="must not hold a password"):
        HubAddress.postgresql(f"postgresql://x:secret@localhost:{pg_hub.server.port}/db")
    address = HubAddress.postgresql(pg_hub.server.tcp_url(pg_hub.dbname, "x"))
    with pytest.raises(HubError, match="CA certificate"):
        hub_connection.connect(sealed, address, login="x", password="y")


def test_a_wrong_password_is_a_refused_login_not_an_unreachable_hub(
    pg_hub: Hub, sealed: Vault
) -> None:
    assert pg_hub.server is not None
    login = pg_hub.login("supervisor", PASSWORD)
    address = HubAddress.postgresql(pg_hub.server.tcp_url(pg_hub.dbname, login))
    ca_pem = pg_hub.server.ca_file.read_bytes()
    hub_connection.connect(sealed, address, login=login, password="not it", ca_pem=ca_pem)
    with pytest.raises(HubError, match="refused the login: check the user name and password"):
        send(sealed)
    assert OutboxRepository(sealed).waiting()  # queued, nothing lost


def test_the_hub_password_lives_only_inside_the_encrypted_vault(
    sealed_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_folders: Path
) -> None:
    folder = tmp_path / "vault"
    sealed_vault.copy(sealed_source, folder).close()
    secret = "Unmistakable-Hub-Password-8731"
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_vault.PASSPHRASE)
    monkeypatch.setenv("SUPNOTES_HUB_PASSWORD", secret)
    url = "host=/nonexistent/socket dbname=hub user=dana"
    assert main(["hub", "connect", "--vault", str(folder), "--url", url, "--user", "dana"]) == 0
    with sealed_vault.copy_open(folder) as vault:
        stored = hub_connection.configured(vault)
        assert stored is not None
        assert stored.password == secret
    for root in (folder, isolated_folders):
        for path in root.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
