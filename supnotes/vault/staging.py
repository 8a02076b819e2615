"""Staging folders for files made in several steps (backups, restores, demo vaults), cleaned up.

A staging folder sits beside its target (so the final rename stays on one
drive) and holds an ``.in-use`` file locked by the process that made it.
The OS drops that lock when the process dies, however it dies. So the next
run can tell a folder left by a killed SupNotes (lock free: removed) from one
another SupNotes is filling right now (lock held: left alone).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from supnotes.vault.atomic import raise_for_os_error

BACKUP_PREFIX = ".backup-"
RESTORE_PREFIX = ".restore-"
_IN_USE = ".in-use"
#: A folder without its lock file is left alone this long (it may be being made).
_GRACE_SECONDS = 60.0


def _lock(folder: Path) -> FileLock:
    return FileLock(str(folder / _IN_USE), timeout=0, thread_local=False, is_singleton=False)


def sweep(parent: Path, prefix: str) -> list[Path]:
    """Remove staging folders ``prefix*`` in ``parent`` whose process has gone."""
    removed: list[Path] = []
    try:
        candidates = [p for p in parent.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for folder in candidates:
        if not (folder / _IN_USE).exists():
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime < _GRACE_SECONDS:
                    continue
        else:
            lock = _lock(folder)
            try:
                lock.acquire()
            except Timeout:
                continue  # another SupNotes is using it
            except OSError:
                continue  # cannot tell (a read-only drive): leave it
            lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def claim_folder(parent: Path, prefix: str) -> tuple[Path, FileLock]:
    """A fresh owner-only folder ``prefix*`` in ``parent``, locked as in use.

    Folders of the same kind left by killed runs are removed first. Give it
    back with :func:`release_folder`.
    """
    sweep(parent, prefix)
    try:
        folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
    except OSError as exc:
        raise_for_os_error(exc, parent / prefix)
        raise
    lock = _lock(folder)
    try:
        lock.acquire()
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise_for_os_error(exc, folder / _IN_USE)
        raise
    return folder, lock


def release_folder(folder: Path, lock: FileLock | None) -> None:
    """Remove a folder made by :func:`claim_folder` and drop its lock."""
    if lock is not None and lock.is_locked:
        lock.release()
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def staging_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh, owner-only staging folder in ``parent``, removed afterwards.

    Staging folders left in ``parent`` by killed runs are removed first.
    """
    folder, lock = claim_folder(parent, prefix)
    try:
        yield folder
    finally:
        release_folder(folder, lock)
