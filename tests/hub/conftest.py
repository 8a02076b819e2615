"""Every hub test runs against both backends: the embedded file and a real PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from supnotes.hub.address import HubAddress
from supnotes.hub.opening import open_store
from supnotes.hub.store import HubStore
from supnotes.vault.vault import Vault
from tests.hub import sealed_vault
from tests.hub.postgres_server import (
    PostgresServer,
    postgres_bin,
    start_server,
    stop_server,
)
from tests.tools import missing

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        missing("PostgreSQL (initdb, pg_ctl: Debian's postgresql package) is not installed")
    server = start_server(bin_dir)
    try:
        yield server
    finally:
        stop_server(server)


@dataclass
class Hub:
    """One fresh hub of one backend, with the means to open it as IT or as a role."""

    backend: str
    address: HubAddress
    server: PostgresServer | None
    dbname: str

    def open_as_it(self) -> HubStore:
        return open_store(self.address)

    def open_as(self, login: str) -> HubStore:
        """Open as a login (PostgreSQL); the file hub has no logins, so it opens as is."""
        if self.server is None:
            return open_store(self.address)
        return open_store(HubAddress.postgresql(self.server.socket_url(self.dbname, login)))

    def login(self, role: str, password: str = "pw-for-tests-only") -> str:
        """A new login granted ``role`` (PostgreSQL); its name."""
        name = f"{role.replace('-', '_')}_{next(_numbers)}"
        if self.server is not None:
            with self.open_as_it() as store:
                store.create_login(name, role, password)
        return name


@pytest.fixture(params=["file", "postgresql"])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Hub:
    """A hub made with ``hub init``'s code, on the embedded file or on PostgreSQL."""
    return _make_hub(request, tmp_path, request.param)


@pytest.fixture
def pg_hub(request: pytest.FixtureRequest, tmp_path: Path) -> Hub:
    """A PostgreSQL hub, for what only a server has: connections, restarts, TLS."""
    return _make_hub(request, tmp_path, "postgresql")


def _make_hub(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> Hub:
    if backend == "file":
        address = HubAddress.file(tmp_path / "hub.db")
        with open_store(address, create=True) as store:
            store.initialise()
        return Hub("file", address, None, "")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    dbname = f"hub_{next(_numbers)}"
    server.psql("postgres", f"CREATE DATABASE {dbname}")
    address = HubAddress.postgresql(server.socket_url(dbname))
    with open_store(address, create=True) as store:
        store.initialise()
    return Hub("postgresql", address, server, dbname)


@pytest.fixture(scope="session")
def sealed_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sealed") / "v"
    sealed_vault.build(folder)
    return folder


@pytest.fixture
def sealed(sealed_source: Path, tmp_path: Path) -> Iterator[Vault]:
    """A fresh copy of a vault holding sealed records, open."""
    with sealed_vault.copy(sealed_source, tmp_path / "vault") as vault:
        yield vault


PASSWORD = "pw-for-tests-only"


def connect_vault(vault: Vault, hub: Hub, login: str) -> None:
    """Set the vault's hub as ``hub connect`` does: the file, or a login over the socket."""
    from supnotes.services import hub_connection

    if hub.server is None:
        hub_connection.connect(vault, hub.address, login=login)
        return
    address = HubAddress.postgresql(hub.server.socket_url(hub.dbname, login))
    hub_connection.connect(vault, address, login=login, password=PASSWORD)


def register_own_certificate(vault: Vault, hub: Hub) -> None:
    from supnotes.services import hub_register
    from supnotes.services import identity as identities

    certificate = identities.current_certificate(vault)
    assert certificate is not None
    with hub.open_as_it() as store:
        assert hub_register.register(store, certificate, "supervisor")
