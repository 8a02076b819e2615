"""The signed-elsewhere migration: a wider status constraint, and the same locks for it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from supnotes.vault.migrate import schema_version
from supnotes.vault.migrations import latest_version
from supnotes.vault.migrations import m0007_signed_elsewhere as migration
from tests.vault.migration_helpers import create_db, migrate_to

VERSION = migration.VERSION


def _record(conn: sqlcipher3.Connection, rid: str, status: str) -> None:
    conn.execute(
        "INSERT INTO record(id, reference, kind, template_id, template_version, held_on, "
        "created_at, updated_at) VALUES (?, ?, 'group', 'group', 1, '2026-01-05', 'now', 'now')",
        (rid, f"SN-2026-{rid}"),
    )
    conn.execute("INSERT INTO answer VALUES (?, 'notes.text', '\"kept\"')", (rid,))
    if status != "draft":
        conn.execute(
            "UPDATE record SET status = ?, signed_at = 'then', sealed_sha256 = ? WHERE id = ?",
            (status, "a" * 64, rid),
        )


def test_existing_records_stay_and_signed_elsewhere_is_locked(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, VERSION - 1)
    conn.execute("INSERT INTO template_snapshot(id, version, source) VALUES ('group', 1, 'x')")
    _record(conn, "0001", "signed")
    _record(conn, "0002", "draft")
    with pytest.raises(sqlcipher3.IntegrityError, match="CHECK"):
        _record(conn, "0003", "signed-elsewhere")
    conn.execute("DELETE FROM answer WHERE record_id = '0003'")
    conn.execute("DELETE FROM record WHERE id = '0003'")

    migrate_to(conn, paths, VERSION)

    assert schema_version(conn) == VERSION
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = conn.execute("SELECT id, status FROM record ORDER BY id").fetchall()
    assert rows == [("0001", "signed"), ("0002", "draft")]
    assert conn.execute("SELECT count(*) FROM answer").fetchone() == (2,)
    _record(conn, "0003", "signed-elsewhere")
    with pytest.raises(sqlcipher3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE record SET status = 'approved' WHERE id = '0002'")
    # Locked exactly like a signed record: the row, its answers, its status.
    for rid in ("0001", "0003"):
        for sql in (
            "UPDATE answer SET value = '\"changed\"' WHERE record_id = ?",
            "DELETE FROM answer WHERE record_id = ?",
            "INSERT INTO answer VALUES (?, 'notes.more', '1')",
            "UPDATE record SET held_on = '2026-01-06' WHERE id = ?",
            "UPDATE record SET status = 'draft' WHERE id = ?",
            "DELETE FROM record WHERE id = ?",
        ):
            with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
                conn.execute(sql, (rid,))
    # Addenda amend it, as they amend a signed record; a draft takes none.
    insert = (
        "INSERT INTO addendum(id, record_id, reason, text, added_on) "
        "VALUES (?, ?, 'r', 't', '2026-02-01')"
    )
    conn.execute(insert, ("a1", "0003"))
    with pytest.raises(sqlcipher3.IntegrityError, match="amends a signed record"):
        conn.execute(insert, ("a2", "0002"))
    conn.execute("UPDATE answer SET value = '\"edited\"' WHERE record_id = '0002'")
    conn.close()


@pytest.mark.parametrize("version", [VERSION, latest_version()], ids=["this", "latest"])
def test_every_locking_trigger_knows_the_new_status(tmp_path: Path, version: int) -> None:
    # At this migration and after every later one: a later migration that
    # re-creates a locking trigger must keep "signed-elsewhere" locked too.
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, version)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    assert triggers
    for name, sql in triggers:
        # The one place "signed" stands alone: a record held elsewhere becoming signed here.
        assert "= 'signed'" not in sql.replace("new.status = 'signed'", ""), name
    locking = [name for name, sql in triggers if "signed-elsewhere" in sql]
    assert len(locking) >= 20
    conn.close()


def test_signed_elsewhere_becomes_signed_only_with_its_seal_in_the_vault(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, VERSION)
    conn.execute("INSERT INTO template_snapshot(id, version, source) VALUES ('group', 1, 'x')")
    _record(conn, "0001", "signed-elsewhere")
    upgrade = "UPDATE record SET status = 'signed' WHERE id = '0001'"
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
        conn.execute(upgrade)
    insert = (
        "INSERT INTO sealed_document(id, record_id, output, pdf, sha256, created_at) "
        "VALUES (?, '0001', 'supervision-file', x'25504446', ?, 'now')"
    )
    conn.execute(insert, ("d1", "b" * 64))  # some other PDF: not its seal
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
        conn.execute(upgrade)
    conn.execute(insert, ("d2", "a" * 64))
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
        conn.execute(
            "UPDATE record SET status = 'signed', held_on = '2026-01-06' WHERE id = '0001'"
        )
    conn.execute(upgrade)
    assert conn.execute("SELECT status FROM record").fetchall() == [("signed",)]
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
        conn.execute("UPDATE record SET status = 'signed-elsewhere' WHERE id = '0001'")
    conn.close()
