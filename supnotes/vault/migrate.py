"""Bring a vault's schema up to date, safely.

A vault from a newer SupNotes is refused untouched. An older one is first
copied (encrypted, with its key file) into the vault's backups folder, then
migrated one version at a time, each version in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from supnotes.vault.connection import Connection, DatabaseError, classify
from supnotes.vault.errors import VaultTooNew
from supnotes.vault.migrations import latest_version, migrations
from supnotes.vault.paths import VaultPaths


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(conn: Connection) -> int:
    """The vault's schema version; refuses one newer than this program knows."""
    version = schema_version(conn)
    if version > latest_version():
        raise VaultTooNew(f"schema version {version}; this SupNotes knows up to {latest_version()}")
    return version


def migrate(
    conn: Connection,
    paths: VaultPaths,
    *,
    target: int | None = None,
    copy_first: Callable[[int], object] | None = None,
) -> int:
    """Migrate to ``target`` (default: latest); returns the version reached.

    ``copy_first(current_version)`` is called once before an existing vault
    (version >= 1) is changed, to keep a copy.
    """
    current = check_not_newer(conn)
    goal = latest_version() if target is None else target
    pending = [m for m in migrations() if current < m.version <= goal]
    if not pending:
        return current
    if current >= 1 and copy_first is not None:
        copy_first(current)
    for migration in pending:
        try:
            conn.execute("BEGIN IMMEDIATE")
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, DatabaseError):
                classify(exc, paths.db)
            raise
    return goal
