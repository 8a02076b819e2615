"""Passphrases in NFC and NFD form open the same vault; older slots are rewritten in NFC.

'Siân' typed on one keyboard is U+00E2; on another it is 'a' followed by
U+0302 COMBINING CIRCUMFLEX. Key slots written before normalisation derived
from the bytes as typed: those must open with either form, and are rewritten
in NFC form by the first unlock that succeeds.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from supnotes.vault import errors
from supnotes.vault.kdf import (
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    SALT_BYTES,
    TEST_PARAMS,
    Argon2Params,
    b64,
    derive_from_passphrase,
)
from supnotes.vault.keyfile import PASSPHRASE as SLOT
from supnotes.vault.keyfile import KeyFile
from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import Unlock, Vault

Form = Callable[[str], str]
NAMES = ["Siân Jones plum harbour", "Nguyễn Thị Ánh violet", "Zoë Brontë Øresund lagoon"]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _slot_kdf(folder: Path) -> dict[str, object]:
    document = json.loads(VaultPaths(folder).keyfile.read_text())
    kdf = next(s for s in document["slots"] if s["kind"] == SLOT)["kdf"]
    assert isinstance(kdf, dict)
    return kdf


@pytest.fixture(autouse=True)
def cheap_floor(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Keep migrated test slots cheap; the test marked slow uses the real floor."""
    if "slow" not in request.keywords:
        monkeypatch.setattr("supnotes.vault.kdf.MIN_ITERATIONS", TEST_PARAMS.iterations)
        monkeypatch.setattr("supnotes.vault.kdf.MIN_MEMORY_KIB", TEST_PARAMS.memory_kib)


def _write_legacy_slot(
    folder: Path, typed: str, data_key: bytes, params: Argon2Params = TEST_PARAMS
) -> None:
    """Rewrite the passphrase slot as SupNotes did before normalising: raw bytes, no mark."""
    paths = VaultPaths(folder)
    keyfile = KeyFile.load(paths.keyfile)
    salt = os.urandom(SALT_BYTES)
    kdf = {"name": "argon2id", "salt": b64(salt)} | params.to_json()
    kek = derive_from_passphrase(typed, salt, params)
    slot = keyfile._wrap(SLOT, kdf, kek, data_key)
    keyfile.with_slot(slot).sealed(data_key).save(paths.keyfile)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("created_with", [_nfc, _nfd], ids=["created-NFC", "created-NFD"])
@pytest.mark.parametrize("typed_as", [_nfc, _nfd], ids=["typed-NFC", "typed-NFD"])
def test_new_vaults_open_with_either_form(
    tmp_path: Path, name: str, created_with: Form, typed_as: Form
) -> None:
    vault, _ = Vault.create(tmp_path / "v", created_with(name), kdf_params=TEST_PARAMS)
    vault.close()
    assert _slot_kdf(tmp_path / "v")["normalise"] == "nfc"
    with Vault.open(tmp_path / "v", Unlock(passphrase=typed_as(name))) as reopened:
        assert reopened.is_open


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("typed_as", [_nfc, _nfd], ids=["typed-NFC", "typed-NFD"])
def test_an_old_slot_made_from_nfd_opens_with_either_form_and_is_rewritten(
    tmp_path: Path, name: str, typed_as: Form
) -> None:
    folder = tmp_path / "v"
    vault, recovery_key = Vault.create(folder, name, kdf_params=TEST_PARAMS)
    with vault:
        with vault.transaction() as conn:
            conn.execute("INSERT INTO setting VALUES ('k', 'kept', 'now')")
        _write_legacy_slot(folder, _nfd(name), vault.data_key)
    assert "normalise" not in _slot_kdf(folder)

    with Vault.open(folder, Unlock(passphrase=typed_as(name))) as opened:
        assert opened.keyfile.passphrase_is_normalised
        assert opened.query("SELECT value FROM setting WHERE key = 'k'") == [("kept",)]
    kdf = _slot_kdf(folder)
    assert kdf["normalise"] == "nfc"
    assert kdf["iterations"] == TEST_PARAMS.iterations  # not re-calibrated (floor patched here)
    # After the rewrite: both forms still open it, and so does the recovery key.
    for form in (_nfc(name), _nfd(name)):
        with Vault.open(folder, Unlock(passphrase=form)) as again:
            assert again.is_open
    with Vault.open(folder, Unlock(recovery_key=recovery_key)) as again:
        assert again.is_open


