"""Retention on the hub: years per kind, and audited deletion of what is past it.

The database decides what may go (hub migration 3): a deposit is deleted
only when it is past its kind's retention, counted from the hub's receipt
time, and only after its row in ``deletion_audit`` was written; its intake
decisions go with it. Every other row stays append-only. On PostgreSQL only
the admin role may set retention or delete.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supnotes.hub.address import Backend
from supnotes.hub.deposits import DepositKind
from supnotes.hub.errors import HubError
from supnotes.hub.store import HubStore, as_datetime, compose

RETAINED_KINDS = (
    DepositKind.SUPERVISION_FILE.value,  # deposits to HR files
    DepositKind.CHILD_EXTRACT.value,  # child inboxes
    DepositKind.FIGURES.value,  # service figures (per-worker: HR data)
)


@dataclass(frozen=True)
class PastRetention:
    id: str
    kind: str
    target: str
    record_reference: str
    received_at: datetime


@dataclass(frozen=True)
class Deletion:
    deposit_id: str
    kind: str
    target: str
    record_reference: str
    retention_years: int
    deleted_at: datetime
    deleted_by: str


def _past(store: HubStore) -> str:
    if store.backend is Backend.POSTGRESQL:
        return "d.received_at < now() - make_interval(years => r.years)"
    return "julianday(d.received_at) < julianday('now', '-' || r.years || ' years')"


def settings(store: HubStore) -> dict[str, int]:
    """Years per kind; a kind with no setting is kept for ever."""
    return {str(k): int(y) for k, y in store.rows("SELECT kind, years FROM retention_setting")}


def set_years(store: HubStore, kind: str, years: int) -> None:
    if kind not in RETAINED_KINDS:
        raise HubError(f"retention is set for one of: {', '.join(RETAINED_KINDS)}")
    if not 1 <= years <= 100:
        raise HubError("retention is a whole number of years from 1 to 100")
    store.rows(
        "INSERT INTO retention_setting(kind, years) VALUES (%s, %s) "
        "ON CONFLICT (kind) DO UPDATE SET years = excluded.years",
        (kind, years),
    )


def past_retention(store: HubStore) -> list[PastRetention]:
    """Deposits past their kind's retention, oldest first (nothing is deleted)."""
    return [
        PastRetention(str(r[0]), str(r[1]), str(r[2]), str(r[3]), as_datetime(r[4]))
        for r in store.rows(
            compose(
                "SELECT d.id, d.kind, d.target, d.record_reference, d.received_at "
                "FROM deposit d JOIN retention_setting r ON r.kind = d.kind "
                "WHERE {past} ORDER BY d.received_at, d.id",
                past=_past(store),
            )
        )
    ]


def delete_one(store: HubStore, deposit_id: str) -> None:
    """The audit row first, then the decisions, then the deposit: one transaction."""
    with store.transaction():
        store.rows("INSERT INTO deletion_audit(deposit_id) VALUES (%s)", (deposit_id,))
        store.rows("DELETE FROM intake_decision WHERE deposit_id = %s", (deposit_id,))
        store.rows("DELETE FROM deposit WHERE id = %s", (deposit_id,))


def apply(store: HubStore, *, dry_run: bool = False) -> list[PastRetention]:
    """Delete every deposit past retention (or only list them); what was (or would be) deleted."""
    due = past_retention(store)
    if not dry_run:
        for row in due:
            delete_one(store, row.id)
    return due


def deletions(store: HubStore) -> list[Deletion]:
    """The audit of deletions, oldest first."""
    return [
        Deletion(
            str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), as_datetime(r[5]), str(r[6])
        )
        for r in store.rows(
            "SELECT deposit_id, kind, target, record_reference, retention_years, deleted_at, "
            "deleted_by FROM deletion_audit ORDER BY n"
        )
    ]
