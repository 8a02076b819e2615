"""The backup's database is a page copy of the vault: same key, fresh encryption."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from supnotes.vault import backup as backup_module
from supnotes.vault import connection
from supnotes.vault.backup import DB_NAME, write_backup
from supnotes.vault.connection import Connection, open_connection
from supnotes.vault.migrate import schema_version
from supnotes.vault.restore import restore_backup
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE

PAGE = 4096


def _fill(vault: Vault) -> None:
    with vault.transaction() as conn:
        for n in range(300):
            text = f"note {n}: the worker described the home visit " * 20
            conn.execute("INSERT INTO setting VALUES (?, ?, 'now')", (f"k{n}", text))
    with vault.transaction() as conn:
        # Freed pages: the copy keeps them (zeroed by secure_delete), a vacuum would not.
        conn.execute("DELETE FROM setting WHERE key LIKE 'k1%'")


def _database_of(backup: Path, folder: Path) -> Path:
    with zipfile.ZipFile(backup) as archive:
        archive.extract(DB_NAME, folder)
    return folder / DB_NAME


def _one(conn: Connection, sql: str) -> object:
    return conn.execute(sql).fetchone()[0]


def test_the_copy_opens_with_the_vault_key_and_passes_both_integrity_checks(
    vault: Vault, tmp_path: Path
) -> None:
    _fill(vault)
    copy = _database_of(write_backup(vault, tmp_path / "b.snbackup").path, tmp_path / "x")
    conn = open_connection(copy, vault.data_key, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert schema_version(conn) == schema_version(vault.conn) >= 1
        assert conn.execute("SELECT key, value FROM setting ORDER BY key").fetchall() == (
            vault.query("SELECT key, value FROM setting ORDER BY key")
        )
        # Every page, free ones included: a page copy, not a rebuilt export.
        assert _one(conn, "PRAGMA page_count") == vault.query("PRAGMA page_count")[0][0]
        assert _one(conn, "PRAGMA freelist_count") == vault.query("PRAGMA freelist_count")[0][0]
        assert _one(conn, "PRAGMA freelist_count") != 0
    finally:
        conn.close()


def test_the_copy_is_encrypted_afresh_not_a_copy_of_the_vaults_bytes(
    vault: Vault, tmp_path: Path
) -> None:
    _fill(vault)
    with vault.exclusive() as conn:  # every page in the main file, none in the log
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    copy = _database_of(write_backup(vault, tmp_path / "b.snbackup").path, tmp_path / "x")
    original = vault.paths.db.read_bytes()
    copied = copy.read_bytes()
    assert len(copied) == len(original)
    # Its own salt (the file's first 16 bytes) and a fresh IV on every page.
    assert copied[:16] != original[:16]
    pages = {original[i : i + PAGE] for i in range(0, len(original), PAGE)}
    assert not any(copied[i : i + PAGE] in pages for i in range(0, len(copied), PAGE))


def test_a_new_database_without_the_vaults_cipher_settings_falls_back_to_an_export(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if this SQLCipher gave a new database other settings than the vault has:
    # a page copy would write a file that does not open.
    real_open = connection.open_page_copy
    exported: list[Path] = []
    real_export = backup_module._export_through

    def other_settings(path: Path, data_key: bytes) -> Connection:
        conn = real_open(path, data_key)
        conn.execute("PRAGMA cipher_page_size = 8192")
        return conn

    def spy(conn: Connection, vault: Vault, target: Path, *, snapshot: bool = False) -> int:
        exported.append(target)
        return real_export(conn, vault, target, snapshot=snapshot)

    monkeypatch.setattr(backup_module, "open_page_copy", other_settings)
    monkeypatch.setattr(backup_module, "_export_through", spy)
    _fill(vault)
    backup = write_backup(vault, tmp_path / "b.snbackup").path
    assert len(exported) == 1
    restore_backup(backup, tmp_path / "restored", Unlock(passphrase=PASSPHRASE))
    with Vault.open(tmp_path / "restored", Unlock(passphrase=PASSPHRASE)) as restored:
        assert restored.check().ok
        assert restored.query("SELECT count(*) FROM setting") == vault.query(
            "SELECT count(*) FROM setting"
        )
