"""The embedded SQLite hub: one file, no server, no roles (for trying the hub out)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from supnotes.hub.address import Backend, HubAddress
from supnotes.hub.deposits import Decision, NewDeposit, Signer
from supnotes.hub.errors import HubError, HubRefused, HubSchemaError
from supnotes.hub.schema_file import MIGRATIONS
from supnotes.hub.store import HubStore, Row


def _error(exc: sqlite3.Error, path: str) -> HubError:
    text = str(exc)
    if isinstance(exc, sqlite3.IntegrityError):
        return HubRefused(f"the hub refused it: {text}")
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in text:
        return HubSchemaError(f"{path} is not a SupNotes hub file")
    return HubError(f"the hub file {path} cannot be used ({text})")


class FileStore(HubStore):
    backend = Backend.FILE

    def __init__(self, address: HubAddress, *, create: bool) -> None:
        self.address = address
        path = Path(address.location)
        if not create and not path.is_file():
            raise HubSchemaError(f"{path}: no hub file here (IT makes one with 'hub init --file')")
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=10)
            self._conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise _error(exc, str(path)) from None
        self._depth = 0
        if not create:
            try:
                self._check_version()
            except HubError:
                self._conn.close()
                raise

    @property
    def has_roles(self) -> bool:
        return False

    def _check_version(self) -> None:
        found = self.version()
        latest = MIGRATIONS[-1].version
        if found == 0:
            raise HubSchemaError(f"{self.address.location} is not a SupNotes hub (run 'hub init')")
        if found > latest:
            raise HubSchemaError(
                f"the hub file is at version {found}, newer than this program knows ({latest})"
            )
        if found < latest:
            raise HubSchemaError(f"the hub file is at version {found}: IT runs 'hub init' again")

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        try:
            with self.transaction():
                cursor = self._conn.execute(sql.replace("%s", "?"), tuple(params))
                return [tuple(r) for r in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise _error(exc, self.address.location) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    def version(self) -> int:
        try:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise _error(exc, self.address.location) from None

    def initialise(self) -> int:
        try:
            for migration in MIGRATIONS:
                if migration.version <= self.version():
                    continue
                with self.transaction():
                    for statement in migration.statements:
                        self._conn.execute(statement)
                    self._conn.execute(f"PRAGMA user_version = {migration.version:d}")
        except sqlite3.Error as exc:
            raise _error(exc, self.address.location) from None
        return self.version()

    def close(self) -> None:
        self._conn.close()

    def _insert_deposit(self, deposit: NewDeposit, sender: str) -> bool:
        found = self.rows(
            "INSERT INTO deposit(id, kind, target, record_reference, is_addendum, sha256, "
            "content, sender) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT(id) DO NOTHING RETURNING id",
            (
                deposit.id,
                deposit.kind,
                deposit.target,
                deposit.record_reference,
                int(deposit.is_addendum),
                deposit.sha256,
                deposit.content,
                sender,
            ),
        )
        return bool(found)

    def _my_deposit_rows(self, sender: str) -> list[Row]:
        return self.rows(
            "SELECT d.id, d.kind, d.target, d.record_reference, d.received_at, i.decision, "
            "coalesce(i.reason, '') FROM deposit d "
            "LEFT JOIN current_decision i ON i.deposit_id = d.id WHERE d.sender = %s "
            "ORDER BY d.received_at",
            (sender,),
        )

    def _insert_signer(self, signer: Signer) -> bool:
        found = self.rows(
            "INSERT INTO signer(fingerprint, name, subject, role, der, registered_by) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT(fingerprint) DO NOTHING RETURNING 1",
            (
                signer.fingerprint,
                signer.name,
                signer.subject,
                signer.role,
                signer.der,
                signer.registered_by,
            ),
        )
        return bool(found)

    def _insert_decision(self, deposit_id: str, decision: Decision, reason: str) -> None:
        self.rows(
            "INSERT INTO intake_decision(deposit_id, decision, reason) VALUES (%s, %s, %s)",
            (deposit_id, decision.value, reason),
        )
