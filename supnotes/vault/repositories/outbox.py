"""The outbox to the organisation's hub, the hub's credentials and the hub log.

Only :mod:`supnotes.services.hub_send` and :mod:`supnotes.services.hub_connection`
use this. The outbox never copies a PDF: a row points at its sealed document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from supnotes.vault.connection import Connection, compose
from supnotes.vault.vault import Vault


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sealed document not yet queued: the newest revision of its output."""

    sealed_document_id: str
    record_id: str
    record_reference: str  # "SN-2026-0014", or "SN-2026-0014 addendum 2"
    output: str  # 'supervision-file' or 'child-record'
    child_ref: str | None
    is_addendum: bool
    sha256: str


@dataclass(frozen=True, slots=True)
class OutboxRow:
    deposit_id: str
    kind: str
    target: str
    record_reference: str
    is_addendum: bool
    sealed_document_id: str | None
    sent_at: str | None
    decision: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class StoredConnection:
    backend: str
    location: str
    login: str
    password: str
    ca_pem: bytes | None


_OUTBOX_COLUMNS = (
    "deposit_id, kind, target, record_reference, is_addendum, sealed_document_id, sent_at, "
    "decision, reason"
)


def _outbox(row: tuple[object, ...]) -> OutboxRow:
    return OutboxRow(
        deposit_id=str(row[0]),
        kind=str(row[1]),
        target=str(row[2]),
        record_reference=str(row[3]),
        is_addendum=bool(row[4]),
        sealed_document_id=None if row[5] is None else str(row[5]),
        sent_at=None if row[6] is None else str(row[6]),
        decision=None if row[7] is None else str(row[7]),
        reason=str(row[8]),
    )


class OutboxRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def candidates(self) -> list[Candidate]:
        """Newest revision of each sealed output, not yet queued (drafts are never sealed)."""
        rows = self._vault.query(
            "SELECT s.id, s.record_id, r.reference || CASE WHEN a.id IS NULL THEN '' "
            "ELSE ' addendum ' || (SELECT count(*) FROM addendum b WHERE b.record_id = "
            "a.record_id AND (b.added_on, b.id) <= (a.added_on, a.id)) END, s.output, "
            "s.child_ref, "
            "s.addendum_id IS NOT NULL, s.sha256 FROM sealed_document s "
            "JOIN record r ON r.id = s.record_id LEFT JOIN addendum a ON a.id = s.addendum_id "
            "WHERE s.revision = (SELECT max(t.revision) FROM sealed_document t "
            "WHERE t.record_id = s.record_id AND t.addendum_id IS s.addendum_id "
            "AND t.output = s.output AND t.child_ref IS s.child_ref) "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.sealed_document_id = s.id) "
            "ORDER BY s.created_at, s.id"
        )
        return [
            Candidate(
                sealed_document_id=str(r[0]),
                record_id=str(r[1]),
                record_reference=str(r[2]),
                output=str(r[3]),
                child_ref=None if r[4] is None else str(r[4]),
                is_addendum=bool(r[5]),
                sha256=str(r[6]),
            )
            for r in rows
        ]

    def workers_on(self, record_id: str) -> list[str]:
        """The names of the workers a record is about (its worker, or the group's attendees)."""
        rows = self._vault.query(
            "SELECT w.name FROM record r JOIN worker w ON w.id = r.worker_id WHERE r.id = ? "
            "UNION SELECT w.name FROM attendee a JOIN worker w ON w.id = a.worker_id "
            "WHERE a.record_id = ? ORDER BY 1",
            (record_id, record_id),
        )
        return [str(r[0]) for r in rows]

    def queue(self, rows: list[tuple[str, str, str, str, bool, str]]) -> int:
        """Queue (deposit id, kind, target, reference, is addendum, sealed document id) rows."""
        with self._vault.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT INTO outbox(deposit_id, kind, target, record_reference, is_addendum, "
                "sealed_document_id, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(deposit_id) DO NOTHING",
                [(*row[:4], int(row[4]), row[5], _now()) for row in rows],
            )
            return int(conn.total_changes - before)

    def queue_payload(
        self, deposit_id: str, kind: str, target: str, reference: str, payload: bytes
    ) -> bool:
        """Queue content that is not a sealed document (service figures, later handover)."""
        with self._vault.transaction() as conn:
            before = conn.total_changes
            conn.execute(
                "INSERT INTO outbox(deposit_id, kind, target, record_reference, is_addendum, "
                "payload, queued_at) VALUES (?, ?, ?, ?, 0, ?, ?) "
                "ON CONFLICT(deposit_id) DO NOTHING",
                (deposit_id, kind, target, reference, payload, _now()),
            )
            return bool(conn.total_changes - before)

    def waiting(self) -> list[OutboxRow]:
        return [
            _outbox(r)
            for r in self._vault.query(
                compose(
                    "SELECT {c} FROM outbox WHERE sent_at IS NULL ORDER BY queued_at, deposit_id",
                    c=_OUTBOX_COLUMNS,
                )
            )
        ]

    def all(self) -> list[OutboxRow]:
        return [
            _outbox(r)
            for r in self._vault.query(
                compose("SELECT {c} FROM outbox ORDER BY queued_at, deposit_id", c=_OUTBOX_COLUMNS)
            )
        ]

    def content(self, row: OutboxRow) -> bytes:
        if row.sealed_document_id is None:
            found = self._vault.query(
                "SELECT payload FROM outbox WHERE deposit_id = ?", (row.deposit_id,)
            )
        else:
            found = self._vault.query(
                "SELECT pdf FROM sealed_document WHERE id = ?", (row.sealed_document_id,)
            )
        value = found[0][0]
        assert isinstance(value, bytes | memoryview)
        return bytes(value)

    def mark_sent(self, deposit_id: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET sent_at = ? WHERE deposit_id = ? AND sent_at IS NULL",
                (_now(), deposit_id),
            )

    def record_decision(self, deposit_id: str, decision: str | None, reason: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET decision = ?, reason = ?, "
                "sent_at = coalesce(sent_at, ?) WHERE deposit_id = ?",
                (decision, reason, _now(), deposit_id),
            )

    # --- the hub's credentials and the log ---------------------------------
    def connection(self) -> StoredConnection | None:
        found = self._vault.query(
            "SELECT backend, location, login, password, ca_pem FROM hub_connection WHERE id = 1"
        )
        if not found:
            return None
        r = found[0]
        ca = r[4]
        assert ca is None or isinstance(ca, bytes | memoryview)
        return StoredConnection(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), None if ca is None else bytes(ca)
        )

    def set_connection(self, stored: StoredConnection, hub: str) -> None:
        """Store the hub; a different hub than before gets everything again (ids dedupe)."""
        with self._vault.transaction() as conn:
            before = conn.execute("SELECT backend, location FROM hub_connection").fetchall()
            if before and tuple(before[0]) != (stored.backend, stored.location):
                conn.execute("UPDATE outbox SET sent_at = NULL, decision = NULL, reason = ''")
            conn.execute(
                "INSERT INTO hub_connection(id, backend, location, login, password, ca_pem, "
                "set_at) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "backend = excluded.backend, location = excluded.location, "
                "login = excluded.login, password = excluded.password, "
                "ca_pem = excluded.ca_pem, set_at = excluded.set_at",
                (
                    stored.backend,
                    stored.location,
                    stored.login,
                    stored.password,
                    stored.ca_pem,
                    _now(),
                ),
            )
            _log(conn, "connect", hub, "")

    def forget_connection(self, hub: str) -> None:
        with self._vault.transaction() as conn:
            conn.execute("DELETE FROM hub_connection")
            _log(conn, "disconnect", hub, "")

    def log(self, what: str, hub: str, detail: str = "") -> None:
        with self._vault.transaction() as conn:
            _log(conn, what, hub, detail)

    def log_entries(self) -> list[tuple[str, str, str, str]]:
        return [
            (str(r[0]), str(r[1]), str(r[2]), str(r[3]))
            for r in self._vault.query("SELECT at, what, hub, detail FROM hub_log ORDER BY n")
        ]


def _log(conn: Connection, what: str, hub: str, detail: str) -> None:
    conn.execute(
        "INSERT INTO hub_log(at, what, hub, detail) VALUES (?, ?, ?, ?)",
        (_now(), what, hub, detail),
    )
