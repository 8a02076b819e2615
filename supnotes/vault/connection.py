"""Open a SQLCipher connection in the order the security design asks for.

Order: log level off, memory security off (a measured decision, see
docs/security.md), key (a raw 256-bit key, so SQLCipher
runs no second KDF), a verifying read, then WAL, ``synchronous=FULL``, foreign
keys, ``temp_store=MEMORY``, ``secure_delete``. Connections run in autocommit
mode; writes go through :func:`transaction`, one short explicit transaction
each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import sqlcipher3

from supnotes.vault.drive import nearly_full
from supnotes.vault.errors import (
    DiskFull,
    NotAVault,
    ReadOnlyLocation,
    VaultBusy,
    VaultCorrupt,
)

Connection = Any  # sqlcipher3 ships no type information
DatabaseError = sqlcipher3.DatabaseError
_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def _key_pragma(data_key: bytes) -> str:
    # The x'..' form tells SQLCipher this is a raw key, not a passphrase.
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def classify(exc: Exception, path: Path) -> NoReturn:
    """Re-raise a SQLite error as the :class:`VaultError` a user can act on.

    ``path`` is the file being read or written (the vault, or a backup being
    made on another drive). Errors that are bugs (bad SQL, constraint
    violations) are re-raised as they are, following qutebrowser's
    ``raise_sqlite_error``. Errors raised inside SQL functions such as
    ``sqlcipher_export`` reach Python as plain ``SQLITE_ERROR`` with the
    underlying message, so the message is read too.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        raise VaultCorrupt(str(exc)) from exc
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        raise DiskFull(str(path)) from exc
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")) or (
        "readonly database" in text or "unable to open database" in text
    ):
        if nearly_full(path):
            raise DiskFull(str(path)) from exc
        raise ReadOnlyLocation(str(path.parent)) from exc
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        raise VaultBusy(str(exc)) from exc
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        # Ask the drive: full, read-only, or gone (ejected, failing).
        if nearly_full(path):
            raise DiskFull(str(path)) from exc
        raise ReadOnlyLocation(str(path.parent)) from exc
    raise exc


def is_plain_sqlite(path: Path) -> bool:
    """True when ``path`` is an unencrypted SQLite file (never a SupNotes vault)."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == _PLAIN_SQLITE_HEADER
    except OSError:
        return False


def wal_has_frames(path: Path) -> bool:
    """True when the write-ahead log beside ``path`` holds anything."""
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _plain(path: Path) -> Connection:
    return sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)


def _uri(path: Path, query: str) -> Connection:
    uri = f"{path.resolve().as_uri()}?{query}"
    return sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _exclusive(path: Path) -> Connection:
    conn = _plain(path)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchone()
    return conn


def _read_only_ways(path: Path) -> list[Callable[[], Connection]]:
    """How to read the vault without writing beside it, best first.

    With nothing in the write-ahead log, the file is read as it is (immutable),
    creating nothing. With committed writes still in the log (an unclean
    close), the log must be read too: with its index kept in memory
    (exclusive locking, no -shm file needed: a full drive), or, on a read-only
    drive, from the -shm file the crashed program left, read-only.
    The caller holds the vault's instance lock, or the drive is read-only.
    """
    if not wal_has_frames(path):
        return [lambda: _uri(path, "immutable=1")]
    return [lambda: _exclusive(path), lambda: _uri(path, "mode=ro&readonly_shm=1")]


def _set_up(conn: Connection, data_key: bytes, *, read_only: bool) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")
    # Off on purpose: mlock/munlock on every SQLite allocation was half of a
    # search's time; the reasons are in docs/security.md ("Memory security").
    conn.execute("PRAGMA cipher_memory_security = OFF")
    conn.execute(_key_pragma(data_key))
    # The verifying read: fails here, not later, if the key or file is wrong.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA busy_timeout = 2000")


def open_connection(path: Path, data_key: bytes, *, read_only: bool = False) -> Connection:
    """Open (or create) the encrypted database at ``path`` with ``data_key``.

    ``read_only`` opens an existing vault without writing to its folder, so a
    vault on a full or read-only drive can still be read, checked and backed up.
    Writes through such a connection are refused (``query_only``).
    """
    if is_plain_sqlite(path):
        raise NotAVault(f"{path.name} is an unencrypted SQLite file")
    ways = _read_only_ways(path) if read_only else [lambda: _plain(path)]
    failure: Exception | None = None
    for connect in ways:
        try:
            conn = connect()
        except DatabaseError as exc:
            failure = exc
            continue
        try:
            _set_up(conn, data_key, read_only=read_only)
        except DatabaseError as exc:
            conn.close()
            failure = exc
            continue
        return conn
    assert failure is not None
    classify(failure, path)


def cipher_settings(conn: Connection) -> list[str]:
    """A keyed connection's SQLCipher settings (page size, KDF, HMAC) as PRAGMAs."""
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_settings").fetchall()]


def open_page_copy(path: Path, data_key: bytes) -> Connection:
    """A new database at ``path``, keyed like a vault, to receive a page copy.

    Keyed in the same order and with the same settings as
    :func:`open_connection`, so that SQLite's backup API copies pages into it
    (SQLCipher supports that only between databases with the same settings).
    Not synced (``synchronous=OFF``): what is made from it is synced instead.
    """
    conn = _plain(path)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = OFF")
        conn.execute(_key_pragma(data_key))
        conn.execute("PRAGMA synchronous = OFF")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: Connection, path: Path) -> Iterator[Connection]:
    """One explicit write transaction; rolled back on any error.

    ``BEGIN IMMEDIATE`` takes the write lock at the start, so a busy vault
    fails before any work is done rather than at commit.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DatabaseError as exc:
        classify(exc, path)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, DatabaseError) and not isinstance(exc, sqlcipher3.IntegrityError):
            classify(exc, path)
        raise


def compose(template: str, /, **parts: object) -> str:
    """Fill constant identifiers (table names, column lists, placeholders) into SQL.

    Only names written in the code go in here; values always travel as
    parameters. Keeping the one place where SQL text is assembled explicit
    makes that easy to check.
    """
    return template.format(**parts)
