"""The vault's outbox migration on a vault that already holds sealed records."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from supnotes.vault.migrations.m0010_outbox import VERSION
from tests.vault.migration_helpers import create_db, migrate_to


def test_the_outbox_migration_adds_empty_tables_and_an_append_only_log(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, VERSION - 1)
    migrate_to(conn, paths, VERSION)
    assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM hub_connection").fetchone() == (0,)
    conn.execute(
        "INSERT INTO hub_log(at, what, hub, detail) VALUES ('2026-01-01', 'send', 'h', '')"
    )
    for statement in ("UPDATE hub_log SET hub = 'x'", "DELETE FROM hub_log"):
        with pytest.raises(sqlcipher3.IntegrityError, match="hub log cannot be changed"):
            conn.execute(statement)
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute(
            "INSERT INTO hub_connection(id, backend, location, set_at) "
            "VALUES (2, 'file', 'x', 'now')"
        )
    # An outbox row is a sealed document or a payload, never both, never neither.
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute(
            "INSERT INTO outbox(deposit_id, kind, target, record_reference, is_addendum, "
            "queued_at) VALUES (printf('%064d', 1), 'figures', 't', 'r', 0, 'now')"
        )
