"""Version 11: the supervisor's encryption key pair, for handovers.

An X25519 key pair separate from the signing identity (signing keys are
ECDSA with key agreement off, an organisation's may be RSA). The private
key is kept as raw bytes inside the vault, so the vault's encryption is
what protects it at rest. One row per key; the newest is current, older
ones stay so a handover sent to an older key can still be opened.
"""

from __future__ import annotations

from typing import Any

VERSION = 11
DESCRIPTION = "encryption key pair (X25519) for receiving handovers"

_STATEMENTS = (
    """
    CREATE TABLE encryption_key (
        id           TEXT PRIMARY KEY,
        fingerprint  TEXT NOT NULL UNIQUE,
        public_raw   BLOB NOT NULL CHECK (length(public_raw) = 32),
        private_raw  BLOB NOT NULL CHECK (length(private_raw) = 32),
        created_at   TEXT NOT NULL
    ) STRICT
    """,
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
