"""The organisation's escrow key: wrapping the data key to a public key it holds.

An organisation that wants to recover its records when a supervisor has
forgotten both the passphrase and the recovery key gives every vault its
*public* key; the private key stays offline with the organisation. The escrow
slot is built like the others (AES-256-GCM over the data key, the slot's kind
and parameters as associated data, the whole file under the MAC); only the
key-encryption key differs. It is a fresh 256-bit key, given to the
organisation's key by a standard key-encapsulation scheme:

- **RSA** (at least 3072 bits, what most IT departments already run):
  RSA-OAEP with SHA-256 (MGF1-SHA-256) encrypts the key-encryption key.
- **X25519**: an ephemeral X25519 key agreement with the organisation's key,
  HKDF-SHA256 over the shared secret (both public keys in its info) gives the
  key-encryption key.

The slot records the SHA-256 fingerprint of the key's SubjectPublicKeyInfo
(so Settings can say which key it is, and ``escrow-unlock`` can tell a wrong
private key from a damaged slot) and when it was added; both are bound into
the associated data, so neither can be swapped without the unwrap failing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, x25519
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from supnotes.vault.errors import VaultError
from supnotes.vault.kdf import KEY_BYTES, b64, unb64

RSA_OAEP = "rsa-oaep-sha256"
X25519_HKDF = "x25519-hkdf-sha256"
MIN_RSA_BITS = 3072
_X25519_INFO = b"supnotes escrow slot v1"
#: Public or private key files larger than this are not keys.
MAX_KEY_FILE_BYTES = 64 * 1024

EscrowPublicKey = rsa.RSAPublicKey | x25519.X25519PublicKey
EscrowPrivateKey = rsa.RSAPrivateKey | x25519.X25519PrivateKey


class EscrowKeyUnusable(VaultError):
    message = "That is not a usable organisation escrow key."
    advice = (
        "Use the organisation's public key as a PEM file: RSA of at least 3072 bits, or "
        "X25519 (see docs/escrow.md)."
    )


class EscrowPrivateKeyUnusable(EscrowKeyUnusable):
    """What was given to open a vault is not the organisation's private key."""

    message = "That is not a usable organisation private key."
    advice = (
        "Use the private key file escrow-keygen wrote (supnotes-escrow-private.pem), "
        "or the organisation's own RSA (3072 bits or more) or X25519 private key as PEM "
        "(see docs/escrow.md)."
    )


class EscrowKeyLocked(VaultError):
    """The private key is protected by a password and none was given."""

    message = "The organisation's private key is protected by a password."
    advice = "Give its password."


class WeakKeyPassphrase(VaultError):
    """``escrow-keygen``: the private key's passphrase fails the vault passphrases' rule."""

    message = "That passphrase cannot protect the organisation's private key."
    advice = "Use at least 10 characters and not a common password; unrelated words work well."


class WrongEscrowKeyPassword(VaultError):
    message = "That password does not open the organisation's private key."
    advice = "Check it with whoever keeps the key, and try again."


class WrongEscrowKey(VaultError):
    message = "That private key does not open this vault's escrow slot."
    advice = "Use the organisation private key whose fingerprint Settings shows for this vault."


class NoEscrowSlot(VaultError):
    message = "This vault has no organisation escrow slot, so it cannot be opened that way."
    advice = "Use the passphrase or the recovery key."


@dataclass(frozen=True)
class EscrowSlotInfo:
    """What Settings shows about a vault's escrow slot."""

    fingerprint: str
    scheme: str
    added_at: str

    @property
    def scheme_label(self) -> str:
        return {RSA_OAEP: "RSA-OAEP-SHA256", X25519_HKDF: "X25519 + HKDF-SHA256"}.get(
            self.scheme, self.scheme
        )


def fingerprint(key: EscrowPublicKey) -> str:
    """SHA-256 of the key's SubjectPublicKeyInfo, as ``AB:CD:…`` (what ``openssl`` can show)."""
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return sha256(der).digest().hex(":").upper()


def load_public_key(raw: bytes) -> EscrowPublicKey:
    """The organisation's public key from PEM (a public key or a certificate) or DER."""
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise EscrowKeyUnusable("the file is too large to be a key")
    key: object
    try:
        if b"-----BEGIN CERTIFICATE-----" in raw:
            from cryptography import x509

            key = x509.load_pem_x509_certificate(raw).public_key()
        elif b"PRIVATE KEY-----" in raw:
            raise EscrowKeyUnusable(
                "this is a private key: give the vault the public key only; the private key "
                "stays offline with the organisation"
            )
        elif raw.lstrip().startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(raw)
        else:
            key = serialization.load_der_public_key(raw)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise EscrowKeyUnusable("it holds no public key that can be read") from None
    return _checked_public(key)


def _checked_public(key: object) -> EscrowPublicKey:
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise EscrowKeyUnusable(
                f"it is an RSA key of {key.key_size} bits; at least {MIN_RSA_BITS} are needed"
            )
        return key
    if isinstance(key, x25519.X25519PublicKey):
        return key
    raise EscrowKeyUnusable(f"a {type(key).__name__.removeprefix('_')} is not supported")


