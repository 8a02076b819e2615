"""Encrypted backups: one file that a passphrase or recovery key opens.

A backup is a zip archive (stored, not compressed: its contents are already
encrypted) holding

- ``supnotes.db``: a consistent online copy (one committed moment) of the
  vault's database, encrypted with the vault's data key: the encrypted file
  copied as it is while held still, else page by page through SQLite's
  backup API, else (other cipher settings) ``sqlcipher_export``; every page
  checked either way (see :func:`_export_database`, docs/security.md);
- ``supnotes.key``: the key file as it was at that moment, so the backup opens
  with the passphrase of that day or the recovery key;
- ``manifest.json``: format, version, vault id, schema version, time (no
  record content).

Backups are written atomically. Rolling backups keep the newest *keep* files,
at most one per interval.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import zipfile
import zlib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import supnotes
from supnotes.vault.atomic import fsync_folder, raise_for_os_error
from supnotes.vault.connection import (
    Connection,
    DatabaseError,
    cipher_settings,
    classify,
    open_connection,
    open_page_copy,
    wal_has_frames,
)
from supnotes.vault.drive import free_bytes, megabytes
from supnotes.vault.errors import BackupInvalid, DiskFull, VaultCorrupt
from supnotes.vault.keyfile import KeyFile
from supnotes.vault.migrate import schema_version
from supnotes.vault.paths import VaultPaths
from supnotes.vault.staging import BACKUP_PREFIX, staging_folder

FORMAT = "supnotes-backup"
VERSION = 1
SUFFIX = ".snbackup"
DB_NAME = "supnotes.db"
KEY_NAME = "supnotes.key"
_MANIFEST = "manifest.json"
_AUTO_PREFIX = "auto-"
#: "Back up now" in the app: kept beside the automatic ones, never deleted by their rolling.
MANUAL_PREFIX = "manual-"


class OpenVault(Protocol):
    """What a backup needs of an open vault (:class:`supnotes.vault.vault.Vault`).

    Named here rather than imported, because the vault itself writes a backup
    before a migration: the vault module depends on this one, never the reverse.
    """

    @property
    def paths(self) -> VaultPaths: ...
    @property
    def data_key(self) -> bytes: ...
    @property
    def keyfile(self) -> KeyFile: ...
    @property
    def vault_id(self) -> str: ...
    @property
    def read_only(self) -> bool: ...
    def exclusive(self) -> AbstractContextManager[Connection]: ...
    def query(
        self, sql: str, params: tuple[object, ...] | dict[str, object] = ()
    ) -> list[tuple[object, ...]]: ...


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    vault_id: str
    schema_version: int
    created_at: str


def _export_database(vault: OpenVault, target: Path) -> int:
    """Copy the open vault's database, encrypted with the same key, to ``target``.

    Returns the schema version copied. Three ways, fastest first:

    - the encrypted file as it is, byte for byte, when the write-ahead log is
      empty and held so (:func:`_hold_still`) or, on a read-only vault, empty;
      then every page of the copy is checked (:func:`_check_every_page`);
    - page by page through SQLite's online backup API (:func:`_copy_pages`),
      when the log could not be emptied (another connection reading or
      writing at that instant) or holds a crashed session's writes on a
      read-only vault;
    - table by table with ``sqlcipher_export`` (:func:`_export_through`), only
      if a new database here would not get the vault's cipher settings.

    A writable vault is copied through a connection of the backup's own: the
    vault's shared connection is used by the UI thread without the lock. In
    WAL mode that reader never waits for the copy, nor the copy for it, and
    the copy is one read transaction: one committed moment.

    A vault opened read-only (a full or read-only drive) may hold its file in
    exclusive locking mode, so there the shared connection is read, holding
    the vault's lock; nothing else writes to it (the vault's lock, or a drive
    nothing can be written to). It only reads: the copy is written by a
    connection of its own, so ``query_only`` stays on.
    """
    db, key = vault.paths.db, vault.data_key
    if vault.read_only:
        with vault.exclusive() as conn:
            if not wal_has_frames(db):
                shutil.copyfile(db, target)
                return _check_every_page(target, key)
            return _copy_or_export(conn, vault, target)
    own = open_connection(db, key)
    try:
        if not _hold_still(own, db):
            return _copy_or_export(own, vault, target, snapshot=True)
        try:
            shutil.copyfile(db, target)
        finally:
            own.execute("ROLLBACK")
    finally:
        own.close()
    return _check_every_page(target, key)


def _hold_still(conn: Connection, db: Path) -> bool:
    """Fold the log into the file and start a read that keeps the file as it is.

    True when ``conn`` is then in a read transaction that reads the file
    alone: SQLite lets no checkpoint write into the file while such a reader
    lasts (it must first lock out readers of the file, WAL_READ_LOCK(0)), and
    writers only append to the log, so the file is one committed moment until
    the transaction ends. The log being empty once the read has begun proves
    the read needs no frame of it: a reader of frames keeps the log from
    being emptied until it ends. False, with no transaction open, when
    another connection's read or write kept the log from being folded in
    (``busy_timeout`` 0: nobody waits for the backup, which then copies page
    by page) or a commit came in between.
    """
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            (busy, _, _) = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.execute("PRAGMA busy_timeout = 2000")
        if busy:
            return False
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return False
    if wal_has_frames(db):
        conn.execute("ROLLBACK")
        return False
    return True


def _check_every_page(target: Path, data_key: bytes) -> int:
    """Check every page of a byte copy of the vault; its schema version.

    The copy is the vault's file as it is: its salt, its pages' IVs, its free
    pages (zeroed by ``secure_delete``) and its search index's layout; nothing
    is rebuilt or compacted. Every page's HMAC is checked on the copy
    (``cipher_integrity_check``), as reading each page did in the copies made
    before, so a damaged page fails the backup (an automatic backup never
    pushes a good one out with a damaged copy), and the copy is opened as a
    restore opens it, with the vault's key.
    """
    check = open_connection(target, data_key, read_only=True)
    try:
        damaged = [str(row[0]) for row in check.execute("PRAGMA cipher_integrity_check")]
        if damaged:
            raise VaultCorrupt("; ".join(damaged[:3]))
        return schema_version(check)
    except DatabaseError as exc:
        classify(exc, target)
    finally:
        check.close()


def _copy_or_export(
    conn: Connection, vault: OpenVault, target: Path, *, snapshot: bool = False
) -> int:
    try:
        copy = open_page_copy(target, vault.data_key)
        try:
            same = cipher_settings(copy) == cipher_settings(conn)
            if same:
                _copy_pages(conn, copy)
        finally:
            copy.close()
    except DatabaseError as exc:
        classify(exc, target)
    if not same:
        target.unlink()
        return _export_through(conn, vault, target, snapshot=snapshot)
    return _verified_version(target, vault.data_key)


def _copy_pages(source: Connection, copy: Connection) -> None:
    """Copy every page of ``source`` into the empty database ``copy``.

    SQLite's online backup API, in one step: the source is read in one read
    transaction (one committed moment, whatever another connection commits
    meanwhile in WAL mode), each page decrypted and encrypted again by the
    copy's connection, which has the same raw key and cipher settings but its
    own random salt and a fresh IV for every page. The header comes along, so
    the copy has the vault's ``user_version``. Free pages are copied as they
    are (zeroed: ``secure_delete``); nothing is rebuilt or compacted.

    SQLCipher supports the backup API only between databases with the same
    key and encryption settings, and does not itself refuse others (it writes
    a file that then does not open): the caller compares the settings first,
    and the copy is opened and read afterwards (:func:`_verified_version`).
    """
    source.backup(copy, pages=-1)


def _verified_version(target: Path, data_key: bytes) -> int:
    """Open the copy as a restore opens a vault, read it, and return its schema version."""
    check = open_connection(target, data_key, read_only=True)
    try:
        return schema_version(check)
    except DatabaseError as exc:
        classify(exc, target)
    finally:
        check.close()


def _export_through(
    conn: Connection, vault: OpenVault, target: Path, *, snapshot: bool = False
) -> int:
    """Export the vault table by table (``sqlcipher_export``) into ``target``.

    The fallback for a vault whose cipher settings a page copy would not keep:
    a logical copy that re-creates every table and index and re-inserts every
    row, many times slower than :func:`_copy_pages`. ``snapshot`` wraps it in
    one read transaction (a connection of the backup's own); on the vault's
    shared read-only connection ``query_only`` is lifted for the attached copy.
    """
    hex_key = vault.data_key.hex()
    try:
        version = schema_version(conn)
        if vault.read_only:
            conn.execute("PRAGMA query_only = OFF")
        conn.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), f"x'{hex_key}'"))
        try:
            if snapshot:
                conn.execute("BEGIN")
            conn.execute("SELECT sqlcipher_export('backup')").fetchone()
            # sqlcipher_export copies tables, not the header's user_version.
            conn.execute(f"PRAGMA backup.user_version = {version:d}")
            if snapshot:
                conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            with contextlib.suppress(DatabaseError):
                conn.execute("DETACH DATABASE backup")
            if vault.read_only:
                conn.execute("PRAGMA query_only = ON")
    except DatabaseError as exc:
        classify(exc, target)
    return version


def _check_room(vault: OpenVault, out: Path) -> None:
    """Refuse at once when the backup cannot fit, saying how much it needs."""
    (pages,) = vault.query("PRAGMA page_count")[0]
    (page_size,) = vault.query("PRAGMA page_size")[0]
    # The copy, then the archive made from it: both exist for a moment.
    need = 2 * int(str(pages)) * int(str(page_size))
    free = free_bytes(out.parent)
    if free is not None and free < need:
        raise DiskFull(
            f"{out}: the backup needs about {megabytes(need)}, {megabytes(free)} is free"
        )


def write_backup(vault: OpenVault, out: Path, *, create_folder: bool = True) -> BackupInfo:
    """Write an encrypted backup of ``vault`` to ``out`` atomically.

    ``out``'s folder is made if missing (the app's own backups folder);
    with ``create_folder=False`` (a path the user typed) it must exist, so a
    mistyped path is not silently made.

    Nothing but the finished file is ever left at ``out``: the work is done in
    a staging folder beside it, removed on failure, and one left by a killed
    run is removed by the next backup there.
    """
    out = out.resolve()
    try:
        if create_folder:
            out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not out.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(out.parent))
        _check_room(vault, out)
        with staging_folder(out.parent, BACKUP_PREFIX) as staging:
            db_copy = staging / DB_NAME
            version = _export_database(vault, db_copy)
            created = datetime.now(UTC).isoformat(timespec="seconds")
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "vault_id": vault.vault_id,
                "schema_version": version,
                "created_at": created,
                "app_version": supnotes.__version__,
            }
            partial = staging / "backup.zip"
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr(_MANIFEST, json.dumps(manifest, indent=2))
                archive.writestr(KEY_NAME, vault.keyfile.to_bytes())
                archive.write(db_copy, DB_NAME)
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            partial.chmod(0o600)
            partial.replace(out)
            fsync_folder(out.parent)
    except OSError as exc:
        raise_for_os_error(exc, out)
        raise
    return BackupInfo(out, vault.vault_id, version, created)


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a backup file; :class:`BackupInvalid` if it is not one."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            missing = sorted({DB_NAME, KEY_NAME, _MANIFEST} - names)
            if missing:
                raise BackupInvalid(f"{path.name} has no {' and no '.join(missing)} inside")
            manifest = json.loads(archive.read(_MANIFEST))
    except BackupInvalid:
        raise
    except Exception as exc:
        reason = unreadable_reason(exc)
        if reason is None:
            raise
        raise BackupInvalid(f"{path.name}: {reason}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupInvalid(f"{path.name} is not a SupNotes backup")
    if manifest.get("version") != VERSION:
        raise BackupInvalid(f"{path.name} is backup format {manifest.get('version')!r}")
    return manifest


#: Why a backup file could not be read, by the kind of error, first match wins.
_UNREADABLE: tuple[tuple[type[BaseException], str], ...] = (
    (FileNotFoundError, "there is no such file"),
    (IsADirectoryError, "this is a folder, not a backup file"),
    (PermissionError, "you do not have permission to read it"),
    (zipfile.BadZipFile, "it is not a backup archive, or it is cut short or damaged"),
    (EOFError, "it is not a backup archive, or it is cut short or damaged"),
    (zlib.error, "it is not a backup archive, or it is cut short or damaged"),
    (NotImplementedError, "it is not a backup archive, or it is cut short or damaged"),
    (ValueError, "its manifest cannot be read"),
)
#: A full or read-only drive is about where SupNotes writes, not about the file.
_ABOUT_THE_DRIVE = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}
CHECKSUM_WORDS = "its contents do not match their checksum, so it was damaged after it was made"


def unreadable_reason(exc: BaseException) -> str | None:
    """Why a backup file could not be read, in plain words; None if ``exc`` is not about that."""
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        return CHECKSUM_WORDS
    for kind, words in _UNREADABLE:
        if isinstance(exc, kind):
            return words
    if isinstance(exc, OSError) and exc.errno not in _ABOUT_THE_DRIVE:
        return f"it could not be read ({(exc.strerror or 'input/output error').lower()})"
    return None


def rolling_backup(
    vault: OpenVault,
    folder: Path | None = None,
    *,
    keep: int = 7,
    interval: timedelta = timedelta(days=1),
    now: datetime | None = None,
) -> Path | None:
    """Write an automatic backup if the newest is older than ``interval``.

    Keeps the newest ``keep`` automatic backups and deletes older ones.
    Returns the new backup's path, or ``None`` when none was due.
    """
    folder = folder or vault.paths.backups
    now = now or datetime.now(UTC)
    existing = list_automatic_backups(folder)
    if existing and now - _stamp_of(existing[-1]) < interval:
        return None
    path = folder / f"{_AUTO_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
    write_backup(vault, path)
    for old in list_automatic_backups(folder)[:-keep] if keep > 0 else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def manual_backup(
    vault: OpenVault, folder: Path | None = None, *, now: datetime | None = None
) -> Path:
    """Write a backup asked for now, named ``manual-<time>``: not an automatic one.

    It is not counted among the automatic backups, so it neither delays the
    next one nor pushes out one of the ``keep`` newest; nothing deletes it.
    """
    folder = folder or vault.paths.backups
    now = now or datetime.now(UTC)
    path = folder / f"{MANUAL_PREFIX}{now.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
    write_backup(vault, path)
    return path


def list_automatic_backups(folder: Path) -> list[Path]:
    """Automatic backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{_AUTO_PREFIX}*{SUFFIX}") if _stamp_or_none(p))


def _stamp_or_none(path: Path) -> datetime | None:
    text = path.name.removeprefix(_AUTO_PREFIX).removesuffix(SUFFIX)
    try:
        return datetime.strptime(text, "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _stamp_of(path: Path) -> datetime:
    stamp = _stamp_or_none(path)
    assert stamp is not None
    return stamp


def latest_backup(folder: Path) -> Path | None:
    """The newest backup file of any kind in ``folder`` (for 'restore from latest')."""
    if not folder.is_dir():
        return None
    candidates = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


def backup_keyfile(path: Path) -> KeyFile:
    """The key file inside a backup (to tell which passphrase it needs)."""
    read_manifest(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return KeyFile.from_bytes(archive.read(KEY_NAME))
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise BackupInvalid(str(exc)) from exc
