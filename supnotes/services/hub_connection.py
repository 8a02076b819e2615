"""The supervisor's connection to the organisation's hub, kept inside the vault.

The address, login, password and the organisation's CA certificate are set
by ``supnotes hub connect`` (or the app's settings) and stored in the
encrypted vault, never in a settings file. Nothing connects until the
supervisor sends or pulls the register: :func:`open_configured` is the only
way this module opens a connection, and it opens one only to the hub stored.
"""

from __future__ import annotations

import getpass
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supnotes.hub.address import Backend, HubAddress
from supnotes.hub.errors import HubError
from supnotes.hub.opening import open_store
from supnotes.hub.store import HubStore
from supnotes.vault.repositories.outbox import OutboxRepository, StoredConnection
from supnotes.vault.vault import Vault


class NoHubConfigured(HubError):
    """No hub is set for this vault: nothing was sent and no connection was opened."""

    def __init__(self) -> None:
        super().__init__(
            "no hub is set for this vault, so nothing was sent and no connection was opened "
            "(IT gives you the hub's address: set it with 'supnotes hub connect')"
        )


def address_of(stored: StoredConnection) -> HubAddress:
    if stored.backend == Backend.FILE:
        return HubAddress.file(Path(stored.location))
    return HubAddress.postgresql(stored.location)


def connect(
    vault: Vault,
    address: HubAddress,
    *,
    login: str = "",
    password: str = "",
    ca_pem: bytes | None = None,
) -> None:
    """Store the hub's address and credentials in the vault (logged; no connection made)."""
    if address.backend is Backend.POSTGRESQL and not address.local_socket and ca_pem is None:
        raise HubError(
            "a hub over the network needs the organisation's CA certificate (--ca FILE), "
            "so the server is verified"
        )
    if address.backend is Backend.FILE and not login:
        login = getpass.getuser()
    stored = StoredConnection(address.backend.value, address.location, login, password, ca_pem)
    OutboxRepository(vault).set_connection(stored, address.describe())


def configured(vault: Vault) -> StoredConnection | None:
    return OutboxRepository(vault).connection()


def sender_name(stored: StoredConnection) -> str:
    return stored.login or "supervisor"


@contextmanager
def ca_file(ca_pem: bytes | None) -> Iterator[Path | None]:
    """The CA certificate as a file for libpq, only while connecting (it is public data)."""
    if ca_pem is None:
        yield None
        return
    handle, name = tempfile.mkstemp(prefix="supnotes-hub-ca-", suffix=".pem")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(ca_pem)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def open_configured(vault: Vault) -> tuple[HubStore, StoredConnection]:
    """Connect to the vault's hub; raises :class:`NoHubConfigured` when none is set."""
    stored = configured(vault)
    if stored is None:
        raise NoHubConfigured
    address = address_of(stored)
    with ca_file(stored.ca_pem) as ca:
        store = open_store(
            address, user=stored.login or None, password=stored.password or None, ca_file=ca
        )
    return store, stored
