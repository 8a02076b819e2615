"""The trust-register migration: an empty register, refused rows for made-up ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.vault.migrate import schema_version
from supnotes.vault.migrations import latest_version
from tests.vault.migration_helpers import create_db, migrate_to


def test_the_register_starts_empty_and_only_takes_explicit_ways(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "v")
    migrate_to(conn, paths, latest_version())
    assert schema_version(conn) == latest_version()
    assert conn.execute("SELECT count(*) FROM trusted_certificate").fetchone() == (0,)
    row = ("AB:" * 31 + "AB", "CN=x", b"der", "organisation register", "file.pem", "2026-01-01")
    conn.execute("INSERT INTO trusted_certificate VALUES (?, ?, ?, ?, ?, ?)", row)
    with pytest.raises(Exception, match="CHECK"):
        conn.execute(
            "INSERT INTO trusted_certificate VALUES (?, ?, ?, ?, ?, ?)",
            ("CD:" * 31 + "CD", "CN=y", b"der", "signed a record", "x", "2026-01-01"),
        )
    conn.close()
