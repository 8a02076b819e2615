"""Restoring a backup: unpacked and opened beside the vault before anything is replaced.

The backup (see :mod:`supnotes.vault.backup`) is unpacked into a staging
folder beside the vault and opened there with the unlock given, which proves
the secret, the key file's MAC and the database; only then are the files
swapped in. The vault it replaces is kept, never deleted.
"""

from __future__ import annotations

import contextlib
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from supnotes.vault.atomic import fsync_folder, raise_for_os_error
from supnotes.vault.backup import (
    CHECKSUM_WORDS,
    DB_NAME,
    KEY_NAME,
    read_manifest,
    unreadable_reason,
)
from supnotes.vault.errors import (
    BackupDamaged,
    BackupInvalid,
    BackupTooNew,
    BackupWrongPassphrase,
    BackupWrongRecoveryKey,
    KeyFileMissing,
    KeyFileTampered,
    NotAVault,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultTooNew,
    WrongPassphrase,
    WrongRecoveryKey,
)
from supnotes.vault.instance import InstanceLock
from supnotes.vault.paths import VaultPaths
from supnotes.vault.staging import RESTORE_PREFIX, staging_folder
from supnotes.vault.vault import Unlock, Vault


def restore_backup(backup: Path, folder: Path, unlock: Unlock) -> Path | None:
    """Restore ``backup`` into the vault folder ``folder``.

    The backup is unpacked beside the vault and opened with ``unlock`` (which
    checks key and integrity) before anything is replaced. An existing vault
    is kept in ``folder/replaced-<time>/`` rather than deleted; its path is
    returned. The vault must not be open elsewhere.
    """
    read_manifest(backup)
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    target = VaultPaths(folder)
    if folder.exists() and not folder.is_dir():
        raise VaultExists(f"{folder} is a file")
    with staging_folder(folder.parent, RESTORE_PREFIX) as staging:
        return _restore_from(backup, staging, target, unlock)


def _restore_from(backup: Path, staging: Path, target: VaultPaths, unlock: Unlock) -> Path | None:
    try:
        with zipfile.ZipFile(backup) as archive:
            archive.extract(DB_NAME, staging)
            archive.extract(KEY_NAME, staging)
        # extract() follows the umask; the vault's files are the owner's alone.
        (staging / DB_NAME).chmod(0o600)
        (staging / KEY_NAME).chmod(0o600)
        _open_and_check(backup, staging, unlock)
    except (VaultError, OSError) as exc:
        # The file itself was read once already (its manifest); an OS error
        # now is most likely about writing the copy beside the vault.
        if isinstance(exc, OSError):
            raise_for_os_error(exc, staging / DB_NAME)
        raise
    except Exception as exc:
        reason = unreadable_reason(exc)
        if reason is None:
            raise
        kind = BackupDamaged if reason == CHECKSUM_WORDS else BackupInvalid
        raise kind(f"{backup.name}: {reason}") from exc
    try:
        return _swap_in(staging, target)
    except OSError as exc:
        raise_for_os_error(exc, target.folder)
        raise


def _open_and_check(backup: Path, staging: Path, unlock: Unlock) -> None:
    """Open and check the unpacked backup; every failure is said to be the backup's.

    The staging copy is opened as a vault, so its errors speak of "the vault";
    here they are the backup's, and the vault in use has not been touched.
    """
    try:
        # Opening proves the secret, the key file's MAC and the database.
        restored = Vault.open(staging, unlock)
    except WrongRecoveryKey as exc:
        raise BackupWrongRecoveryKey(backup.name) from exc
    except WrongPassphrase as exc:
        raise BackupWrongPassphrase(backup.name) from exc
    except VaultTooNew as exc:
        raise BackupTooNew(backup.name) from exc
    except (VaultCorrupt, KeyFileTampered, KeyFileMissing, NotAVault) as exc:
        raise BackupDamaged(backup.name) from exc
    try:
        report = restored.check()
    except VaultCorrupt as exc:
        raise BackupDamaged(backup.name) from exc
    finally:
        restored.close()
    if not report.ok:
        raise BackupDamaged(f"{backup.name}: {'; '.join(report.problems[:3])}")


def _swap_in(staging: Path, target: VaultPaths) -> Path | None:
    target.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = InstanceLock(target)
    lock.acquire()
    try:
        kept: Path | None = None
        existing = [p for p in (target.db, target.keyfile) if p.exists()]
        if existing:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            kept = target.folder / f"replaced-{stamp}"
            kept.mkdir(mode=0o700)
            for suffix in ("", "-wal", "-shm"):
                side = target.db.with_name(target.db.name + suffix)
                if side.exists():
                    side.replace(kept / side.name)
            if target.keyfile.exists():
                target.keyfile.replace(kept / target.keyfile.name)
        (staging / KEY_NAME).replace(target.keyfile)
        (staging / DB_NAME).replace(target.db)
        with contextlib.suppress(FileNotFoundError):
            target.open_marker.unlink()
        fsync_folder(target.folder)
        return kept
    finally:
        lock.release()
