"""Encrypted backups: write, restore, roll."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supnotes.vault import errors
from supnotes.vault.backup import (
    list_automatic_backups,
    manual_backup,
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


def _rezip(backup: Path, out: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of ``backup`` with each member passed through ``change`` (None drops it)."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(out, "w") as copy:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                copy.writestr(name, data)
    return out


def _cut_database(tmp_path: Path, vault: Vault) -> Path:
    backup = write_backup(vault, tmp_path / "good.snbackup").path
    return _rezip(
        backup,
        tmp_path / "dbshort.snbackup",
        lambda name, data: data[:4096] if name == "supnotes.db" else data,
    )


def _assert_vault_untouched(folder: Path) -> None:
    assert not list(folder.glob("replaced-*"))
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as live:
        assert _get(live, "note") == "live"


def test_a_backup_whose_database_is_cut_short_is_said_to_be_the_damaged_one(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    _put(vault, "note", "live")
    short = _cut_database(tmp_path, vault)
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(errors.BackupDamaged) as raised:
        restore_backup(short, folder, Unlock(passphrase=PASSPHRASE))
    text = raised.value.one_line()
    assert "backup is damaged" in text
    assert "vault file is damaged" not in text
    assert "Restore it from the latest backup" not in text
    assert text.lower().count("not changed") + text.lower().count("nothing") == 1
    # A bad backup is bad input (exit 2), not a failed check of the vault.
    assert not raised.value.check_failed
    _assert_vault_untouched(folder)


def test_a_backup_with_a_flipped_bit_is_refused_in_plain_words(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    _put(vault, "note", "live")
    backup = write_backup(vault, tmp_path / "good.snbackup").path
    raw = bytearray(backup.read_bytes())
    with zipfile.ZipFile(backup) as archive:
        info = archive.getinfo("supnotes.db")
    # Past the member's local header (30 bytes, its name, its extra field).
    middle = info.header_offset + 30 + len(info.filename) + 5000
    raw[middle] ^= 0x01
    flipped = tmp_path / "flip.snbackup"
    flipped.write_bytes(bytes(raw))
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(errors.BackupInvalid) as raised:
        restore_backup(flipped, folder, Unlock(passphrase=PASSPHRASE))
    text = raised.value.one_line()
    assert "CRC" not in text
    assert "checksum" in text
    _assert_vault_untouched(folder)


def test_the_wrong_passphrase_is_said_not_to_open_the_backup(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    backup = write_backup(vault, tmp_path / "b.snbackup").path
    vault.close()
    with pytest.raises(errors.WrongPassphrase) as raised:
        restore_backup(backup, tmp_path / "new", Unlock(passphrase="not the right one"))
    assert "does not open this backup" in raised.value.one_line()
    assert "this vault" not in raised.value.one_line()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.mkdir() or p, "is a folder, not a backup file"),
        (lambda p: p, "there is no such file"),
    ],
    ids=["folder", "missing"],
)
def test_a_path_that_is_no_backup_file_is_said_so_without_python_words(
    tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    path = make(tmp_path / "v1")
    with pytest.raises(errors.BackupInvalid) as raised:
        restore_backup(path, tmp_path / "v", Unlock(passphrase=PASSPHRASE))
    text = raised.value.one_line()
    assert words in text
    assert "Errno" not in text
    assert "'" not in text.removesuffix(raised.value.advice)


def test_a_zip_without_a_manifest_names_what_is_missing_in_words(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    backup = write_backup(vault, tmp_path / "good.snbackup").path
    wrong = _rezip(
        backup,
        tmp_path / "wrong.snbackup",
        lambda name, data: None if name == "manifest.json" else data,
    )
    with pytest.raises(errors.BackupInvalid) as raised:
        read_manifest(wrong)
    assert "wrong.snbackup has no manifest.json inside" in raised.value.one_line()
    assert "[" not in raised.value.one_line()


def test_manual_backups_are_named_so_and_leave_the_automatic_rolling_alone(
    tmp_path: Path, created: tuple[Vault, str]
) -> None:
    vault, _ = created
    folder = tmp_path / "backups"
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    first = rolling_backup(vault, folder, keep=3, now=start)
    manual = manual_backup(vault, folder, now=start + timedelta(hours=23))
    assert manual.name == "manual-20260102-080000.snbackup"
    assert read_manifest(manual)["format"]
    # A manual backup does not delay the next automatic one...
    made = [first]
    for day in range(1, 8):
        made.append(rolling_backup(vault, folder, keep=3, now=start + timedelta(days=day)))
    assert all(made)
    # ...nor is it counted in, or deleted by, keeping the newest automatic ones.
    assert [p.name for p in list_automatic_backups(folder)] == [
        p.name for p in made[-3:] if p is not None
    ]
    assert manual.exists()
