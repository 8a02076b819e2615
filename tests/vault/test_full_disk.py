"""A full drive and a read-only one, on a real 2 MB tmpfs: told apart, and nothing lost.

A vault whose drive is full still opens (read-only) so it can be checked and
backed up to another drive; a backup or creation that runs out of room says
so and leaves nothing half-made behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.vault import backup as backup_module
from supnotes.vault import errors, migrations
from supnotes.vault.atomic import write_atomic
from supnotes.vault.backup import read_manifest, write_backup
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.migrate import schema_version
from supnotes.vault.paths import VaultPaths
from supnotes.vault.restore import restore_backup
from supnotes.vault.vault import Unlock, Vault, vault_exists
from tests.drives import SmallDrive, small_drive
from tests.vault.conftest import PASSPHRASE, snapshot

__all__ = ["small_drive"]

UNLOCK = Unlock(passphrase=PASSPHRASE)
PERMISSION_WORDS = ("permission", "write-protected", "ejected", "drive is read-only")


def _make_vault(folder: Path, note: str = "kept") -> None:
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault, vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('note', ?, 'now')", (f'"{note}"',))


def _note(vault: Vault) -> object:
    return vault.query("SELECT value FROM setting WHERE key = 'note'")[0][0]


def _assert_full_not_permissions(exc: errors.VaultError) -> None:
    assert isinstance(exc, errors.DiskFull), exc
    text = exc.one_line().lower()
    assert "full" in text
    assert not any(word in text for word in PERMISSION_WORDS), text


def _restored_note(backup: Path, tmp_path: Path) -> object:
    target = tmp_path / "restored"
    restore_backup(backup, target, UNLOCK)
    with Vault.open(target, UNLOCK) as vault:
        return _note(vault)


# -- a vault on a full drive --------------------------------------------------------


def test_a_vault_on_a_full_drive_opens_read_only_and_backs_up_to_another(
    small_drive: SmallDrive, tmp_path: Path
) -> None:
    folder = small_drive.path / "vault"
    _make_vault(folder)
    small_drive.fill()
    before = snapshot(folder)
    with Vault.open(folder, UNLOCK) as vault:
        assert vault.read_only
        assert _note(vault) == '"kept"'
        with pytest.raises(errors.DiskFull) as refused, vault.transaction() as conn:
            conn.execute("INSERT INTO setting VALUES ('new', '1', 'now')")
        _assert_full_not_permissions(refused.value)
        assert "backed up" in refused.value.advice
        info = write_backup(vault, tmp_path / "elsewhere" / "copy.snbackup")
    assert snapshot(folder) == before
    assert read_manifest(info.path)["vault_id"]
    assert _restored_note(info.path, tmp_path) == '"kept"'


def test_check_passes_on_a_full_drive(small_drive: SmallDrive) -> None:
    folder = small_drive.path / "vault"
    _make_vault(folder)
    small_drive.fill()
    with Vault.open(folder, UNLOCK, read_only=True) as vault:
        assert vault.check().ok


def _crash_after_a_write(folder: Path) -> None:
    """A program that commits and dies before the log is folded back."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from supnotes.vault.vault import Unlock, Vault\n"
        "v = Vault.open(Path(sys.argv[1]), Unlock(passphrase=sys.argv[2]))\n"
        "with v.transaction() as c:\n"
        "    c.execute(\"UPDATE setting SET value = '\\\"late\\\"' WHERE key = 'note'\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(folder), PASSPHRASE], check=True)
    assert (folder / "supnotes.db-wal").stat().st_size > 0


@pytest.mark.parametrize("drive_state", ["full", "read-only"])
def test_writes_still_in_the_log_after_a_crash_are_backed_up(
    small_drive: SmallDrive, tmp_path: Path, drive_state: str
) -> None:
    folder = small_drive.path / "vault"
    _make_vault(folder)
    _crash_after_a_write(folder)
    if drive_state == "full":
        small_drive.fill()
    else:
        small_drive.read_only()
    # As 'supnotes backup' opens it: the log is read without writing beside it.
    with Vault.open(folder, UNLOCK, read_only=True) as vault:
        assert vault.recovered_from_crash
        assert _note(vault) == '"late"'
        assert vault.check().ok
        info = write_backup(vault, tmp_path / "copy.snbackup")
    assert _restored_note(info.path, tmp_path) == '"late"'


