"""Handover deposits on the hub: opaque bytes addressed to a receiver's key.

A handover is encrypted to the receiving supervisor's own encryption key
before it reaches the hub (the handover feature does that); the hub only
carries the bytes. HR or admin records which login holds which key
(``handover_recipient``). On PostgreSQL a supervisor reads, through the
``my_handovers`` view, only the handovers addressed to keys registered to
their own login. The file hub has no logins: the reader names the key, and
anyone who can open the file could read every handover's ciphertext.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from supnotes.hub.address import Backend
from supnotes.hub.errors import HubError
from supnotes.hub.store import HubStore, as_datetime

_FINGERPRINT = re.compile(r"^[0-9a-f:]{16,200}$")


def normalised_fingerprint(text: str) -> str:
    """A key fingerprint as stored: lower-case hex, colons kept; refused if not one."""
    value = text.strip().lower()
    if not _FINGERPRINT.fullmatch(value):
        raise HubError(
            "a receiver's key fingerprint is hexadecimal (colons allowed), 16 to 200 characters"
        )
    return value


@dataclass(frozen=True)
class StoredHandover:
    id: str
    key_fingerprint: str
    reference: str
    sha256: str
    content: bytes
    sender: str
    received_at: datetime


def register_recipient(store: HubStore, key_fingerprint: str, login: str) -> bool:
    """Record that ``login`` receives handovers to ``key_fingerprint``; False if known."""
    key = normalised_fingerprint(key_fingerprint)
    if not login.strip():
        raise HubError("name the login that holds this key")
    with store.transaction():
        if store.rows("SELECT 1 FROM handover_recipient WHERE key_fingerprint = %s", (key,)):
            return False
        store.rows(
            "INSERT INTO handover_recipient(key_fingerprint, login) VALUES (%s, %s)",
            (key, login.strip()),
        )
    return True


def addressed_to_me(store: HubStore, key_fingerprint: str | None = None) -> list[StoredHandover]:
    """Handovers this login may fetch (PostgreSQL: only to its own keys), oldest first.

    The file hub cannot tell who reads it, so there a key must be named.
    """
    key = None if key_fingerprint is None else normalised_fingerprint(key_fingerprint)
    if key is None and store.backend is Backend.FILE:
        raise HubError("the file hub has no logins: name your key with --key FINGERPRINT")
    where, params = ("WHERE target = %s", (key,)) if key else ("", ())
    return [
        StoredHandover(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), bytes(r[4]), str(r[5]), as_datetime(r[6])
        )
        for r in store.rows(
            "SELECT id, target, record_reference, sha256, content, sender, received_at "  # noqa: S608
            f"FROM my_handovers {where} ORDER BY received_at, id",
            params,
        )
    ]
