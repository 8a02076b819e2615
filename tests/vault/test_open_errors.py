"""Every way opening a vault can fail has its own message and changes nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from supnotes.vault import errors
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE, OpenVault, snapshot


def _open(folder: Path, passphrase: str = PASSPHRASE) -> Vault:
    return Vault.open(folder, Unlock(passphrase=passphrase))


def _messages() -> set[str]:
    classes = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.VaultError)
    ]
    return {c.message for c in classes}


def test_every_error_has_its_own_message() -> None:
    classes = [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, errors.VaultError) and c is not errors.VaultError
    ]
    assert len({c.message for c in classes}) == len(classes)
    assert all(c.advice or c is errors.TooManyAttempts for c in classes)


def test_right_passphrase_opens(closed_vault: tuple[Path, str], open_vault: OpenVault) -> None:
    folder, _ = closed_vault
    vault = open_vault(folder)
    assert vault.query("SELECT value FROM meta WHERE key = 'vault_id'")[0][0] == vault.vault_id


def test_wrong_passphrase_is_refused_and_changes_nothing(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    before = snapshot(folder)
    with pytest.raises(errors.WrongPassphrase):
        _open(folder, "not the passphrase at all")
    assert snapshot(folder) == before


def test_recovery_key_opens(closed_vault: tuple[Path, str]) -> None:
    folder, recovery_key = closed_vault
    with Vault.open(folder, Unlock(recovery_key=recovery_key.lower())) as vault:
        assert vault.is_open


def test_wrong_recovery_key_is_refused(closed_vault: tuple[Path, str]) -> None:
    from supnotes.vault.recovery import generate_recovery_key

    folder, _ = closed_vault
    with pytest.raises(errors.WrongRecoveryKey):
        Vault.open(folder, Unlock(recovery_key=generate_recovery_key()))


def test_mistyped_recovery_key_says_so(closed_vault: tuple[Path, str]) -> None:
    folder, recovery_key = closed_vault
    slipped = ("Z" if recovery_key[0] != "Z" else "Y") + recovery_key[1:]
    with pytest.raises(errors.MistypedRecoveryKey):
        Vault.open(folder, Unlock(recovery_key=slipped))


def _edit_keyfile(folder: Path, change: Callable[[dict[str, object]], None]) -> None:
    path = VaultPaths(folder).keyfile
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def _drop_recovery(d: dict[str, object]) -> None:
    d["slots"] = [s for s in d["slots"] if s["kind"] != "recovery"]  # type: ignore[attr-defined]


def _new_vault_id(d: dict[str, object]) -> None:
    d["vault_id"] = "00000000-0000-4000-8000-000000000000"


def _weaken_recovery_salt(d: dict[str, object]) -> None:
    for slot in d["slots"]:  # type: ignore[attr-defined]
        if slot["kind"] == "recovery":
            slot["kdf"]["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="


def _flip_mac(d: dict[str, object]) -> None:
    mac = str(d["mac"])
    d["mac"] = ("B" if mac[0] != "B" else "C") + mac[1:]


@pytest.mark.parametrize(
    "tamper",
    [_drop_recovery, _new_vault_id, _weaken_recovery_salt, _flip_mac],
    ids=lambda f: f.__name__,
)
def test_tampered_key_file_is_detected(
    closed_vault: tuple[Path, str], tamper: Callable[[dict[str, object]], None]
) -> None:
    folder, _ = closed_vault
    _edit_keyfile(folder, tamper)
    before = snapshot(folder)
    with pytest.raises(errors.KeyFileTampered):
        _open(folder)
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b"\x00\xff" * 40, b'{"format": "supnotes-keyfile"}']
)
def test_unreadable_key_file_is_reported_as_damaged(
    closed_vault: tuple[Path, str], content: bytes
) -> None:
    folder, _ = closed_vault
    VaultPaths(folder).keyfile.write_bytes(content)
    with pytest.raises(errors.KeyFileTampered):
        _open(folder)


def test_key_file_of_another_vault_is_refused(
    tmp_path: Path, closed_vault: tuple[Path, str]
) -> None:
    folder, _ = closed_vault
    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, kdf_params=TEST_PARAMS)
    other.close()
    VaultPaths(folder).keyfile.write_bytes(VaultPaths(tmp_path / "other").keyfile.read_bytes())
    with pytest.raises(errors.VaultCorrupt):
        # The other vault's data key cannot decrypt this database at all.
        _open(folder)


def test_missing_key_file(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    VaultPaths(folder).keyfile.unlink()
    with pytest.raises(errors.KeyFileMissing):
        _open(folder)


def test_truncated_vault_is_corrupt(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    db = VaultPaths(folder).db
    db.write_bytes(db.read_bytes()[:1000])
    before = snapshot(folder)
    with pytest.raises(errors.VaultCorrupt):
        _open(folder)
    assert snapshot(folder) == before


def test_flipped_byte_in_first_page_is_corrupt(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    db = VaultPaths(folder).db
    data = bytearray(db.read_bytes())
    data[200] ^= 0x01
    db.write_bytes(bytes(data))
    before = snapshot(folder)
    with pytest.raises(errors.VaultCorrupt):
        _open(folder)
    assert snapshot(folder) == before


def test_flipped_byte_in_a_later_page_fails_check(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    db = VaultPaths(folder).db
    data = bytearray(db.read_bytes())
    assert len(data) > 8192
    data[4096 + 100] ^= 0x01  # second page
    db.write_bytes(bytes(data))
    try:
        vault = _open(folder)
    except errors.VaultCorrupt:
        return  # also acceptable: found while opening
    with vault:
        report = vault.check()
    assert not report.ok
    assert any("encryption" in p for p in report.problems)


def test_newer_vault_is_refused_untouched(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    with _open(folder) as vault:
        vault.conn.execute("PRAGMA user_version = 999")
    before = snapshot(folder)
    with pytest.raises(errors.VaultTooNew):
        _open(folder)
    assert snapshot(folder) == before


def test_second_open_is_refused_while_open(
    closed_vault: tuple[Path, str], open_vault: OpenVault
) -> None:
    folder, _ = closed_vault
    open_vault(folder)
    with pytest.raises(errors.VaultBusy):
        _open(folder)


def test_read_only_folder(
    closed_vault: tuple[Path, str], make_read_only: Callable[[Path], None]
) -> None:
    folder, _ = closed_vault
    make_read_only(folder)
    before = snapshot(folder)
    with pytest.raises(errors.ReadOnlyLocation):
        _open(folder)
    assert snapshot(folder) == before


def test_create_in_read_only_folder(tmp_path: Path, make_read_only: Callable[[Path], None]) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    make_read_only(parent)
    with pytest.raises(errors.ReadOnlyLocation):
        Vault.create(parent / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)


def test_disk_full_is_reported_and_earlier_data_kept(created: tuple[Vault, str]) -> None:
    vault, _ = created
    with vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('kept', '\"yes\"', 'now')")
    pages = vault.conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite's own limit stands in for a full disk: the same SQLITE_FULL path.
    vault.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(errors.DiskFull), vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('big', ?, 'now')", ("x" * 200_000,))
    assert vault.query("SELECT value FROM setting WHERE key = 'kept'") == [('"yes"',)]
    assert vault.query("SELECT count(*) FROM setting WHERE key = 'big'") == [(0,)]


def test_plain_sqlite_file_is_not_a_vault(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    sqlite3.connect(folder / "supnotes.db").execute("CREATE TABLE t(x)").connection.close()
    (folder / "supnotes.key").write_text("{}")
    with pytest.raises(errors.NotAVault):
        _open(folder)


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(errors.VaultNotFound):
        _open(tmp_path / "nowhere")
    with pytest.raises(errors.NotAVault):
        _open(tmp_path)


def test_init_refuses_an_existing_path(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    before = snapshot(folder)
    with pytest.raises(errors.VaultExists):
        Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    assert snapshot(folder) == before


def test_short_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(errors.WeakPassphrase):
        Vault.create(tmp_path / "v", "short", kdf_params=TEST_PARAMS)
    assert not (tmp_path / "v").exists()


def test_messages_are_sentences_without_secrets() -> None:
    for message in _messages():
        assert message.endswith(".")
        assert PASSPHRASE not in message
