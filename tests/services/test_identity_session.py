"""The signing identity is decrypted once per unlocked session and dropped on lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.pdf import identity as pdf_identity
from supnotes.services import identity as identities
from supnotes.vault.errors import VaultError
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def decrypted(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Each PKCS#12 the identity service decrypts, in order."""
    seen: list[bytes] = []
    real = pdf_identity.from_pkcs12

    def counting(data: bytes, password: bytes, **kwargs: bool) -> pdf_identity.SigningIdentity:
        seen.append(data)
        return real(data, password, **kwargs)

    monkeypatch.setattr(identities, "from_pkcs12", counting)
    return seen


def test_the_identity_is_decrypted_once_a_session_and_again_after_unlocking(
    tmp_path: Path, decrypted: list[bytes]
) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    made = identities.create_self_signed(vault, "Ann Supervisor", "Team manager", "Council")
    # Made in this session: already at hand, never decrypted.
    assert identities.ensure(vault) is identities.ensure(vault)
    assert identities.ensure(vault).fingerprint == made.fingerprint
    assert decrypted == []
    vault.close()  # locking closes the vault
    with pytest.raises(VaultError):
        _ = vault.session
    reopened = Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    with reopened:
        first = identities.ensure(reopened)
        assert len(decrypted) == 1  # the new session decrypts it once
        assert identities.current(reopened) is first
        assert identities.ensure(reopened).fingerprint == made.fingerprint
        assert len(decrypted) == 1
    assert reopened.is_open is False


def test_closing_the_vault_drops_the_decrypted_identity(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    identities.create_self_signed(vault, "Ann Supervisor", "Team manager", "Council")
    session = vault.session
    assert any(isinstance(v, dict) and v for v in session.values())
    vault.close()
    assert session == {}  # the same dict, emptied: nothing holds the key any more


def test_an_imported_identity_replaces_the_cached_one(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        old = identities.create_self_signed(vault, "Ann Supervisor", "Team manager", "Council")
        assert identities.ensure(vault).fingerprint == old.fingerprint
        theirs = pdf_identity.create_identity("Ann Supervisor", "Team manager", "Council")
        password = b"organisation password"
        identities.import_organisation(vault, pdf_identity.to_pkcs12(theirs, password), password)
        assert identities.ensure(vault).fingerprint == theirs.fingerprint != old.fingerprint
