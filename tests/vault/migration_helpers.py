"""Helpers for migration tests (after Signal-Desktop's ``createDB``/``migrateTo``).

``create_db`` makes an empty encrypted database at schema version 0;
``migrate_to`` runs the real migrations up to a version. A migration test
fills the database at version N-1, migrates to N and checks the data.
"""

from __future__ import annotations

from pathlib import Path

from supnotes.vault.connection import Connection, open_connection
from supnotes.vault.keyfile import new_data_key
from supnotes.vault.migrate import migrate, schema_version
from supnotes.vault.paths import VaultPaths


def create_db(folder: Path) -> tuple[Connection, VaultPaths]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = VaultPaths(folder)
    return open_connection(paths.db, new_data_key()), paths


def migrate_to(conn: Connection, paths: VaultPaths, version: int) -> None:
    migrate(conn, paths, target=version)
    assert schema_version(conn) == version
