"""Opening the hub: the one function that connects to it, whichever backend it is.

Kept apart from :mod:`supnotes.hub.store` (the interface both backends
implement) so that the backends import the interface and nothing imports back.
"""

from __future__ import annotations

from pathlib import Path

from supnotes.hub.address import Backend, HubAddress
from supnotes.hub.errors import HubError
from supnotes.hub.file_store import FileStore
from supnotes.hub.store import HubStore


def open_store(
    address: HubAddress,
    *,
    user: str | None = None,
    password: str | None = None,
    ca_file: Path | None = None,
    create: bool = False,
) -> HubStore:
    """Connect to the hub at ``address``: the only place a hub connection is opened.

    ``create`` (``hub init``) accepts a hub with no schema yet; otherwise the
    schema must be exactly the version this program knows.
    """
    if address.backend is Backend.FILE:
        return FileStore(address, create=create)
    # psycopg loads only when a PostgreSQL hub is asked for.
    from supnotes.hub.postgres_store import PostgresStore

    store = PostgresStore(address, user=user, password=password, ca_file=ca_file)
    if not create:
        try:
            store.check_version()
        except HubError:
            store.close()
            raise
    return store
