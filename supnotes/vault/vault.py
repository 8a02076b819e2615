"""The vault: create, unlock, check, change passphrase, close.

A :class:`Vault` is an open, unlocked vault. It holds the instance lock and
one SQLCipher connection until :meth:`Vault.close`, which also drops the key.
Repositories take a vault and use :meth:`Vault.transaction` for their writes.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import supnotes
from supnotes.domain import passphrases
from supnotes.vault import instance, kdf
from supnotes.vault.atomic import raise_for_os_error
from supnotes.vault.connection import (
    Connection,
    DatabaseError,
    classify,
    compose,
    is_plain_sqlite,
    open_connection,
    transaction,
)
from supnotes.vault.errors import (
    OPENED_READ_ONLY_ADVICE,
    DiskFull,
    KeyFileMissing,
    KeyFileTampered,
    NotAVault,
    ReadOnlyLocation,
    VaultCorrupt,
    VaultError,
    VaultExists,
    VaultNotFound,
    VaultUnfinished,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from supnotes.vault.kdf import Argon2Params
from supnotes.vault.keyfile import ESCROW, KeyFile, new_data_key, new_vault_id
from supnotes.vault.machine_defaults import machine_defaults
from supnotes.vault.paths import VaultPaths
from supnotes.vault.throttle import UnlockThrottle

if TYPE_CHECKING:
    from supnotes.vault.escrow import EscrowPrivateKey, EscrowPublicKey

MIN_PASSPHRASE_LENGTH = passphrases.MIN_LENGTH


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse a new passphrase the rule refuses (the meter shows the same judgement)."""
    reason = passphrases.refusal(passphrase)
    if reason is not None:
        raise WeakPassphrase(reason)


@dataclass
class CheckReport:
    """What ``check`` found; ``ok`` when nothing."""

    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Unlock:
    """How to unlock: exactly one of a passphrase, a typed recovery key or the
    organisation's escrow private key (``supnotes escrow-unlock``)."""

    passphrase: str | None = None
    recovery_key: str | None = None
    escrow_key: EscrowPrivateKey | None = None

    def data_key(self, keyfile: KeyFile) -> bytes:
        from supnotes.vault.recovery import parse_recovery_key

        if self.passphrase is not None:
            return keyfile.unlock_with_passphrase(self.passphrase)
        if self.recovery_key is not None:
            return keyfile.unlock_with_recovery(parse_recovery_key(self.recovery_key))
        if self.escrow_key is not None:
            return keyfile.unlock_with_escrow(self.escrow_key)
        raise ValueError("an unlock needs a passphrase, a recovery key or an escrow key")


