"""The escrow slot: the data key wrapped to the organisation's key, and every way to break it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from supnotes.domain.trail import TrailKind
from supnotes.services import escrow as escrow_service
from supnotes.services import trail
from supnotes.vault import escrow
from supnotes.vault.errors import KeyFileTampered, WrongPassphrase, WrongRecoveryKey
from supnotes.vault.kdf import TEST_PARAMS, b64, unb64
from supnotes.vault.keyfile import ESCROW, KeyFile, new_data_key
from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.escrow_keys import organisation_key

NEW_PASSPHRASE = "a fresh passphrase for the supervisor"
KINDS = ["rsa", "x25519"]


def _document(folder: Path) -> dict[str, object]:
    return json.loads(VaultPaths(folder).keyfile.read_text())  # type: ignore[no-any-return]


def _edit_escrow_slot(folder: Path, change: dict[str, object]) -> None:
    """Change fields of the escrow slot in place, leaving the MAC as it was."""
    document = _document(folder)
    slots = document["slots"]
    assert isinstance(slots, list)
    slot = next(s for s in slots if s["kind"] == ESCROW)
    for name, value in change.items():
        if name in ("wrapped", "nonce"):
            slot[name] = value
        else:
            slot["kdf"][name] = value
    VaultPaths(folder).keyfile.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")


def _with_escrow(folder: Path, kind: str = "rsa") -> escrow.EscrowPrivateKey:
    key = organisation_key(kind)
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        escrow_service.add(vault, key.public_key())
    return key


@pytest.mark.parametrize("kind", KINDS)
def test_escrow_key_opens_the_vault_and_sets_a_new_passphrase(
    closed_vault: tuple[Path, str], kind: str
) -> None:
    folder, old_recovery = closed_vault
    key = _with_escrow(folder, kind)
    done = escrow_service.escrow_unlock(folder, key, NEW_PASSPHRASE, kdf_params=TEST_PARAMS)
    assert done.fingerprint == escrow.fingerprint(key.public_key())
    with pytest.raises(WrongPassphrase):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    with pytest.raises(WrongRecoveryKey):
        Vault.open(folder, Unlock(recovery_key=old_recovery))
    with Vault.open(folder, Unlock(recovery_key=done.recovery_key)) as vault:
        assert vault.is_open
    with Vault.open(folder, Unlock(passphrase=NEW_PASSPHRASE)) as vault:
        kinds = [e.kind for e in trail.entries(vault)]
        assert kinds == [TrailKind.ESCROW_ADDED, TrailKind.ESCROW_UNLOCK]
        assert trail.entries(vault)[1].destination == done.fingerprint
        # The escrow slot stays: the organisation can still recover the vault.
        assert vault.keyfile.escrow_info is not None
        assert vault.check().ok


@pytest.mark.parametrize("kind", KINDS)
def test_another_organisation_key_is_refused_and_changes_nothing(
    closed_vault: tuple[Path, str], kind: str
) -> None:
    folder, _ = closed_vault
    _with_escrow(folder, kind)
    before = VaultPaths(folder).keyfile.read_bytes()
    with pytest.raises(escrow.WrongEscrowKey, match="made for the key"):
        escrow_service.escrow_unlock(
            folder, organisation_key(kind, 1), NEW_PASSPHRASE, kdf_params=TEST_PARAMS
        )
    assert VaultPaths(folder).keyfile.read_bytes() == before
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert trail.entries(vault)[-1].kind is TrailKind.ESCROW_ADDED


def test_a_vault_without_an_escrow_slot_says_so(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    with pytest.raises(escrow.NoEscrowSlot):
        Vault.open(folder, Unlock(escrow_key=organisation_key("x25519")))


def test_a_weak_new_passphrase_is_refused_before_anything_changes(
    closed_vault: tuple[Path, str],
) -> None:
    from supnotes.vault.errors import WeakPassphrase

    folder, _ = closed_vault
    key = _with_escrow(folder, "x25519")
    before = VaultPaths(folder).keyfile.read_bytes()
    with pytest.raises(WeakPassphrase):
        escrow_service.escrow_unlock(folder, key, "password12", kdf_params=TEST_PARAMS)
    assert VaultPaths(folder).keyfile.read_bytes() == before


# -- tampering --------------------------------------------------------------------


def _flip(text: object) -> str:
    raw = bytearray(unb64(str(text)))
    raw[len(raw) // 2] ^= 0x01
    return b64(bytes(raw))


@pytest.mark.parametrize("kind", KINDS)
def test_changed_wrapped_bytes_are_detected_by_every_way_in(
    closed_vault: tuple[Path, str], kind: str
) -> None:
    folder, recovery_key = closed_vault
    key = _with_escrow(folder, kind)
    slot = next(s for s in _document(folder)["slots"] if s["kind"] == "escrow")  # type: ignore[attr-defined]
    _edit_escrow_slot(folder, {"wrapped": _flip(slot["wrapped"])})
    # The escrow slot's AEAD refuses it ...
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(escrow_key=key))
    # ... and the file MAC refuses it to the passphrase and the recovery key.
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(recovery_key=recovery_key))


def test_a_changed_encapsulated_key_is_detected(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    key = _with_escrow(folder, "rsa")
    slot = next(s for s in _document(folder)["slots"] if s["kind"] == "escrow")  # type: ignore[attr-defined]
    _edit_escrow_slot(folder, {"encrypted_key": _flip(slot["kdf"]["encrypted_key"])})
    with pytest.raises(KeyFileTampered, match="escrow slot"):
        Vault.open(folder, Unlock(escrow_key=key))


@pytest.mark.parametrize("field", ["fingerprint", "added_at"])
def test_a_swapped_fingerprint_or_date_is_detected(
    closed_vault: tuple[Path, str], field: str
) -> None:
    folder, _ = closed_vault
    key = _with_escrow(folder, "x25519")
    other = organisation_key("x25519", 1)
    swapped = {
        "fingerprint": escrow.fingerprint(other.public_key()),
        "added_at": "2020-01-01T00:00:00+00:00",
    }[field]
    _edit_escrow_slot(folder, {field: swapped})
    # Settings would now show another key or date: the MAC says the file was changed.
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    # The slot's associated data binds the fields: the right key cannot unwrap it ...
    opener = other if field == "fingerprint" else key
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(escrow_key=opener))
    # ... and with a swapped fingerprint the real key is told it is not the slot's.
    if field == "fingerprint":
        with pytest.raises(escrow.WrongEscrowKey):
            Vault.open(folder, Unlock(escrow_key=key))


@pytest.mark.parametrize("fingerprint", [None, 42, "__drop__"])
def test_a_slot_naming_no_key_is_a_damaged_key_file_not_a_wrong_key(
    closed_vault: tuple[Path, str], fingerprint: object
) -> None:
    """Found by hand: a slot whose fingerprint was removed named the key "None" (exit 2)."""
    folder, _ = closed_vault
    key = _with_escrow(folder, "rsa")
    document = _document(folder)
    slot = next(s for s in document["slots"] if s["kind"] == ESCROW)  # type: ignore[attr-defined]
    if fingerprint == "__drop__":
        del slot["kdf"]["fingerprint"]
    else:
        slot["kdf"]["fingerprint"] = fingerprint
    VaultPaths(folder).keyfile.write_text(json.dumps(document))
    with pytest.raises(KeyFileTampered, match="escrow slot"):
        Vault.open(folder, Unlock(escrow_key=key))


@pytest.mark.parametrize("kind", KINDS)
def test_a_slot_added_without_the_data_key_is_detected(
    closed_vault: tuple[Path, str], kind: str
) -> None:
    """Someone with write access to the key file but not the data key adds their own slot."""
    folder, _ = closed_vault
    path = VaultPaths(folder).keyfile
    intruder = organisation_key(kind, 2)
    keyfile = KeyFile.load(path)
    # They cannot know the data key, so they wrap one of their own; the MAC stays the old one.
    guessed = new_data_key()
    forged = keyfile.with_slot(keyfile.escrow_slot(intruder.public_key(), guessed, "2026-01-01"))
    path.write_bytes(forged.to_bytes())
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(escrow_key=intruder))
    # Sealing the forged file with their own key does not help either.
    path.write_bytes(forged.sealed(guessed).to_bytes())
    with pytest.raises(KeyFileTampered):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))


# -- public keys ----------------------------------------------------------------------


def test_weak_or_unsupported_public_keys_are_refused() -> None:
    small = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(escrow.EscrowKeyUnusable, match="2048 bits"):
        escrow.load_public_key(escrow.public_pem(small.public_key()))
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key()
    with pytest.raises(escrow.EscrowKeyUnusable, match="not supported"):
        escrow.load_public_key(escrow.public_pem(p256))  # type: ignore[arg-type]
    with pytest.raises(escrow.EscrowKeyUnusable, match="no public key"):
        escrow.load_public_key(b"-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n")
    private = escrow.private_pem(organisation_key("x25519"), b"secret words here")
    with pytest.raises(escrow.EscrowKeyUnusable, match="private key"):
        escrow.load_public_key(private)


def test_a_certificate_gives_its_public_key() -> None:
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = organisation_key("rsa")
    assert isinstance(key, rsa.RSAPrivateKey)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Northshire escrow")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    loaded = escrow.load_public_key(certificate.public_bytes(serialization.Encoding.PEM))
    assert escrow.fingerprint(loaded) == escrow.fingerprint(key.public_key())
    # The certificate alone is not the private key (said so, not "use the public key") ...
    with pytest.raises(escrow.EscrowPrivateKeyUnusable, match="this is the public key"):
        escrow.load_private_key(certificate.public_bytes(serialization.Encoding.PEM))
    # ... but a private key kept with its certificate in one PEM file opens the slot.
    bundle = certificate.public_bytes(serialization.Encoding.PEM) + escrow.private_pem(
        key, b"the right words"
    )
    private = escrow.load_private_key(bundle, b"the right words")
    assert escrow.fingerprint(private.public_key()) == escrow.fingerprint(key.public_key())


def test_private_key_passphrase(tmp_path: Path) -> None:
    key = organisation_key("x25519")
    pem = escrow.private_pem(key, b"the right words")
    with pytest.raises(escrow.EscrowKeyLocked):
        escrow.load_private_key(pem)
    with pytest.raises(escrow.WrongEscrowKeyPassword):
        escrow.load_private_key(pem, b"the wrong words")
    loaded = escrow.load_private_key(pem, b"the right words")
    assert escrow.fingerprint(loaded.public_key()) == escrow.fingerprint(key.public_key())


# -- atomic rewrites -------------------------------------------------------------------


def _add_or_remove(vault: Vault, step: str) -> None:
    if step == "add":
        escrow_service.add(vault, organisation_key("rsa").public_key())
    else:
        escrow_service.remove(vault)


@pytest.mark.parametrize("step", ["add", "remove"])
def test_a_failed_rewrite_leaves_the_old_key_file_and_no_trail_entry(
    closed_vault: tuple[Path, str], step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = closed_vault
    if step == "remove":
        _with_escrow(folder, "x25519")
    path = VaultPaths(folder).keyfile
    before = path.read_bytes()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        entries = len(trail.entries(vault))

        def broken_rename(self: Path, target: Path) -> Path:
            raise OSError(5, "Input/output error")

        with monkeypatch.context() as patch:
            patch.setattr(Path, "replace", broken_rename)
            with pytest.raises(OSError, match="Input/output"):
                _add_or_remove(vault, step)
        assert path.read_bytes() == before
        assert len(trail.entries(vault)) == entries
        assert (vault.keyfile.escrow_info is None) == (step == "add")
    assert not list(folder.glob(".supnotes.key.*.tmp"))
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.check().ok


_KILLED_CHILD = """
import os, signal, sys
from pathlib import Path
from supnotes.services import escrow as escrow_service
from supnotes.vault.escrow import load_public_key
from supnotes.vault.vault import Unlock, Vault

