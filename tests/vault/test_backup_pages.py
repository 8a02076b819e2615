"""The backup's database: the vault's file as it is, or a page copy, or an export; all checked."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from supnotes.vault import backup as backup_module
from supnotes.vault import connection, errors
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


def _fold_log(vault: Vault) -> None:
    with vault.exclusive() as conn:  # every page in the main file, none in the log
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0


def test_a_quiet_vault_is_copied_as_its_file_is(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    _fold_log(vault)
    copy = _database_of(write_backup(vault, tmp_path / "b.snbackup").path, tmp_path / "x")
    # Its salt, its pages' IVs, its free pages: the encrypted file as it is.
    assert copy.read_bytes() == vault.paths.db.read_bytes()


def test_a_backup_while_another_connection_reads_the_log_is_copied_page_by_page(
    vault: Vault, tmp_path: Path
) -> None:
    _fill(vault)
    _fold_log(vault)
    with vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('late', 'in the log', 'now')")
    reader = open_connection(vault.paths.db, vault.data_key, read_only=False)
    try:
        # A read of the log in progress: the log cannot be folded in now.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM setting").fetchone()
        backup = write_backup(vault, tmp_path / "b.snbackup").path
    finally:
        reader.execute("ROLLBACK")
        reader.close()
    copy = _database_of(backup, tmp_path / "x")
    original = vault.paths.db.read_bytes()
    copied = copy.read_bytes()
    # Encrypted afresh: its own salt (the first 16 bytes) and a new IV on every page.
    assert copied[:16] != original[:16]
    pages = {original[i : i + PAGE] for i in range(0, len(original), PAGE)}
    assert not any(copied[i : i + PAGE] in pages for i in range(0, len(copied), PAGE))
    conn = open_connection(copy, vault.data_key, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert _one(conn, "SELECT value FROM setting WHERE key = 'late'") == "in the log"
    finally:
        conn.close()


def test_a_damaged_page_fails_the_backup_and_leaves_nothing(vault: Vault, tmp_path: Path) -> None:
    _fill(vault)
    _fold_log(vault)
    (pages,) = vault.query("PRAGMA page_count")[0]
    with vault.paths.db.open("rb+") as handle:
        handle.seek((int(str(pages)) - 2) * PAGE + 100)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))
    out = tmp_path / "out"
    with pytest.raises(errors.VaultCorrupt):
        write_backup(vault, out / "b.snbackup")
    assert list(out.iterdir()) == []


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

    # ... and as if another connection kept the file from being copied as it is.
    monkeypatch.setattr(backup_module, "_hold_still", lambda conn, db: False)
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


def test_while_held_still_no_commit_or_checkpoint_changes_the_file(
    vault: Vault, tmp_path: Path
) -> None:
    _fill(vault)
    db = vault.paths.db
    own = open_connection(db, vault.data_key)
    other = open_connection(db, vault.data_key)
    other.execute("PRAGMA busy_timeout = 0")
    try:
        assert backup_module._hold_still(own, db)
        before = db.read_bytes()
        for n in range(3):
            with vault.transaction() as conn:
                conn.execute("INSERT INTO setting VALUES (?, 'new', 'now')", (f"held{n}",))
            # Another connection's checkpoints may not write into the held file.
            other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        assert db.read_bytes() == before
        assert _one(own, "SELECT count(*) FROM setting WHERE value = 'new'") == 0
    finally:
        if own.in_transaction:
            own.execute("ROLLBACK")
        own.close()
    try:
        # Once the read ends, the commits reach the file.
        assert other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
        assert db.read_bytes() != before
    finally:
        other.close()