def test_an_old_slot_made_from_nfc_opens_with_nfd(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    name = NAMES[0]
    vault, _ = Vault.create(folder, name, kdf_params=TEST_PARAMS)
    with vault:
        _write_legacy_slot(folder, _nfc(name), vault.data_key)
    with Vault.open(folder, Unlock(passphrase=_nfd(name))) as opened:
        assert opened.is_open
    assert _slot_kdf(folder)["normalise"] == "nfc"


def test_a_wrong_passphrase_on_an_old_slot_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    name = NAMES[0]
    vault, _ = Vault.create(folder, name, kdf_params=TEST_PARAMS)
    with vault:
        _write_legacy_slot(folder, _nfd(name), vault.data_key)
    before = VaultPaths(folder).keyfile.read_bytes()
    with pytest.raises(errors.WrongPassphrase):
        Vault.open(folder, Unlock(passphrase="Sian Jones plum harbour"))
    assert VaultPaths(folder).keyfile.read_bytes() == before


def test_an_old_slot_on_a_read_only_key_file_still_opens(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    name = NAMES[0]
    vault, _ = Vault.create(folder, name, kdf_params=TEST_PARAMS)
    with vault:
        _write_legacy_slot(folder, _nfd(name), vault.data_key)

    def refuse(*_args: object) -> None:
        raise errors.DiskFull("test")

    mp = pytest.MonkeyPatch()
    mp.setattr(KeyFile, "save", refuse)
    try:
        with Vault.open(folder, Unlock(passphrase=_nfc(name))) as opened:
            assert opened.is_open
            assert not opened.keyfile.passphrase_is_normalised
    finally:
        mp.undo()
    assert "normalise" not in _slot_kdf(folder)


def test_an_unknown_normalisation_mark_reads_as_tampering(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    vault, _ = Vault.create(folder, NAMES[0], kdf_params=TEST_PARAMS)
    vault.close()
    path = VaultPaths(folder).keyfile
    document = json.loads(path.read_text())
    for slot in document["slots"]:
        if slot["kind"] == SLOT:
            slot["kdf"]["normalise"] = "nfkd"
    path.write_text(json.dumps(document))
    with pytest.raises(errors.KeyFileTampered):
        Vault.open(folder, Unlock(passphrase=NAMES[0]))


def test_change_passphrase_writes_the_nfc_form(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    vault, _ = Vault.create(folder, "violet tractor sandwich lagoon", kdf_params=TEST_PARAMS)
    with vault:
        vault.change_passphrase(_nfd(NAMES[1]), kdf_params=TEST_PARAMS)
    assert _slot_kdf(folder)["normalise"] == "nfc"
    with Vault.open(folder, Unlock(passphrase=_nfc(NAMES[1]))) as opened:
        assert opened.is_open


@pytest.mark.slow
def test_an_old_slot_below_the_floor_is_raised_to_it_when_rewritten(tmp_path: Path) -> None:
    """A vault the old single-timing calibration left at 2 passes gets 4 at its next unlock."""
    folder = tmp_path / "v"
    name = NAMES[0]
    vault, _ = Vault.create(folder, name, kdf_params=TEST_PARAMS)
    old = Argon2Params(iterations=2, memory_kib=MIN_MEMORY_KIB, lanes=4)
    with vault:
        _write_legacy_slot(folder, _nfd(name), vault.data_key, old)
    with Vault.open(folder, Unlock(passphrase=_nfc(name))) as opened:
        assert opened.is_open
    kdf = _slot_kdf(folder)
    assert kdf["normalise"] == "nfc"
    assert kdf["iterations"] == MIN_ITERATIONS == 4
    assert kdf["memory_kib"] == MIN_MEMORY_KIB
    with Vault.open(folder, Unlock(passphrase=_nfd(name))) as again:
        assert again.is_open