class Vault:
    """An open, unlocked vault."""

    def __init__(
        self,
        paths: VaultPaths,
        conn: Connection,
        keyfile: KeyFile,
        data_key: bytes,
        lock: instance.InstanceLock,
        *,
        recovered_from_crash: bool = False,
        read_only: VaultError | None = None,
    ) -> None:
        self.paths = paths
        self._conn: Connection | None = conn
        self._keyfile = keyfile
        self._data_key: bytes | None = data_key
        self._lock = lock
        self._write_lock = threading.RLock()
        self._transaction_open = False  # read and written only with _write_lock held
        self.recovered_from_crash = recovered_from_crash
        #: Why nothing can be written (None when the vault is writable).
        self.read_only_reason = read_only
        self._session: dict[str, object] = {}

    # -- creating and opening -------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        passphrase: str,
        *,
        kdf_params: Argon2Params | None = None,
        fill: Callable[[Vault], object] | None = None,
    ) -> tuple[Vault, str]:
        """Create a vault in a new or empty ``folder``.

        Returns the open vault and its recovery key, which exists nowhere else
        and must be shown to the supervisor once. ``fill(vault)`` runs before
        the vault counts as created (the signing identity, demo records).

        A creation that fails removes everything it made (and the folder, if it
        made it). One that is killed leaves a ``supnotes.creating`` marker: the
        half-made vault is refused when opened, and cleared by the next
        creation in the same folder.
        """
        from supnotes.vault.migrate import migrate

        check_passphrase_strength(passphrase)
        paths = VaultPaths(folder)
        unfinished = instance.unfinished_files(paths) if folder.is_dir() else None
        if (
            folder.exists()
            and unfinished is None
            and (not folder.is_dir() or any(folder.iterdir()))
        ):
            raise VaultExists(str(folder))
        params = kdf_params or kdf.calibrate()
        made_folder = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise_for_os_error(exc, folder)
            raise
        lock = instance.InstanceLock(paths)
        try:
            lock.acquire()
        except BaseException:
            # Another SupNotes may be creating a vault here: touch none of its files.
            if made_folder:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        conn: Connection | None = None
        try:
            if unfinished:
                instance.remove_files([p for p in unfinished if p != paths.lock])
            instance.start_creating(paths)
            instance.folder_writable(paths)
            keyfile, data_key, recovery_key = _new_keys(passphrase, params)
            keyfile.save(paths.keyfile)
            _create_private_file(paths.db)
            conn = open_connection(paths.db, data_key)
            migrate(conn, paths)
            with transaction(conn, paths.db):
                now = _now()
                conn.executemany(
                    "INSERT INTO meta(key, value) VALUES (?, ?)",
                    [
                        ("vault_id", keyfile.vault_id),
                        ("created_at", now),
                        ("created_by", supnotes.__version__),
                    ],
                )
                # The organisation's machine-wide defaults travel with the vault.
                conn.executemany(
                    "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?)",
                    [
                        (key, json.dumps(value), now)
                        for key, value in machine_defaults().settings.items()
                    ],
                )
            instance.mark_open(paths)
            vault = cls(paths, conn, keyfile, data_key, lock)
            if fill is not None:
                fill(vault)
            instance.finish_creating(paths)
        except BaseException as exc:
            if conn is not None:
                with contextlib.suppress(DatabaseError):
                    conn.close()
            _discard_creation(paths, lock, made_folder)
            if isinstance(exc, DiskFull):
                # Name the vault's folder, not a file inside it that is gone now.
                raise DiskFull(str(folder)) from exc
            raise
        return vault, recovery_key

    @classmethod
    def open(
        cls,
        folder: Path,
        unlock: Unlock,
        *,
        throttle: UnlockThrottle | None = None,
        read_only: bool = False,
    ) -> Vault:
        """Unlock and open the vault in ``folder``, migrating it if it is older.

        ``read_only`` opens it without writing to its folder, on any schema
        version (for check and backup): this works on a full or read-only
        drive. A writable open of a vault whose drive is full falls back to
        read-only (see :attr:`read_only_reason`), so it can still be read and
        backed up to another drive.
        """
        paths = VaultPaths(folder)
        cls._check_present(paths)
        lock = instance.InstanceLock(paths)
        full: DiskFull | None = None
        try:
            lock.acquire()
        except ReadOnlyLocation:
            # Nothing can be written there, so nobody can be changing the vault.
            if not read_only:
                raise
        except DiskFull as exc:
            full = exc
        try:
            throttle = throttle or UnlockThrottle(paths.attempts)
            keyfile, data_key = cls._unlock(paths, unlock, throttle)
            crashed = instance.previous_session_crashed(paths)
            if not read_only and full is None:
                try:
                    return cls._open_writable(
                        paths, keyfile, data_key, lock, crashed, passphrase=unlock.passphrase
                    )
                except DiskFull as exc:
                    full = exc
            reason: VaultError = (
                VaultError("it was opened read-only")
                if full is None
                else DiskFull(full.detail, advice=OPENED_READ_ONLY_ADVICE)
            )
            return cls._open_read_only(
                paths,
                keyfile,
                data_key,
                lock,
                crashed=crashed,
                reason=reason,
                must_be_current=not read_only,
            )
        except BaseException:
            if lock.held:
                lock.release()
            raise

    @staticmethod
    def _check_present(paths: VaultPaths) -> None:
        if not paths.folder.is_dir():
            if paths.folder.exists():
                raise NotAVault(f"{paths.folder} is a file, not a vault folder")
            raise VaultNotFound(str(paths.folder))
        if paths.creating.exists():
            raise VaultUnfinished(str(paths.folder))
        if not paths.db.exists():
            if paths.keyfile.exists():
                raise VaultCorrupt("the vault file supnotes.db is missing")
            raise NotAVault(f"{paths.folder} has no supnotes.db")
        if is_plain_sqlite(paths.db):
            raise NotAVault("supnotes.db is an unencrypted SQLite file")
        if not paths.keyfile.exists():
            raise KeyFileMissing(str(paths.keyfile))

    @staticmethod
    def _unlock(
        paths: VaultPaths, unlock: Unlock, throttle: UnlockThrottle
    ) -> tuple[KeyFile, bytes]:
        keyfile = KeyFile.load(paths.keyfile)
        throttle.check()
        try:
            data_key = unlock.data_key(keyfile)
        except (WrongPassphrase, WrongRecoveryKey):
            throttle.failed()
            raise
        throttle.succeeded()
        return keyfile, data_key

    @classmethod
    def _open_writable(
        cls,
        paths: VaultPaths,
        keyfile: KeyFile,
        data_key: bytes,
        lock: instance.InstanceLock,
        crashed: bool,
        *,
        passphrase: str | None,
    ) -> Vault:
        from supnotes.vault.migrate import check_not_newer, migrate

        instance.folder_writable(paths)
        instance.remove_leftovers(paths)
        conn = open_connection(paths.db, data_key)
        try:
            check_not_newer(conn)
            cls._check_identity(conn, keyfile)
            if crashed:
                report = _quick_report(conn, paths)
                if not report.ok:
                    raise VaultCorrupt("; ".join(report.problems[:3]))
            vault = cls(paths, conn, keyfile, data_key, lock, recovered_from_crash=crashed)
            migrate(conn, paths, copy_first=vault._copy_before_migration)
            # A slot made before passphrases were normalised is rewritten in
            # NFC once it has opened (docs/security.md); a read-only open cannot.
            if passphrase is not None and not keyfile.passphrase_is_normalised:
                vault._renormalise_passphrase(passphrase)
            instance.mark_open(paths)
        except DatabaseError as exc:
            conn.close()
            classify(exc, paths.db)
        except BaseException:
            conn.close()
            raise
        return vault

    @classmethod
    def _open_read_only(
        cls,
        paths: VaultPaths,
        keyfile: KeyFile,
        data_key: bytes,
        lock: instance.InstanceLock,
        *,
        crashed: bool,
        reason: VaultError,
        must_be_current: bool,
    ) -> Vault:
        from supnotes.vault.migrate import check_not_newer
        from supnotes.vault.migrations import latest_version

        if lock.held:
            _drop_empty_log(paths)
        conn = open_connection(paths.db, data_key, read_only=True)
        try:
            version = check_not_newer(conn)
            cls._check_identity(conn, keyfile)
            if crashed:
                report = _quick_report(conn, paths)
                if not report.ok:
                    raise VaultCorrupt("; ".join(report.problems[:3]))
            if must_be_current and version < latest_version():
                raise DiskFull(
                    reason.detail,
                    advice="This vault must be updated for this version of SupNotes, which "
                    "needs free space on its drive. Free some; meanwhile it can still be "
                    "backed up to another drive ('supnotes backup --out').",
                )
        except DatabaseError as exc:
            conn.close()
            classify(exc, paths.db)
        except BaseException:
            conn.close()
            raise
        return cls(
            paths, conn, keyfile, data_key, lock, recovered_from_crash=crashed, read_only=reason
        )

    @staticmethod
    def _check_identity(conn: Connection, keyfile: KeyFile) -> None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        except DatabaseError as exc:
            if "no such table" in str(exc):
                # An empty database beside a key file: creation never finished.
                raise VaultUnfinished("the database has no SupNotes tables") from exc
            raise
        if row is None:
            raise VaultUnfinished("the database holds no vault id")
        if row[0] != keyfile.vault_id:
            raise KeyFileTampered("it belongs to a different vault")

    def _copy_before_migration(self, version: int) -> None:
        from supnotes.vault.backup import write_backup

        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        write_backup(self, self.paths.backups / f"before-migration-v{version}-{stamp}.snbackup")

    # -- using ----------------------------------------------------------------

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultError("the vault is locked")
        return self._conn

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise VaultError("the vault is locked")
        return self._data_key

    @property
    def keyfile(self) -> KeyFile:
        return self._keyfile

    @property
    def vault_id(self) -> str:
        return self._keyfile.vault_id

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def session(self) -> dict[str, object]:
        """Things derived from the key for this unlocked session, emptied on close.

        For what is costly to derive again and as secret as the key itself
        (the loaded signing identity): it lives exactly as long as the key.
        Also what is costly to read again and never changes while open (the
        titles of the stored template versions, parsed once).
        """
        if self._conn is None:
            raise VaultError("the vault is locked")
        return self._session

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One short write transaction (see :func:`connection.transaction`).

        The vault has one connection, used from the UI thread and from
        background work (autosave, sealing, backups). Transactions are
        serialised by a lock so two threads never interleave BEGIN/COMMIT on
        it; use :meth:`exclusive` around reads that must not see another
        thread's half-done transaction.

        A transaction opened inside another on the same thread joins it: both
        commit together or neither does (autosave stores a new record and its
        first words this way, so a crash cannot leave the record empty).
        """
        self.refuse_if_read_only()
        with self._write_lock:
            if self._transaction_open:
                yield self.conn
                return
            self._transaction_open = True
            try:
                with transaction(self.conn, self.paths.db) as conn:
                    yield conn
            finally:
                self._transaction_open = False

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def refuse_if_read_only(self) -> None:
        """Raise why nothing can be written, if the vault was opened read-only."""
        reason = self.read_only_reason
        if reason is not None:
            raise type(reason)(reason.detail, advice=reason.advice)

    @contextmanager
    def exclusive(self) -> Iterator[Connection]:
        """The connection, with no other thread's transaction in progress."""
        with self._write_lock:
            yield self.conn

    def query(
        self, sql: str, params: tuple[object, ...] | dict[str, object] = ()
    ) -> list[tuple[object, ...]]:
        """Run a read query, turning environment errors into :class:`VaultError`."""
        try:
            return list(self.conn.execute(sql, params).fetchall())
        except DatabaseError as exc:
            classify(exc, self.paths.db)

    # -- keys -----------------------------------------------------------------

    def change_passphrase(
        self, new_passphrase: str, *, kdf_params: Argon2Params | None = None
    ) -> None:
        """Rewrite the passphrase slot (atomically); the data key stays."""
        check_passphrase_strength(new_passphrase)
        self.refuse_if_read_only()
        params = kdf_params or kdf.calibrate()
        slot = self._keyfile.passphrase_slot(new_passphrase, params, self.data_key)
        updated = self._keyfile.with_slot(slot).sealed(self.data_key)
        updated.save(self.paths.keyfile)
        self._keyfile = updated

    def _renormalise_passphrase(self, passphrase: str) -> None:
        """Rewrite a slot from before NFC normalisation, now that ``passphrase`` opened it.

        Best effort: on a read-only or full disk the old slot stays, still
        opening with either form, and the rewrite is tried at the next unlock.
        """
        updated = self._keyfile.renormalised(passphrase, self.data_key)
        try:
            updated.save(self.paths.keyfile)
        except (OSError, VaultError):
            return
        self._keyfile = updated

    def new_recovery_key(self) -> str:
        """Replace the recovery slot; the old recovery key stops working."""
        from supnotes.vault.recovery import (
            format_recovery_key,
            generate_recovery_key,
            parse_recovery_key,
        )

        self.refuse_if_read_only()
        recovery_key = generate_recovery_key()
        slot = self._keyfile.recovery_slot(parse_recovery_key(recovery_key), self.data_key)
        updated = self._keyfile.with_slot(slot).sealed(self.data_key)
        updated.save(self.paths.keyfile)
        self._keyfile = updated
        return format_recovery_key(parse_recovery_key(recovery_key))

    def add_escrow_slot(self, public_key: EscrowPublicKey) -> None:
        """Wrap the data key to the organisation's public key (replacing any escrow slot).

        One atomic rewrite of the key file and its MAC; on failure the old file stays.
        """
        self.refuse_if_read_only()
        slot = self._keyfile.escrow_slot(public_key, self.data_key, _now())
        updated = self._keyfile.with_slot(slot).sealed(self.data_key)
        updated.save(self.paths.keyfile)
        self._keyfile = updated

    def remove_escrow_slot(self) -> None:
        """Drop the escrow slot (one atomic rewrite of the key file and its MAC)."""
        self.refuse_if_read_only()
        updated = self._keyfile.without_slot(ESCROW).sealed(self.data_key)
        updated.save(self.paths.keyfile)
        self._keyfile = updated

    # -- checking and closing ---------------------------------------------------

    def check(self) -> CheckReport:
        """Key file, page HMACs, structure and foreign keys."""
        report = CheckReport()
        try:
            KeyFile.load(self.paths.keyfile).verify(self.data_key)
        except VaultError as exc:
            report.problems.append(f"key file: {exc.one_line()}")
        report.problems.extend(_integrity_report(self.conn, self.paths).problems)
        return report

    def check_on_own_connection(self, stop: Callable[[], bool] = lambda: False) -> CheckReport:
        """:meth:`check` through a connection of its own, for a worker thread.

        In WAL mode the app's reads and writes on the shared connection neither
        wait for this check nor make it fail. ``stop`` is polled as it runs;
        when it answers True (the vault is locking) the check ends early with
        :class:`VaultError`. A vault opened read-only is checked through its
        shared connection, holding the vault's lock.
        """
        if self.read_only:
            with self.exclusive():
                return self.check()
        conn = open_connection(self.paths.db, self.data_key)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.set_progress_handler(lambda: 1 if stop() else 0, 1_000)
            report = CheckReport()
            try:
                KeyFile.load(self.paths.keyfile).verify(self.data_key)
            except VaultError as exc:
                report.problems.append(f"key file: {exc.one_line()}")
            report.problems.extend(_integrity_report(conn, self.paths).problems)
        except DatabaseError as exc:
            if stop():
                raise VaultError("the check was stopped: the vault locked") from exc
            raise
        finally:
            conn.close()
        return report

    def close(self) -> None:
        """Close the connection, drop the key and release the lock (idempotent)."""
        if self._conn is not None:
            if not self.read_only:
                with contextlib.suppress(DatabaseError):
                    # Fold the WAL back so the folder holds one file at rest.
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()
            self._conn = None
            if not self.read_only:
                instance.mark_closed(self.paths)
        self._session.clear()
        self._data_key = None
        if self._lock.held:
            self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _integrity_report(conn: Connection, paths: VaultPaths) -> CheckReport:
    report = CheckReport()
    try:
        for (problem,) in conn.execute("PRAGMA cipher_integrity_check").fetchall():
            report.problems.append(f"encryption: {problem}")
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        report.problems.extend(f"structure: {r[0]}" for r in rows if r[0] != "ok")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
            report.problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
    except DatabaseError as exc:
        try:
            classify(exc, paths.db)
        except VaultCorrupt as corrupt:
            report.problems.append(f"structure: {corrupt.detail}")
    return report


