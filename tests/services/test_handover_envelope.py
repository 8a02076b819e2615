"""The handover envelope between two real vaults: X25519 + HKDF + AES-GCM, signed."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from supnotes.pdf.identity import create_identity, fingerprint
from supnotes.services import encryption_key as keys
from supnotes.services.handover_envelope import (
    MAGIC,
    HandoverError,
    Tampered,
    WrongRecipient,
    open_envelope,
    seal,
)
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"
PAYLOAD = b"worker history CANARY-7731"


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
    yield vault
    vault.close()


def _keys(vault: Vault) -> dict[str, X25519PrivateKey]:
    key = keys.ensure(vault)
    return {key.fingerprint: key.private}


def _sealed(receiver: Vault) -> bytes:
    giver = create_identity("Ann Giver", "Team manager", "Org")
    return seal(PAYLOAD, keys.ensure(receiver).public, giver, "worker-1").data


def test_key_made_once_kept_in_vault_and_survives_reopen(receiver: Vault, tmp_path: Path) -> None:
    first = keys.ensure(receiver)
    assert keys.ensure(receiver).fingerprint == first.fingerprint
    receiver.close()
    with Vault.open(tmp_path / "receiver", Unlock(passphrase=PASSPHRASE)) as again:
        assert keys.current(again) is not None
        assert keys.current(again).fingerprint == first.fingerprint  # type: ignore[union-attr]


def test_public_pem_round_trip_and_certificate_refused(receiver: Vault) -> None:
    key = keys.ensure(receiver)
    loaded = keys.load_public_pem(keys.public_pem(key.public))
    assert keys.key_fingerprint(loaded) == key.fingerprint
    from supnotes.pdf.identity import certificate_pem

    cert_pem = certificate_pem(create_identity("A", "B", "C").certificate)
    with pytest.raises(keys.EncryptionKeyError):
        keys.load_public_pem(cert_pem)


def test_round_trip_gives_payload_and_sender(receiver: Vault) -> None:
    data = _sealed(receiver)
    assert PAYLOAD not in data
    opened = open_envelope(data, _keys(receiver))
    assert opened.payload == PAYLOAD
    assert opened.worker_ref == "worker-1"
    assert "Ann Giver" in opened.sender.subject.rfc4514_string()


def test_wrong_recipient_is_told_plainly(receiver: Vault) -> None:
    data = _sealed(receiver)
    other = X25519PrivateKey.generate()
    with pytest.raises(WrongRecipient, match="someone else"):
        open_envelope(data, {keys.key_fingerprint(other.public_key()): other})


def test_flipped_ciphertext_byte_is_refused(receiver: Vault) -> None:
    data = bytearray(_sealed(receiver))
    data[-5] ^= 0x01
    with pytest.raises(Tampered):
        open_envelope(bytes(data), _keys(receiver))


def test_changed_associated_data_is_refused(receiver: Vault) -> None:
    data = _sealed(receiver).replace(b'"worker_ref":"worker-1"', b'"worker_ref":"worker-2"')
    with pytest.raises(Tampered):
        open_envelope(data, _keys(receiver))


def test_resigned_by_someone_else_with_changed_worker_fails_decryption(receiver: Vault) -> None:
    # Even a valid new signature cannot make AES-GCM accept changed associated data.
    from supnotes.services import handover_envelope as env

    data = _sealed(receiver)
    header, _line, _sig, ciphertext = env.read_header(data)
    header["worker_ref"] = "worker-2"
    other = create_identity("Mallory", "x", "y")
    header["sender_fingerprint"] = fingerprint(other.certificate)
    header["sender_certificate"] = other.certificate.public_bytes(
        serialization.Encoding.PEM
    ).decode()
    line = env._canonical(header)
    sig = env._sign(other, env._signed_bytes(line, ciphertext))
    forged = MAGIC + line + b"\n" + base64.b64encode(sig) + b"\n" + ciphertext
    with pytest.raises(Tampered, match="does not decrypt"):
        open_envelope(forged, _keys(receiver))


def test_changed_signature_is_refused(receiver: Vault) -> None:
    data = _sealed(receiver)
    head, sig, rest = data[len(MAGIC) :].split(b"\n", 2)
    raw = bytearray(base64.b64decode(sig))
    raw[10] ^= 0x01
    bad = MAGIC + head + b"\n" + base64.b64encode(bytes(raw)) + b"\n" + rest
    with pytest.raises(Tampered):
        open_envelope(bad, _keys(receiver))


def test_not_a_handover() -> None:
    with pytest.raises(HandoverError, match="not a SupNotes handover"):
        open_envelope(b"PK\x03\x04zip", {})