def load_private_key(raw: bytes, password: bytes | None = None) -> EscrowPrivateKey:
    """The organisation's private key from PEM (or DER), decrypted with ``password``.

    Raises :class:`EscrowKeyLocked` when it is encrypted and no password was
    given, so the caller can ask for one.
    """
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise EscrowPrivateKeyUnusable("the file is too large to be a key")
    public = b"PUBLIC KEY-----" in raw or b"-----BEGIN CERTIFICATE-----" in raw
    if public and b"PRIVATE KEY-----" not in raw:  # a key and its certificate in one file are fine
        raise EscrowPrivateKeyUnusable(
            "this is the public key, which every vault carries; opening a vault needs "
            "the private key"
        )
    try:
        if raw.lstrip().startswith(b"-----BEGIN"):
            key: object = serialization.load_pem_private_key(raw, password)
        else:
            key = serialization.load_der_private_key(raw, password)
    except TypeError as exc:
        if password is None:
            raise EscrowKeyLocked() from None
        raise EscrowPrivateKeyUnusable(str(exc)) from None
    except ValueError:
        if password is not None:
            raise WrongEscrowKeyPassword() from None
        raise EscrowPrivateKeyUnusable("it holds no private key that can be read") from None
    except UnsupportedAlgorithm:
        raise EscrowPrivateKeyUnusable("it holds no private key that can be read") from None
    if isinstance(key, rsa.RSAPrivateKey | x25519.X25519PrivateKey):
        _checked_public(key.public_key())
        return key
    raise EscrowPrivateKeyUnusable(f"a {type(key).__name__.removeprefix('_')} is not supported")


def encapsulate(public: EscrowPublicKey, added_at: str) -> tuple[dict[str, Any], bytes]:
    """The slot's parameters and a fresh key-encryption key only ``public``'s owner can rebuild."""
    kek = os.urandom(KEY_BYTES)
    params: dict[str, Any] = {"fingerprint": fingerprint(public), "added_at": added_at}
    if isinstance(public, rsa.RSAPublicKey):
        params |= {"name": RSA_OAEP, "encrypted_key": b64(public.encrypt(kek, _oaep()))}
        return params, kek
    ephemeral = x25519.X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    kek = _x25519_kek(ephemeral.exchange(public), ephemeral_public, _raw(public))
    return params | {"name": X25519_HKDF, "ephemeral": b64(ephemeral_public)}, kek


def decapsulate(params: dict[str, Any], private: EscrowPrivateKey) -> bytes:
    """The key-encryption key of a slot with ``params``, rebuilt with the private key.

    :class:`WrongEscrowKey` when the key is not the slot's (by fingerprint);
    :class:`ValueError` (or :class:`TypeError`) when the slot's fields are malformed or do
    not decrypt.
    """
    public = private.public_key()
    if not isinstance(params.get("fingerprint"), str):
        raise TypeError("the escrow slot names no key")
    if params.get("fingerprint") != fingerprint(public):
        raise WrongEscrowKey(
            f"the slot was made for the key {params.get('fingerprint')}, this one is "
            f"{fingerprint(public)}"
        )
    name = params.get("name")
    if name == RSA_OAEP and isinstance(private, rsa.RSAPrivateKey):
        kek = private.decrypt(unb64(str(params["encrypted_key"])), _oaep())
    elif name == X25519_HKDF and isinstance(private, x25519.X25519PrivateKey):
        ephemeral_raw = unb64(str(params["ephemeral"]))
        ephemeral = x25519.X25519PublicKey.from_public_bytes(ephemeral_raw)
        recipient = _raw(private.public_key())
        kek = _x25519_kek(private.exchange(ephemeral), ephemeral_raw, recipient)
    else:
        raise ValueError(f"the escrow slot names an unknown scheme {name!r}")
    if len(kek) != KEY_BYTES:
        raise ValueError("the escrow slot's key has the wrong length")
    return kek


def slot_info(params: dict[str, Any]) -> EscrowSlotInfo:
    return EscrowSlotInfo(
        str(params.get("fingerprint", "")),
        str(params.get("name", "")),
        str(params.get("added_at", "")),
    )


def _oaep() -> padding.OAEP:
    return padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def _raw(key: x25519.X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _x25519_kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    info = _X25519_INFO + ephemeral_public + recipient_public
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(shared)


def generate_key_pair(kind: str = "rsa", bits: int = 4096) -> EscrowPrivateKey:
    """A new organisation key pair (``escrow-keygen``): RSA of ``bits``, or X25519."""
    if kind == "x25519":
        return x25519.X25519PrivateKey.generate()
    if bits < MIN_RSA_BITS:
        raise EscrowKeyUnusable(f"an RSA key needs at least {MIN_RSA_BITS} bits")
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def private_pem(key: EscrowPrivateKey, password: bytes) -> bytes:
    """``key`` as PKCS#8 PEM, encrypted with ``password`` (the best scheme available)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(password),
    )


def public_pem(key: EscrowPublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
