"""Migration 3 on a vault at version 2: sealed documents are append-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3

from supnotes.vault.migrate import schema_version
from tests.vault.migration_helpers import create_db, migrate_to


def test_migration_3_adds_sealing_tables_and_keeps_records(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 2)
    conn.execute("INSERT INTO template_snapshot(id, version, source) VALUES ('group', 1, 'x')")
    conn.execute(
        "INSERT INTO record(id, reference, kind, template_id, template_version, held_on, "
        "created_at, updated_at) VALUES ('r1', 'SN-2026-0001', 'group', 'group', 1, "
        "'2026-01-05', 'now', 'now')"
    )

    migrate_to(conn, paths, 3)

    assert schema_version(conn) == 3
    assert conn.execute("SELECT reference FROM record").fetchall() == [("SN-2026-0001",)]
    pdf = b"%PDF-1.7 sealed"
    conn.execute(
        "INSERT INTO sealed_document(id, record_id, output, pdf, sha256, created_at) "
        "VALUES ('d1', 'r1', 'supervision-file', ?, ?, 'now')",
        (pdf, hashlib.sha256(pdf).hexdigest()),
    )
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be changed"):
        conn.execute("UPDATE sealed_document SET pdf = x'00' WHERE id = 'd1'")
    with pytest.raises(sqlcipher3.IntegrityError, match="cannot be deleted"):
        conn.execute("DELETE FROM sealed_document WHERE id = 'd1'")
    with pytest.raises(sqlcipher3.IntegrityError, match="CHECK"):
        conn.execute(
            "INSERT INTO sealed_document(id, record_id, output, pdf, sha256, created_at) "
            "VALUES ('d2', 'r1', 'child-record', x'00', ?, 'now')",
            ("0" * 64,),
        )
    conn.execute("INSERT INTO personal_word VALUES ('Wąsowska', 'now')")
    conn.close()


def test_only_one_current_signing_identity(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 3)
    insert = (
        "INSERT INTO signing_identity(id, source, subject, fingerprint, pkcs12, created_at) "
        "VALUES (?, 'self-signed', 'CN=A', 'AA', x'00', 'now')"
    )
    conn.execute(insert, ("one",))
    with pytest.raises(sqlcipher3.IntegrityError):
        conn.execute(insert, ("two",))
    conn.execute("UPDATE signing_identity SET retired_at = 'later' WHERE id = 'one'")
    conn.execute(insert, ("two",))
    conn.close()


def test_drawn_signature_is_fixed_once_the_record_is_signed(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, 3)
    conn.execute("INSERT INTO template_snapshot(id, version, source) VALUES ('group', 1, 'x')")
    conn.execute(
        "INSERT INTO record(id, reference, kind, template_id, template_version, held_on, "
        "created_at, updated_at) VALUES ('r1', 'SN-2026-0001', 'group', 'group', 1, "
        "'2026-01-05', 'now', 'now')"
    )
    conn.execute("INSERT INTO drawn_signature VALUES ('r1', x'89504e47', 'now')")
    conn.execute("UPDATE record SET status = 'signed', signed_at = 'now' WHERE id = 'r1'")
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records"):
        conn.execute("UPDATE drawn_signature SET png = x'00' WHERE record_id = 'r1'")
    with pytest.raises(sqlcipher3.IntegrityError, match="signed records"):
        conn.execute("DELETE FROM drawn_signature WHERE record_id = 'r1'")
    conn.close()
