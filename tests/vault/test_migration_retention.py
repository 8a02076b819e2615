"""The retention migration on a vault that already holds a signed record."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from supnotes.vault.migrations.m0008_retention import VERSION
from tests.vault.migration_helpers import create_db, migrate_to


def _signed_record(conn: sqlcipher3.Connection) -> None:
    conn.execute("INSERT INTO template_snapshot VALUES ('one-to-one', 1, 'x')")
    conn.execute(
        "INSERT INTO worker(id, name, start_date, stage) VALUES ('w', 'Dana', '2020-01-01', "
        "'qualified')"
    )
    conn.execute(
        "INSERT INTO record(n, id, reference, kind, template_id, template_version, worker_id, "
        "held_on, created_at, updated_at) VALUES (1, 'r', 'SN-2020-0001', 'one-to-one', "
        "'one-to-one', 1, 'w', '2020-02-01', '2020-02-01T10:00:00+00:00', "
        "'2020-02-01T10:00:00+00:00')"
    )
    conn.execute("INSERT INTO answer VALUES ('r', 'a.b', '\"words\"')")
    conn.execute("INSERT INTO record_fts(rowid, body, children) VALUES (1, 'words', '')")
    conn.execute(
        "UPDATE record SET status = 'signed', signed_at = '2020-02-01T11:00:00+00:00' "
        "WHERE id = 'r'"
    )


def test_signed_records_stay_locked_and_the_index_deletes_securely(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, VERSION - 1)
    _signed_record(conn)
    migrate_to(conn, paths, VERSION)
    assert ("secure-delete", 1) in conn.execute("SELECT * FROM record_fts_config").fetchall()
    found = conn.execute("SELECT rowid FROM record_fts WHERE record_fts MATCH 'words'")
    assert found.fetchall() == [(1,)]
    for sql in ("DELETE FROM record WHERE id = 'r'", "DELETE FROM answer WHERE record_id = 'r'"):
        with pytest.raises(sqlcipher3.IntegrityError, match="signed records cannot be changed"):
            conn.execute(sql)
    with pytest.raises(sqlcipher3.IntegrityError, match="audit entry"):
        conn.execute("INSERT INTO retention_purge VALUES ('r')")
    # The route itself: audit entry, marker, delete, marker gone.
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO retention_audit(kind, reference, was_signed, deleted_at, deleted_by, rule) "
        "VALUES ('one-to-one', 'SN-2020-0001', 1, '2027-01-01T00:00:00+00:00', 'me', 'rule')"
    )
    conn.execute("INSERT INTO retention_purge VALUES ('r')")
    conn.execute("DELETE FROM record WHERE id = 'r'")
    conn.execute("DELETE FROM retention_purge")
    conn.execute("COMMIT")
    assert conn.execute("SELECT count(*) FROM answer").fetchone() == (0,)
    conn.close()