def test_an_older_vault_on_a_full_drive_says_it_needs_room_to_update(
    small_drive: SmallDrive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_drive.path / "vault"
    first = migrations._MODULES[:1]
    monkeypatch.setattr(migrations, "_MODULES", first)
    migrations.migrations.cache_clear()
    try:
        _make_vault(folder)
    finally:
        monkeypatch.undo()
        migrations.migrations.cache_clear()
    small_drive.fill()
    with pytest.raises(errors.DiskFull) as refused:
        Vault.open(folder, UNLOCK)
    _assert_full_not_permissions(refused.value)
    assert "updated" in refused.value.advice
    assert not list(small_drive.path.rglob(".backup-*"))
    with Vault.open(folder, UNLOCK, read_only=True) as vault:
        assert schema_version(vault.conn) == 1
        info = write_backup(vault, tmp_path / "old.snbackup")
    assert read_manifest(info.path)["schema_version"] == 1


# -- a read-only drive -----------------------------------------------------------------


def test_a_read_only_drive_is_not_called_full_and_can_still_be_backed_up(
    small_drive: SmallDrive, tmp_path: Path
) -> None:
    folder = small_drive.path / "vault"
    _make_vault(folder)
    small_drive.read_only()
    with pytest.raises(errors.ReadOnlyLocation) as refused:
        Vault.open(folder, UNLOCK)
    assert "full" not in refused.value.one_line().lower()
    with Vault.open(folder, UNLOCK, read_only=True) as vault:
        assert vault.check().ok
        info = write_backup(vault, tmp_path / "copy.snbackup")
    assert _restored_note(info.path, tmp_path) == '"kept"'


def test_a_backup_onto_a_read_only_drive_says_read_only(
    small_drive: SmallDrive, tmp_path: Path
) -> None:
    _make_vault(tmp_path / "vault")
    small_drive.read_only()
    with (
        Vault.open(tmp_path / "vault", UNLOCK, read_only=True) as vault,
        pytest.raises(errors.ReadOnlyLocation) as refused,
    ):
        write_backup(vault, small_drive.path / "copy.snbackup")
    assert "full" not in refused.value.one_line().lower()


# -- backups that run out of room -------------------------------------------------------


@pytest.fixture
def big_vault(tmp_path: Path) -> Iterator[Vault]:
    """A vault of about 3 MB: more than the small drive holds."""
    vault, _ = Vault.create(tmp_path / "big", PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        with vault.transaction() as conn:
            for n in range(30):
                conn.execute(
                    "INSERT INTO setting VALUES (?, ?, 'now')", (f"k{n}", os.urandom(50_000).hex())
                )
        yield vault


def test_a_backup_too_big_for_the_drive_is_refused_with_sizes(
    big_vault: Vault, small_drive: SmallDrive
) -> None:
    with pytest.raises(errors.DiskFull) as refused:
        write_backup(big_vault, small_drive.path / "copy.snbackup")
    _assert_full_not_permissions(refused.value)
    assert "MB" in (refused.value.detail or "")
    assert small_drive.entries() == set()


def test_a_drive_that_fills_during_the_backup_leaves_nothing(
    big_vault: Vault, small_drive: SmallDrive, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if another program filled the drive after the check for room.
    monkeypatch.setattr(backup_module, "_check_room", lambda vault, out: None)
    with pytest.raises(errors.DiskFull) as refused:
        write_backup(big_vault, small_drive.path / "copy.snbackup")
    _assert_full_not_permissions(refused.value)
    assert small_drive.entries() == set()
    # The vault itself is untouched and still writable.
    with big_vault.transaction() as conn:
        conn.execute("INSERT INTO setting VALUES ('after', '1', 'now')")


def test_a_drive_that_fills_while_the_archive_is_written_leaves_nothing(
    big_vault: Vault, small_drive: SmallDrive, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module, "_check_room", lambda vault, out: None)
    # Room for the database copy, not for the archive made from it.
    real_export = backup_module._export_database

    def export_then_fill(vault: Vault, target: Path) -> None:
        real_export(vault, target)
        small_drive.fill()

    monkeypatch.setattr(backup_module, "_export_database", export_then_fill)
    with pytest.raises(errors.DiskFull):
        write_backup(big_vault, small_drive.path / "copy.snbackup")
    assert small_drive.entries() == set()


# -- creating a vault ------------------------------------------------------------------


@pytest.mark.parametrize("leave", [0, 64 * 1024, 200 * 1024], ids=["0 KB", "64 KB", "200 KB"])
def test_a_creation_that_runs_out_of_room_leaves_nothing_and_a_retry_works(
    small_drive: SmallDrive, leave: int
) -> None:
    folder = small_drive.path / "vault"
    small_drive.fill(leave=leave)
    with pytest.raises(errors.DiskFull) as refused:
        Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    _assert_full_not_permissions(refused.value)
    assert "what you typed" not in refused.value.one_line()
    assert small_drive.entries() == set()
    small_drive.empty()
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        assert vault.check().ok


def test_a_creation_on_a_read_only_drive_says_read_only(small_drive: SmallDrive) -> None:
    small_drive.read_only()
    with pytest.raises(errors.ReadOnlyLocation) as refused:
        Vault.create(small_drive.path / "vault", PASSPHRASE, kdf_params=TEST_PARAMS)
    assert "full" not in refused.value.one_line().lower()


def test_a_creation_whose_filling_fails_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "vault"

    def fail(vault: Vault) -> None:
        raise errors.DiskFull("while writing the demo records")

    with pytest.raises(errors.DiskFull):
        Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS, fill=fail)
    assert not folder.exists()


def test_a_killed_creation_is_refused_then_cleared_by_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    vault.close()
    # What a kill half-way through leaves: the marker and some of the files.
    paths = VaultPaths(folder)
    paths.creating.touch()
    assert not vault_exists(folder)
    with pytest.raises(errors.VaultUnfinished):
        Vault.open(folder, UNLOCK)
    again, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with again:
        assert again.check().ok
    assert not paths.creating.exists()


def test_a_folder_holding_only_a_lock_file_is_reused(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    VaultPaths(folder).lock.touch()
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    vault.close()


def test_an_unfinished_vault_beside_someone_elses_file_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    VaultPaths(folder).creating.touch()
    (folder / "notes.txt").write_text("not SupNotes'")
    with pytest.raises(errors.VaultExists):
        Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    assert (folder / "notes.txt").exists()


def test_a_database_without_its_vault_id_is_unfinished_not_tampered(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault, vault.transaction() as conn:
        conn.execute("DELETE FROM meta WHERE key = 'vault_id'")
    with pytest.raises(errors.VaultUnfinished):
        Vault.open(folder, UNLOCK)


# -- files written out ------------------------------------------------------------------


def test_an_export_onto_a_full_drive_leaves_no_partial_file(small_drive: SmallDrive) -> None:
    small_drive.fill(leave=8192)
    with pytest.raises(errors.DiskFull) as refused:
        write_atomic(small_drive.path / "export.json", b"x" * 500_000)
    _assert_full_not_permissions(refused.value)
    assert small_drive.entries() == set()


def test_an_export_onto_a_read_only_drive_says_read_only(small_drive: SmallDrive) -> None:
    small_drive.read_only()
    with pytest.raises(errors.ReadOnlyLocation):
        write_atomic(small_drive.path / "export.json", b"{}")


def test_a_creation_refused_because_another_is_under_way_touches_nothing(tmp_path: Path) -> None:
    from supnotes.vault.instance import InstanceLock

    folder = tmp_path / "vault"
    folder.mkdir()
    paths = VaultPaths(folder)
    other = InstanceLock(paths)  # another SupNotes creating a vault here right now
    other.acquire()
    try:
        paths.creating.touch()
        paths.keyfile.write_text("{}")
        with pytest.raises(errors.VaultBusy):
            Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
        assert paths.creating.exists()
        assert paths.keyfile.exists()
    finally:
        other.release()
