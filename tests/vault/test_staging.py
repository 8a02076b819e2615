"""What a killed backup, restore or export leaves is cleared by the next run, and only that."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from filelock import FileLock

from supnotes.vault.atomic import remove_stale_temp_files, temp_name, write_atomic
from supnotes.vault.backup import write_backup
from supnotes.vault.staging import BACKUP_PREFIX, staging_folder, sweep
from supnotes.vault.vault import Vault


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def _left_by_a_kill(parent: Path) -> Path:
    """A staging folder as a killed backup leaves it: its lock file free, a big partial copy."""
    folder = parent / f"{BACKUP_PREFIX}killed"
    folder.mkdir()
    (folder / ".in-use").touch()
    (folder / "supnotes.db").write_bytes(b"\0" * 100_000)
    return folder


def test_the_next_backup_removes_staging_left_by_a_killed_one(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = _left_by_a_kill(out)
    write_backup(vault, out / "copy.snbackup")
    assert not stale.exists()
    assert sorted(p.name for p in out.iterdir()) == ["copy.snbackup"]
    assert (out / "copy.snbackup").stat().st_mode & 0o777 == 0o600


def test_staging_in_use_by_another_backup_is_left_alone(tmp_path: Path) -> None:
    busy = _left_by_a_kill(tmp_path)
    lock = FileLock(str(busy / ".in-use"), timeout=0, is_singleton=False)
    with lock:
        assert sweep(tmp_path, BACKUP_PREFIX) == []
        assert busy.exists()
    assert sweep(tmp_path, BACKUP_PREFIX) == [busy]


def test_a_staging_folder_without_its_lock_is_removed_only_once_old(tmp_path: Path) -> None:
    young = tmp_path / f"{BACKUP_PREFIX}young"
    young.mkdir()
    assert sweep(tmp_path, BACKUP_PREFIX) == []
    old = time.time() - 3600
    os.utime(young, (old, old))
    assert sweep(tmp_path, BACKUP_PREFIX) == [young]


def test_a_staging_folder_is_removed_on_failure(tmp_path: Path) -> None:
    made: list[Path] = []
    try:
        with staging_folder(tmp_path, BACKUP_PREFIX) as folder:
            made.append(folder)
            (folder / "part").write_bytes(b"half")
            raise RuntimeError("stopped")
    except RuntimeError:
        pass
    assert made
    assert not made[0].exists()
    assert list(tmp_path.iterdir()) == []


def test_temp_files_of_dead_processes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    dead = temp_name(target, _dead_pid())
    dead.write_bytes(b"half an export")
    alive = temp_name(target, os.getppid())  # a running process: perhaps writing right now
    alive.write_bytes(b"in progress")
    write_atomic(target, b"{}")
    assert not dead.exists()
    assert alive.exists()
    assert target.read_bytes() == b"{}"
    assert remove_stale_temp_files(target) == []


def test_exports_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "record.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    previous = os.umask(0)
    try:
        write_atomic(target, b"%PDF-1.7")
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o600
