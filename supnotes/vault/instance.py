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

from filelock import FileLock, Timeout

from supnotes.vault.atomic import raise_for_os_error
from supnotes.vault.errors import ReadOnlyLocation, VaultBusy
from supnotes.vault.paths import VaultPaths


class InstanceLock:
    def __init__(self, paths: VaultPaths) -> None:
        self._paths = paths
        # Not thread-local: the app opens a vault on a worker thread (key
        # derivation is slow) and closes it on the UI thread.
        self._lock = FileLock(str(paths.lock), timeout=0, thread_local=False)

    def acquire(self) -> None:
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
    try:
        fd = os.open(paths.open_marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, str(os.getpid()).encode("ascii"))
        os.fsync(fd)
        os.close(fd)
    except OSError as exc:
        raise_for_os_error(exc, paths.open_marker)
        raise


def mark_closed(paths: VaultPaths) -> None:
    with contextlib.suppress(FileNotFoundError):
        paths.open_marker.unlink()


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