#: Tables that grow with the records. After an unclean exit they are checked in
#: the background (:meth:`Vault.check_on_own_connection`), not before the window
#: opens: on a 10-year vault checking them took 10 s, on a 30-year one 30 s.
_GROWING_TABLES = frozenset(
    {
        "record", "answer", "case_discussion", "decision", "attendee", "action",
        "action_review", "addendum", "addendum_child", "sealed_document",
    }
)  # fmt: skip


def _quick_report(conn: Connection, paths: VaultPaths) -> CheckReport:
    """What must be sound before the window opens after an unclean exit.

    The verifying read has already read the schema through SQLCipher (every
    page's HMAC checked), and SQLite's recovery has dropped any torn or
    uncommitted frame at the end of the write-ahead log by its checksums.
    Here every table that does not grow with the records (settings, workers,
    templates, the signing identity, the search backlog...) gets SQLite's
    ``quick_check``: the structure of each of their pages. The record tables
    and the full-text index are left to the full check in the background;
    any page read meanwhile is still HMAC-checked and refused if damaged.
    """
    report = CheckReport()
    try:
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'record_fts%'"
            ).fetchall()
        ]
        for name in names:
            if name in _GROWING_TABLES:
                continue
            quoted = "'" + name.replace("'", "''") + "'"
            rows = conn.execute(compose("PRAGMA quick_check({table})", table=quoted)).fetchall()
            report.problems.extend(f"structure: {r[0]}" for r in rows if r[0] != "ok")
    except DatabaseError as exc:
        try:
            classify(exc, paths.db)
        except VaultCorrupt as corrupt:
            report.problems.append(f"structure: {corrupt.detail}")
    return report


