"""Migration 2 on a vault created at version 1: data kept, new schema in place."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from supnotes.vault.migrate import schema_version
from tests.vault.migration_helpers import create_db, migrate_to


def test_migration_2_keeps_version_1_data_and_adds_the_model(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 1)
    conn.execute("INSERT INTO meta(key, value) VALUES ('vault_id', 'abc')")
    conn.execute("INSERT INTO setting(key, value, updated_at) VALUES ('x', '1', 'now')")

    migrate_to(conn, paths, 2)

    assert schema_version(conn) == 2
    assert conn.execute("SELECT value FROM meta").fetchall() == [("abc",)]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"worker", "record", "answer", "action", "decision", "record_fts"} <= tables
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "record_signed_update" in triggers
    assert "action_signed_update" in triggers
    fts = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'record_fts'").fetchone()[0]
    assert "remove_diacritics 2" in fts
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_migration_2_runs_in_one_transaction(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 1)
    # A table in the way makes version 2 fail part-way: nothing of it may stay.
    conn.execute("CREATE TABLE answer (x INTEGER)")
    with pytest.raises(sqlcipher3.OperationalError):
        migrate_to(conn, paths, 2)
    assert schema_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'worker'").fetchone() == (
        0,
    )
    conn.close()
