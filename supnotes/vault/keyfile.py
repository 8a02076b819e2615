"""The key file: the vault's data key, wrapped once per unlock method.

The SQLCipher file is opened with a random 256-bit data key. That key is never
stored in the clear: the key file beside the vault holds it in *slots*, each
wrapping it with AES-256-GCM under a key derived from one unlock method (the
passphrase, the recovery key). Each slot's associated data binds it to its
kind and KDF parameters, so parameters cannot be swapped. The
whole file also carries an HMAC under a key derived from the data key, so once
any slot opens, any other change to the file (a removed or added slot, a new
vault id, weaker parameters) is detected.

An optional *escrow* slot wraps the data key to the organisation's public key
(:mod:`supnotes.vault.escrow`); its key-encryption key comes from RSA-OAEP or
X25519 instead of a KDF, and is otherwise built and bound like the others.

Changing the passphrase rewrites one slot and the MAC; the data key, and so
the vault file, stay as they are.

Passphrase slots written by this version derive from the passphrase in
Unicode NFC form and say so (``"normalise": "nfc"`` in their KDF parameters,
bound like the rest into the slot's associated data). A slot from before
carries no such mark: it was derived from the bytes as typed, so unlocking it
tries the passphrase as given, then its NFC and NFD forms, and
:meth:`KeyFile.renormalised` lets the vault rewrite it in NFC form.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field, replace
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from supnotes.domain.passphrases import forms, normalise
from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import (
    KeyFileMissing,
    KeyFileTampered,
    NotAVault,
    WrongPassphrase,
    WrongRecoveryKey,
)
from supnotes.vault.kdf import (
    KEY_BYTES,
    SALT_BYTES,
    Argon2Params,
    b64,
    derive_from_passphrase,
    derive_from_secret,
    raised_to_floor,
    unb64,
)

if TYPE_CHECKING:
    from supnotes.vault.escrow import EscrowPrivateKey, EscrowPublicKey, EscrowSlotInfo

FORMAT = "supnotes-keyfile"
VERSION = 1
PASSPHRASE = "passphrase"  # noqa: S105 (a slot kind, not a secret)
RECOVERY = "recovery"
ESCROW = "escrow"
_NONCE_BYTES = 12
_MAC_INFO = b"supnotes keyfile mac v1"
_RECOVERY_INFO = b"supnotes recovery slot v1"
NORMALISE = "normalise"
NFC = "nfc"


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    kind: str
    kdf: dict[str, Any]
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kdf": self.kdf,
            "nonce": b64(self.nonce),
            "wrapped": b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kind = data["kind"]
        kdf = data["kdf"]
        if not isinstance(kind, str) or not isinstance(kdf, dict):
            raise TypeError("slot fields have the wrong type")
        return cls(kind, kdf, unb64(data["nonce"]), unb64(data["wrapped"]))


@dataclass(frozen=True)
class KeyFile:
    """The parsed key file. Immutable: changes return a new instance."""

    vault_id: str
    slots: tuple[Slot, ...] = field(default_factory=tuple)
    mac: bytes = b""

    # -- reading and writing ------------------------------------------------

    def body(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "slots": [slot.to_json() for slot in self.slots],
        }

    def to_bytes(self) -> bytes:
        document = self.body() | {"mac": b64(self.mac)}
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            document = json.loads(raw.decode("ascii"))
            if document.get("format") != FORMAT:
                raise NotAVault("the key file is not a SupNotes key file")
            if document.get("version") != VERSION:
                raise KeyFileTampered(f"unknown key file version {document.get('version')!r}")
            slots = tuple(Slot.from_json(s) for s in document["slots"])
            return cls(str(document["vault_id"]), slots, unb64(document["mac"]))
        except (NotAVault, KeyFileTampered):
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise KeyFileTampered("the key file cannot be read") from exc

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise KeyFileMissing(str(path)) from exc
        return cls.from_bytes(raw)

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_bytes())

    # -- slots ----------------------------------------------------------------

    def slot(self, kind: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def with_slot(self, slot: Slot) -> KeyFile:
        """A copy with ``slot`` replacing any slot of its kind (MAC not yet updated)."""
        others = tuple(s for s in self.slots if s.kind != slot.kind)
        return replace(self, slots=(*others, slot))

    def without_slot(self, kind: str) -> KeyFile:
        """A copy with no slot of ``kind`` (MAC not yet updated)."""
        return replace(self, slots=tuple(s for s in self.slots if s.kind != kind))

    def sealed(self, data_key: bytes) -> KeyFile:
        """A copy whose MAC covers its current contents."""
        return replace(self, mac=_mac(self.body(), data_key))

    def verify(self, data_key: bytes) -> None:
        """Raise :class:`KeyFileTampered` unless the MAC matches."""
        if not hmac.compare_digest(self.mac, _mac(self.body(), data_key)):
            raise KeyFileTampered("its checksum does not match")

    # -- unlocking -------------------------------------------------------------

    def unlock_with_passphrase(self, passphrase: str) -> bytes:
        slot = self.slot(PASSPHRASE)
        if slot is None:
            raise KeyFileTampered("it has no passphrase slot")
        try:
            params = Argon2Params.from_json(slot.kdf)
            salt = unb64(slot.kdf["salt"])
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileTampered("its passphrase slot is malformed") from exc
        if slot.kdf.get(NORMALISE) == NFC:
            candidates = [normalise(passphrase)]
        elif NORMALISE in slot.kdf:
            raise KeyFileTampered("its passphrase slot names an unknown normalisation")
        else:
            candidates = forms(passphrase)
        for candidate in candidates[:-1]:
            kek = derive_from_passphrase(candidate, salt, params)
            try:
                data_key = self._unwrap(slot, kek, WrongPassphrase)
            except WrongPassphrase:
                continue
            self.verify(data_key)
            return data_key
        kek = derive_from_passphrase(candidates[-1], salt, params)
        data_key = self._unwrap(slot, kek, WrongPassphrase)
        self.verify(data_key)
        return data_key

    @property
    def passphrase_is_normalised(self) -> bool:
        """Whether the passphrase slot derives from the NFC form (False for older slots)."""
        slot = self.slot(PASSPHRASE)
        return slot is not None and slot.kdf.get(NORMALISE) == NFC

    def renormalised(self, passphrase: str, data_key: bytes) -> KeyFile:
        """A sealed copy whose passphrase slot derives from NFC, at least at the KDF floor.

        For a slot written before passphrases were normalised, once
        ``passphrase`` has opened it. Its parameters are kept, raised to the
        floor where an older, looser calibration left them below it (not
        re-calibrated, so the unlock that migrates costs one derivation more).
        """
        slot = self.slot(PASSPHRASE)
        if slot is None:
            raise KeyFileTampered("it has no passphrase slot")
        params = raised_to_floor(Argon2Params.from_json(slot.kdf))
        return self.with_slot(self.passphrase_slot(passphrase, params, data_key)).sealed(data_key)

    def unlock_with_recovery(self, secret: bytes) -> bytes:
        slot = self.slot(RECOVERY)
        if slot is None:
            raise KeyFileTampered("it has no recovery slot")
        try:
            salt = unb64(slot.kdf["salt"])
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileTampered("its recovery slot is malformed") from exc
        kek = derive_from_secret(secret, salt, _RECOVERY_INFO)
        data_key = self._unwrap(slot, kek, WrongRecoveryKey)
        self.verify(data_key)
        return data_key

    def unlock_with_escrow(self, private_key: EscrowPrivateKey) -> bytes:
        """The data key, through the escrow slot, with the organisation's private key.

        A key that is not the slot's raises :class:`~supnotes.vault.escrow.WrongEscrowKey`; a
        slot whose fields or wrapped bytes were changed raises
        :class:`KeyFileTampered` (the fingerprint matched, so nothing else explains it).
        """
        # Imported here: the public-key code is not needed to open a vault otherwise.
        from supnotes.vault import escrow

        slot = self.slot(ESCROW)
        if slot is None:
            raise escrow.NoEscrowSlot()
        try:
            kek = escrow.decapsulate(slot.kdf, private_key)
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileTampered("its escrow slot does not decrypt") from exc
        data_key = self._unwrap(slot, kek, KeyFileTampered)
        self.verify(data_key)
        return data_key

    def escrow_slot(self, public_key: EscrowPublicKey, data_key: bytes, added_at: str) -> Slot:
        """A slot wrapping ``data_key`` to the organisation's ``public_key``."""
        from supnotes.vault.escrow import encapsulate

        params, kek = encapsulate(public_key, added_at)
        return self._wrap(ESCROW, params, kek, data_key)

    @property
    def escrow_info(self) -> EscrowSlotInfo | None:
        """The escrow slot's fingerprint, scheme and date (None when there is none)."""
        from supnotes.vault.escrow import slot_info

        slot = self.slot(ESCROW)
        return None if slot is None else slot_info(slot.kdf)

    def _unwrap(self, slot: Slot, kek: bytes, wrong: type[Exception]) -> bytes:
        try:
            data_key = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(slot.kind, slot.kdf))
        except InvalidTag:
            raise wrong() from None
        if len(data_key) != KEY_BYTES:
            raise KeyFileTampered("the wrapped key has the wrong length")
        return data_key

    def _aad(self, kind: str, kdf: dict[str, Any]) -> bytes:
        # Binds the wrapped key to its slot kind and KDF parameters. The vault
        # id is left to the file MAC, so changing it reads as tampering rather
        # than as a wrong passphrase.
        return json.dumps([FORMAT, VERSION, kind, kdf], sort_keys=True).encode()

    def _wrap(self, kind: str, kdf: dict[str, Any], kek: bytes, data_key: bytes) -> Slot:
        nonce = os.urandom(_NONCE_BYTES)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, self._aad(kind, kdf))
        return Slot(kind, kdf, nonce, wrapped)

    def passphrase_slot(self, passphrase: str, params: Argon2Params, data_key: bytes) -> Slot:
        """A slot for ``passphrase`` in its NFC form (marked so)."""
        salt = os.urandom(SALT_BYTES)
        kdf = {"name": "argon2id", "salt": b64(salt), NORMALISE: NFC} | params.to_json()
        kek = derive_from_passphrase(normalise(passphrase), salt, params)
        return self._wrap(PASSPHRASE, kdf, kek, data_key)

    def recovery_slot(self, secret: bytes, data_key: bytes) -> Slot:
        salt = os.urandom(SALT_BYTES)
        kdf = {"name": "hkdf-sha256", "salt": b64(salt)}
        return self._wrap(RECOVERY, kdf, derive_from_secret(secret, salt, _RECOVERY_INFO), data_key)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_vault_id() -> str:
    return str(uuid.uuid4())


def _mac(body: dict[str, Any], data_key: bytes) -> bytes:
    mac_key = derive_from_secret(data_key, b"", _MAC_INFO)
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(mac_key, canonical, sha256).digest()