def _new_keys(passphrase: str, params: Argon2Params) -> tuple[KeyFile, bytes, str]:
    """A new vault's key file, data key and recovery key."""
    from supnotes.vault.recovery import generate_recovery_key, parse_recovery_key

    data_key = new_data_key()
    recovery_key = generate_recovery_key()
    keyfile = KeyFile(new_vault_id())
    keyfile = keyfile.with_slot(keyfile.passphrase_slot(passphrase, params, data_key))
    keyfile = keyfile.with_slot(keyfile.recovery_slot(parse_recovery_key(recovery_key), data_key))
    return keyfile.sealed(data_key), data_key, recovery_key


def _discard_creation(paths: VaultPaths, lock: instance.InstanceLock, made_folder: bool) -> None:
    """Remove what a failed creation made, so a retry starts from a clean folder."""
    if lock.held:
        lock.release()
    instance.remove_files(
        [p for p in paths.folder.iterdir() if paths.made_by_creation(p.name)]
        if paths.folder.is_dir()
        else []
    )
    if made_folder:
        with contextlib.suppress(OSError):
            paths.folder.rmdir()


def _drop_empty_log(paths: VaultPaths) -> None:
    """Remove an empty WAL and its index (left by a failed open on a full drive).

    Only while holding the instance lock: no connection can be using them, and
    an empty log holds nothing.
    """
    wal = paths.db.with_name(paths.db.name + "-wal")
    with contextlib.suppress(OSError):
        if wal.exists() and wal.stat().st_size > 0:
            return
        wal.unlink(missing_ok=True)
        paths.db.with_name(paths.db.name + "-shm").unlink(missing_ok=True)


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (SQLite keeps the mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise_for_os_error(exc, path)
        raise


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def vault_exists(folder: Path) -> bool:
    """True when ``folder`` holds a vault (not one whose creation never finished)."""
    paths = VaultPaths(folder)
    return paths.db.exists() and not paths.creating.exists()