folder, pem, passphrase = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), sys.argv[3]
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
os.replace = killed  # killed with the new key file written, before it replaces the old
with Vault.open(folder, Unlock(passphrase=passphrase)) as vault:
    escrow_service.add(vault, load_public_key(pem))
"""


def test_killed_while_adding_leaves_the_old_key_file(
    closed_vault: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _ = closed_vault
    path = VaultPaths(folder).keyfile
    before = path.read_bytes()
    pem = tmp_path / "org.pem"
    pem.write_bytes(escrow.public_pem(organisation_key("x25519").public_key()))
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_CHILD, str(folder), str(pem), PASSPHRASE],
        capture_output=True,
        check=False,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert path.read_bytes() == before
    assert list(folder.glob(".supnotes.key.*.tmp")), "the child died after writing its temp file"
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.keyfile.escrow_info is None
        assert TrailKind.ESCROW_ADDED not in [e.kind for e in trail.entries(vault)]
        escrow_service.add(vault, organisation_key("x25519").public_key())
        assert vault.check().ok
    assert not list(folder.glob(".supnotes.key.*.tmp"))


def test_remove_takes_the_slot_out_and_records_it(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    key = _with_escrow(folder, "x25519")
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        escrow_service.remove(vault)
        escrow_service.remove(vault)  # nothing left: no second entry
        entries = trail.entries(vault)
    assert [e.kind for e in entries] == [TrailKind.ESCROW_ADDED, TrailKind.ESCROW_REMOVED]
    assert entries[1].destination == escrow.fingerprint(key.public_key())
    with pytest.raises(escrow.NoEscrowSlot):
        Vault.open(folder, Unlock(escrow_key=key))
