"""Encrypted backups: write, restore, roll."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supnotes.vault import errors
from supnotes.vault.backup import (
    list_automatic_backups,
    read_manifest,
    rolling_backup,
    write_backup,
)
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.restore import restore_backup
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE


def _put(vault: Vault, key: str, value: str) -> None:
    with vault.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO setting VALUES (?, ?, 'now')", (key, value))


def _get(vault: Vault, key: str) -> object:
    rows = vault.query("SELECT value FROM setting WHERE key = ?", (key,))
    return rows[0][0] if rows else None


def test_backup_then_restore_round_trips(tmp_path: Path, created: tuple[Vault, str]) -> None:
    vault, _ = created
    _put(vault, "note", "before backup")
    backup = write_backup(vault, tmp_path / "out" / "b.snbackup").path
    _put(vault, "note", "after backup")
    folder = vault.paths.folder
    vault.close()

    old_umask = os.umask(0o022)  # as a desktop session has it: new files 0644
    try:
        kept = restore_backup(backup, folder, Unlock(passphrase=PASSPHRASE))
    finally:
        os.umask(old_umask)
    # The restored vault's files are the owner's alone, whatever the umask.
    for name in ("supnotes.db", "supnotes.key"):
        assert (folder / name).stat().st_mode & 0o777 == 0o600, name
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as restored:
        assert _get(restored, "note") == "before backup"
        assert restored.check().ok
    # The replaced vault is kept aside, and still opens.
    assert kept is not None
    assert (kept / "supnotes.db").exists()


def test_backup_opens_with_the_recovery_key_into_a_new_folder(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, recovery_key = created
    _put(vault, "note", "kept")
    backup = write_backup(vault, tmp_path / "b.snbackup").path
    new_laptop = tmp_path / "new-laptop"
    assert restore_backup(backup, new_laptop, Unlock(recovery_key=recovery_key)) is None
    with Vault.open(new_laptop, Unlock(passphrase=PASSPHRASE)) as restored:
        assert _get(restored, "note") == "kept"


def test_backup_keeps_schema_version(tmp_path: Path, created: tuple[Vault, str]) -> None:
    vault, _ = created
    info = write_backup(vault, tmp_path / "b.snbackup")
    assert read_manifest(info.path)["schema_version"] == info.schema_version >= 1


def test_restore_with_wrong_passphrase_changes_nothing(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    _put(vault, "note", "live")
    backup = write_backup(vault, tmp_path / "b.snbackup").path
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(errors.WrongPassphrase):
        restore_backup(backup, folder, Unlock(passphrase="not the right one"))
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as live:
        assert _get(live, "note") == "live"
    assert not list(folder.glob("replaced-*"))


def test_restore_refuses_while_vault_is_open(tmp_path: Path, created: tuple[Vault, str]) -> None:
    vault, _ = created
    backup = write_backup(vault, tmp_path / "b.snbackup").path
    with pytest.raises(errors.VaultBusy):
        restore_backup(backup, vault.paths.folder, Unlock(passphrase=PASSPHRASE))


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04garbage"])
def test_invalid_backup_files_are_refused(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.snbackup"
    bad.write_bytes(content)
    with pytest.raises(errors.BackupInvalid):
        restore_backup(bad, tmp_path / "v", Unlock(passphrase=PASSPHRASE))


def test_zip_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "other.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(errors.BackupInvalid):
        read_manifest(bad)
    with pytest.raises(errors.BackupInvalid):
        read_manifest(tmp_path / "missing.snbackup")


def test_rolling_backups_one_per_interval_keep_newest(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    folder = tmp_path / "auto"
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    made = []
    for day in range(10):
        now = start + timedelta(days=day)
        made.append(rolling_backup(vault, folder, keep=3, now=now))
        # A second call the same day makes nothing.
        assert rolling_backup(vault, folder, keep=3, now=now + timedelta(hours=2)) is None
    assert all(made)
    kept = list_automatic_backups(folder)
    assert [p.name for p in kept] == [p.name for p in made[-3:] if p is not None]


def test_backups_write_atomically_into_a_new_folder(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        out = tmp_path / "deep" / "er" / "b.snbackup"
        write_backup(vault, out)
    assert out.exists()
    assert [p.name for p in out.parent.iterdir()] == ["b.snbackup"]
