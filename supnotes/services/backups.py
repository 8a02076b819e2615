"""Backups and restores, each recorded in the access trail.

The vault layer (:mod:`supnotes.vault.backup`) writes and restores the
files; this is where the app and the command line call it, so each act
leaves its one trail entry. A backup's entry is written once the file is in
place (so it is in the vault, not in that backup); a restore's entry is
written into the restored vault after the swap, so the trail it brought
back says it was restored, and when.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.vault.backup import BackupInfo, manual_backup, rolling_backup, write_backup
from supnotes.vault.restore import restore_backup
from supnotes.vault.vault import Unlock, Vault

MANUAL = "backup"
AUTOMATIC = "automatic backup"


def back_up(vault: Vault, out: Path) -> BackupInfo:
    """Write an encrypted backup to ``out`` (whose folder must exist); recorded once written."""
    info = write_backup(vault, out, create_folder=False)
    trail.record_if_writable(vault, TrailKind.BACKUP, audience=MANUAL, destination=info.path)
    return info


def back_up_rolling(
    vault: Vault,
    folder: Path | None,
    *,
    keep: int,
    interval: timedelta,
    automatic: bool,
) -> Path | None:
    """A rolling backup when one is due (always when ``interval`` is zero); recorded if made."""
    path = rolling_backup(vault, folder, keep=keep, interval=interval)
    if path is not None:
        trail.record_if_writable(
            vault,
            TrailKind.BACKUP,
            audience=AUTOMATIC if automatic else MANUAL,
            destination=path,
        )
    return path


def back_up_now(vault: Vault, folder: Path | None) -> Path:
    """The app's "Back up now": a ``manual-`` backup beside the automatic ones; recorded."""
    path = manual_backup(vault, folder)
    trail.record_if_writable(vault, TrailKind.BACKUP, audience=MANUAL, destination=path)
    return path


def record_restore(vault: Vault, backup: Path) -> None:
    """Record in the just-restored (and opened) vault that it came from ``backup``."""
    trail.record_if_writable(vault, TrailKind.RESTORE, audience="restored", destination=backup)


def restore(backup: Path, folder: Path, unlock: Unlock) -> Path | None:
    """Restore ``backup`` into ``folder``, then record it in the restored vault.

    Returns where the replaced vault was kept (None if there was none). The
    restored vault is opened once more to take its entry: it is the one that
    goes on, so the entry must be in it.
    """
    kept = restore_backup(backup, folder, unlock)
    with Vault.open(folder, unlock) as restored:
        record_restore(restored, backup)
    return kept
