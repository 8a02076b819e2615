"""Signing identities: the supervisor's key and certificate, encrypted in the vault.

The PKCS#12 blob is encrypted with a password derived from the vault's data
key (see :mod:`supnotes.services.identity`); this module only stores rows.
Exactly one identity is current (``retired_at IS NULL``); a replaced one is
kept so records it sealed still verify against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supnotes.vault.connection import Connection, compose
from supnotes.vault.repositories.rows import iso_datetime, parse_datetime
from supnotes.vault.vault import Vault

_COLUMNS = "id, source, subject, fingerprint, pkcs12, created_at, retired_at"


def _blob(value: object) -> bytes:
    assert isinstance(value, bytes | memoryview), type(value)
    return bytes(value)


@dataclass(frozen=True, slots=True)
class StoredIdentity:
    id: str
    source: str  # "self-signed" or "organisation"
    subject: str
    fingerprint: str
    pkcs12: bytes
    created_at: datetime
    retired_at: datetime | None = None


def _from_row(row: tuple[object, ...]) -> StoredIdentity:
    created = parse_datetime(str(row[5]))
    assert created is not None
    return StoredIdentity(
        id=str(row[0]),
        source=str(row[1]),
        subject=str(row[2]),
        fingerprint=str(row[3]),
        pkcs12=_blob(row[4]),
        created_at=created,
        retired_at=None if row[6] is None else parse_datetime(str(row[6])),
    )


def add_identity(conn: Connection, identity: StoredIdentity) -> None:
    """Retire the current identity (if any) and make ``identity`` current."""
    conn.execute(
        "UPDATE signing_identity SET retired_at = ? WHERE retired_at IS NULL",
        (iso_datetime(identity.created_at),),
    )
    conn.execute(
        compose("INSERT INTO signing_identity({c}) VALUES (?, ?, ?, ?, ?, ?, NULL)", c=_COLUMNS),
        (
            identity.id,
            identity.source,
            identity.subject,
            identity.fingerprint,
            identity.pkcs12,
            iso_datetime(identity.created_at),
        ),
    )


class IdentityRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def current(self) -> StoredIdentity | None:
        found = self._vault.query(
            compose("SELECT {c} FROM signing_identity WHERE retired_at IS NULL", c=_COLUMNS)
        )
        return _from_row(found[0]) if found else None

    def all(self) -> list[StoredIdentity]:
        """Every identity, oldest first (current and retired)."""
        return [
            _from_row(r)
            for r in self._vault.query(
                compose("SELECT {c} FROM signing_identity ORDER BY created_at, id", c=_COLUMNS)
            )
        ]

    def add(self, identity: StoredIdentity) -> None:
        with self._vault.transaction() as conn:
            add_identity(conn, identity)
