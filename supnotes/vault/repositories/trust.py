"""The vault's trust register: rows of certificates registered as trusted.

Only :mod:`supnotes.services.trust` writes here, and only on an explicit
act of the supervisor (importing the organisation's register, or a
certificate whose fingerprint they checked with its owner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supnotes.vault.connection import compose
from supnotes.vault.repositories.rows import iso_datetime, parse_datetime
from supnotes.vault.vault import Vault

_COLUMNS = "fingerprint, subject, der, how, source, added_at"
ORGANISATION_REGISTER = "organisation register"
CHECKED_WITH_OWNER = "checked with owner"


@dataclass(frozen=True, slots=True)
class TrustedRow:
    fingerprint: str
    subject: str
    der: bytes
    how: str  # ORGANISATION_REGISTER or CHECKED_WITH_OWNER
    source: str
    added_at: datetime


def _from_row(row: tuple[object, ...]) -> TrustedRow:
    added = parse_datetime(str(row[5]))
    assert added is not None
    der = row[2]
    assert isinstance(der, bytes | memoryview)
    return TrustedRow(str(row[0]), str(row[1]), bytes(der), str(row[3]), str(row[4]), added)


class TrustRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def all(self) -> list[TrustedRow]:
        """Every registered certificate, in the order they were added."""
        rows = self._vault.query(
            compose(
                "SELECT {c} FROM trusted_certificate ORDER BY added_at, fingerprint", c=_COLUMNS
            )
        )
        return [_from_row(r) for r in rows]

    def add(self, rows: list[TrustedRow]) -> int:
        """Register ``rows`` in one transaction; returns how many were new."""
        added = 0
        with self._vault.transaction() as conn:
            for row in rows:
                cursor = conn.execute(
                    compose(
                        "INSERT OR IGNORE INTO trusted_certificate({c}) VALUES (?, ?, ?, ?, ?, ?)",
                        c=_COLUMNS,
                    ),
                    (
                        row.fingerprint,
                        row.subject,
                        row.der,
                        row.how,
                        row.source,
                        iso_datetime(row.added_at),
                    ),
                )
                added += cursor.rowcount
        return added

    def remove(self, fingerprint: str) -> bool:
        with self._vault.transaction() as conn:
            cursor = conn.execute(
                "DELETE FROM trusted_certificate WHERE fingerprint = ?", (fingerprint,)
            )
            return bool(cursor.rowcount)
