"""Write a file so that readers see either the old or the new bytes, never half.

Temp file in the same folder, write, fsync, rename over the target, fsync the
folder. Used for key files, exports and backups. The temp file is named
``.<name>.<pid>.tmp``: one left by a killed program is removed the next time
the same file is written (its process no longer runs).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
from pathlib import Path

from supnotes.vault.drive import mounted_read_only, nearly_full
from supnotes.vault.errors import DiskFull, ReadOnlyLocation

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def raise_for_os_error(exc: OSError, path: Path) -> None:
    """Turn an OS error the user can act on into its :class:`VaultError`.

    A full drive and a read-only one are told apart by asking the drive, since
    some file systems answer a write to a full disk with a bare ``EIO``.
    """
    if exc.errno in _NO_SPACE:
        raise DiskFull(str(path)) from exc
    if exc.errno in _READ_ONLY:
        raise ReadOnlyLocation(str(path.parent)) from exc
    if exc.errno == errno.EIO:
        if nearly_full(path):
            raise DiskFull(str(path)) from exc
        if mounted_read_only(path):
            raise ReadOnlyLocation(str(path.parent)) from exc


def process_running(pid: int) -> bool:
    """True when a process ``pid`` exists on this machine (POSIX; else assume it does)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def temp_name(path: Path, pid: int | None = None) -> Path:
    return path.with_name(f".{path.name}.{os.getpid() if pid is None else pid}.tmp")


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove ``.<name>.<pid>.tmp`` beside ``path`` left by processes that no longer run."""
    removed = []
    with contextlib.suppress(OSError):
        for candidate in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            pid_text = candidate.name[len(path.name) + 2 : -len(".tmp")]
            if not pid_text.isdigit() or process_running(int(pid_text)):
                continue
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably, with exactly ``mode``."""
    remove_stale_temp_files(path)
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # whatever the umask
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
        fsync_folder(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise_for_os_error(exc, path)
        raise
