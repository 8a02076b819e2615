"""Where a command is told to write: its folder must already be there.

A mistyped ``--out`` (``/nonexistent/b.snbackup``) is refused rather than
silently creating folders, even at the root of the file system.
"""

from __future__ import annotations

from pathlib import Path

from supnotes.cli.errors import UsageError


def require_folder_of(out: Path) -> None:
    """Refuse ``out`` when the folder it would be written in does not exist."""
    folder = out.expanduser().absolute().parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(
            f"the folder {folder} {what}: create it first or choose another; nothing was written"
        )
