"""Write a file so that readers see either the old or the new bytes, never half.

Temp file in the same folder, write, fsync, rename over the target, fsync the
folder. Used for key files, exports and backups.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from supnotes.vault.errors import DiskFull, ReadOnlyLocation

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
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
    """Turn an OS error the user can act on into its :class:`VaultError`."""
    if exc.errno in _NO_SPACE:
        raise DiskFull(str(path)) from exc
    if exc.errno in _READ_ONLY:
        raise ReadOnlyLocation(str(path.parent)) from exc


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
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
