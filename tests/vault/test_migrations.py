"""The migration registry, the migration runner, and one test per migration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from supnotes.vault import errors, migrations
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.migrate import schema_version
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE
from tests.vault.migration_helpers import create_db, migrate_to


def test_registry_runs_one_to_n_without_gaps() -> None:
    versions = [m.version for m in migrations.migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert migrations.latest_version() == versions[-1]


def test_every_migration_module_is_listed() -> None:
    folder = Path(migrations.__file__).parent
    modules = sorted(p.stem for p in folder.glob("m[0-9][0-9][0-9][0-9]_*.py"))
    listed = [m.__name__.rsplit(".", 1)[1] for m in migrations._MODULES]
    assert listed == modules


def test_a_new_vault_is_at_the_latest_version(created: tuple[Vault, str]) -> None:
    vault, _ = created
    assert schema_version(vault.conn) == migrations.latest_version()


def test_m0001_creates_meta_and_settings(tmp_path: Path) -> None:
    conn, paths = create_db(tmp_path / "db")
    migrate_to(conn, paths, 1)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "setting"} <= tables
    conn.execute("INSERT INTO setting VALUES ('a', '1', 'now')")
    conn.close()


def _fake(version: int, apply: Any) -> SimpleNamespace:
    return SimpleNamespace(VERSION=version, DESCRIPTION=f"test {version}", apply=apply)


def _install(monkeypatch: pytest.MonkeyPatch, *extra: SimpleNamespace) -> None:
    monkeypatch.setattr(migrations, "_MODULES", (*migrations._MODULES, *extra))
    migrations.migrations.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    migrations.migrations.cache_clear()
    yield
    migrations.migrations.cache_clear()


def test_an_older_vault_is_copied_then_migrated(
    closed_vault: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, recovery_key = closed_vault
    latest = migrations.latest_version()

    def add_column(conn: Any) -> None:
        conn.execute("ALTER TABLE setting ADD COLUMN origin TEXT")

    _install(monkeypatch, _fake(latest + 1, add_column))
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert schema_version(vault.conn) == latest + 1
        vault.conn.execute("SELECT origin FROM setting").fetchall()
    copies = list((folder / "backups").glob(f"before-migration-v{latest}-*.snbackup"))
    assert len(copies) == 1
    # The copy is the old vault, encrypted, and opens with the recovery key.
    from supnotes.vault.backup import read_manifest
    from supnotes.vault.restore import restore_backup

    assert read_manifest(copies[0])["schema_version"] == latest
    restore_backup(copies[0], folder.parent / "old", Unlock(recovery_key=recovery_key))


def test_a_failing_migration_leaves_the_vault_as_it_was(
    closed_vault: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = closed_vault
    latest = migrations.latest_version()

    def half_done(conn: Any) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    _install(monkeypatch, _fake(latest + 1, half_done))
    with pytest.raises(RuntimeError, match="boom"):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    monkeypatch.undo()
    migrations.migrations.cache_clear()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert schema_version(vault.conn) == latest
        assert vault.query("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == [(0,)]


def test_gaps_in_the_registry_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _install(monkeypatch, _fake(migrations.latest_version() + 2, lambda conn: None))
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.migrations()


def test_newer_vault_message_names_both_versions(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        vault.conn.execute("PRAGMA user_version = 50")
    with pytest.raises(errors.VaultTooNew, match="schema version 50"):
        Vault.open(tmp_path / "v", Unlock(passphrase=PASSPHRASE))
