"""What the drive under a path can take: a full disk told apart from a read-only one.

SQLite and the OS report a full disk in several ways (``ENOSPC``, ``SQLITE_FULL``,
a bare "disk I/O error" when the shared-memory file cannot grow, or a message
from inside ``sqlcipher_export``). Rather than trusting the error's wording
alone, the error is classified by asking the drive itself: how much room is
left, and whether it is mounted read-only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

#: Below this much free space a write error is reported as a full disk: SQLite
#: needs 32 KiB for its shared-memory file and room for the write-ahead log.
LOW_SPACE_BYTES = 1024 * 1024


def _existing(path: Path) -> Path:
    """``path`` or its nearest existing parent (a file not yet written)."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path


def free_bytes(path: Path) -> int | None:
    """Bytes free for this user on the drive holding ``path``; None if unknown."""
    try:
        return shutil.disk_usage(_existing(path)).free
    except OSError:
        return None


def nearly_full(path: Path, need: int = LOW_SPACE_BYTES) -> bool:
    """True when the drive holding ``path`` has less than ``need`` bytes free."""
    free = free_bytes(path)
    return free is not None and free < need


def mounted_read_only(path: Path) -> bool:
    """True when the file system holding ``path`` is mounted read-only (POSIX)."""
    if not hasattr(os, "statvfs"):
        return False
    with contextlib.suppress(OSError):
        return bool(os.statvfs(_existing(path)).f_flag & os.ST_RDONLY)
    return False


def megabytes(size: int) -> str:
    """A size as a person reads it: "4.8 MB"."""
    return f"{size / 1_000_000:.1f} MB"
