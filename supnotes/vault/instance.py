"""One program at a time per vault, and a marker that tells of a crash.

The instance lock is an OS file lock (``filelock``), released by the OS when
the process dies, so a crash never leaves the vault locked. The open marker is
a plain file created after opening and removed on a clean close: finding it at
the next open means the last session ended uncleanly, and the vault is
checked before use.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from filelock import FileLock, Timeout

from supnotes.vault.atomic import (
    fsync_folder,
    process_running,
    raise_for_os_error,
    remove_stale_temp_files,
)
from supnotes.vault.errors import ReadOnlyLocation, VaultBusy
from supnotes.vault.paths import VaultPaths
from supnotes.vault.staging import BACKUP_PREFIX, sweep


class InstanceLock:
    def __init__(self, paths: VaultPaths) -> None:
        self._paths = paths
        # Not thread-local: the app opens a vault on a worker thread (key
        # derivation is slow) and closes it on the UI thread.
        self._lock = FileLock(str(paths.lock), timeout=0, thread_local=False)

    def acquire(self) -> None:
        """Take the lock; :class:`VaultBusy` if another program holds it."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise VaultBusy() from None
        except OSError as exc:
            raise_for_os_error(exc, self._paths.lock)
            raise ReadOnlyLocation(str(self._paths.folder)) from exc

    def release(self) -> None:
        self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked


def previous_session_crashed(paths: VaultPaths) -> bool:
    return paths.open_marker.exists()


def mark_open(paths: VaultPaths) -> None:
    existed = paths.open_marker.exists()
    try:
        fd = os.open(paths.open_marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(os.getpid()).encode("ascii"))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        if not existed:  # a marker left by a crash must stay; one half-made now must not
            with contextlib.suppress(OSError):
                paths.open_marker.unlink()
        raise_for_os_error(exc, paths.open_marker)
        raise


def mark_closed(paths: VaultPaths) -> None:
    with contextlib.suppress(FileNotFoundError):
        paths.open_marker.unlink()


def start_creating(paths: VaultPaths) -> None:
    """Mark the folder as a vault being created, until :func:`finish_creating`.

    A creation killed half-way leaves this marker: the half-made vault is then
    refused when opened and cleared by the next creation (see
    :func:`unfinished_files`).
    """
    try:
        os.close(os.open(paths.creating, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        fsync_folder(paths.folder)
    except OSError as exc:
        raise_for_os_error(exc, paths.creating)
        raise


def finish_creating(paths: VaultPaths) -> None:
    try:
        paths.creating.unlink()
        fsync_folder(paths.folder)
    except OSError as exc:
        raise_for_os_error(exc, paths.creating)
        raise


def unfinished_files(paths: VaultPaths) -> list[Path] | None:
    """The files of a vault whose creation never finished; None when it is not one.

    That is a folder holding the creation marker, or only an (empty) instance
    lock, and nothing but the files a creation makes, so nothing of anyone's
    is ever removed.
    """
    try:
        entries = list(paths.folder.iterdir())
    except OSError:
        return None
    names = {entry.name for entry in entries}
    if paths.creating.name not in names and names != {paths.lock.name}:
        return None
    if not all(paths.made_by_creation(entry.name) for entry in entries):
        return None
    return entries


def remove_files(entries: list[Path]) -> None:
    for entry in entries:
        with contextlib.suppress(OSError):
            entry.unlink()


def remove_leftovers(paths: VaultPaths) -> None:
    """Clear what a killed SupNotes left in the vault folder: temp and staging files."""
    remove_stale_temp_files(paths.keyfile)
    remove_stale_temp_files(paths.attempts)
    with contextlib.suppress(OSError):
        for probe in paths.folder.glob(".write-test-*"):
            pid = probe.name.removeprefix(".write-test-")
            if pid.isdigit() and not process_running(int(pid)):
                with contextlib.suppress(OSError):
                    probe.unlink()
    if paths.backups.is_dir():
        sweep(paths.backups, BACKUP_PREFIX)


def folder_writable(paths: VaultPaths) -> None:
    """Raise :class:`ReadOnlyLocation` unless a file can be created in the folder.

    Tries for real rather than asking ``os.access``, which says yes to root
    on a read-only mount and to everyone on some network drives.
    """
    probe = paths.folder / f".write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        probe.unlink()
    except FileExistsError:
        with contextlib.suppress(OSError):
            probe.unlink()
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise_for_os_error(exc, probe)
        raise ReadOnlyLocation(str(paths.folder)) from exc
