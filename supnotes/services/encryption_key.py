"""The supervisor's encryption key pair (X25519), for receiving handovers.

Separate from the signing identity: signing keys are ECDSA with key
agreement off (an organisation's may be RSA), so a handover is encrypted to
this key instead. The private key lives in the vault (``encryption_key``
table) and is protected at rest by the vault's own encryption; it is made on
first need. The public key is exported as PEM with its fingerprint so HR or
IT can register it beside the signing certificate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from supnotes.domain.ids import new_id
from supnotes.vault.vault import Vault

_RAW = serialization.Encoding.Raw
_RAW_PUBLIC = serialization.PublicFormat.Raw


_NOT_X25519 = (
    "this is not a SupNotes encryption key (X25519): a signing certificate "
    "cannot be used to encrypt a handover; ask for 'supnotes encryption-key --out'"
)


class EncryptionKeyError(ValueError):
    """A public key file that is not an X25519 public key."""


@dataclass(frozen=True)
class EncryptionKey:
    fingerprint: str
    public: X25519PublicKey
    private: X25519PrivateKey
    created_at: str


def key_fingerprint(public: X25519PublicKey) -> str:
    """SHA-256 of the raw 32-byte public key as ``AB:CD:...`` (like certificates)."""
    return hashlib.sha256(public.public_bytes(_RAW, _RAW_PUBLIC)).digest().hex(":").upper()


def _row_to_key(row: tuple[object, ...]) -> EncryptionKey:
    fingerprint, private_raw, created_at = row
    assert isinstance(private_raw, bytes)
    private = X25519PrivateKey.from_private_bytes(private_raw)
    return EncryptionKey(str(fingerprint), private.public_key(), private, str(created_at))


def current(vault: Vault) -> EncryptionKey | None:
    rows = vault.query(
        "SELECT fingerprint, private_raw, created_at FROM encryption_key "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1"
    )
    return _row_to_key(tuple(rows[0])) if rows else None


def by_fingerprint(vault: Vault, fingerprint: str) -> EncryptionKey | None:
    rows = vault.query(
        "SELECT fingerprint, private_raw, created_at FROM encryption_key WHERE fingerprint = ?",
        (fingerprint,),
    )
    return _row_to_key(tuple(rows[0])) if rows else None


def ensure(vault: Vault) -> EncryptionKey:
    """The current key pair, made and stored on first need."""
    found = current(vault)
    if found is not None:
        return found
    vault.refuse_if_read_only()
    private = X25519PrivateKey.generate()
    public = private.public_key()
    created = datetime.now(UTC).isoformat(timespec="seconds")
    fingerprint = key_fingerprint(public)
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO encryption_key(id, fingerprint, public_raw, private_raw, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                new_id(),
                fingerprint,
                public.public_bytes(_RAW, _RAW_PUBLIC),
                private.private_bytes(
                    _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
                ),
                created,
            ),
        )
    return EncryptionKey(fingerprint, public, private, created)


def public_pem(public: X25519PublicKey) -> bytes:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_pem(data: bytes) -> X25519PublicKey:
    """A receiver's public key from the PEM they (or the hub) handed out."""
    if b"BEGIN CERTIFICATE" in data:
        raise EncryptionKeyError(_NOT_X25519)
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise EncryptionKeyError("this file is not a PEM public key") from exc
    if not isinstance(key, X25519PublicKey):
        raise EncryptionKeyError(_NOT_X25519)
    return key
