"""A record deleted for retention takes its outbox rows with it (nothing of it stays queued)."""

from __future__ import annotations

from datetime import UTC, datetime

from supnotes.services import retention
from supnotes.services.hub_send import queue_sealed
from supnotes.vault.repositories.outbox import OutboxRepository
from supnotes.vault.vault import Vault


def test_retention_deletion_empties_the_records_outbox_rows(sealed: Vault) -> None:
    assert queue_sealed(sealed) > 0
    (worker_id, reference) = sealed.query(
        "SELECT r.worker_id, r.reference FROM record r JOIN sealed_document s "
        "ON s.record_id = r.id WHERE r.worker_id IS NOT NULL LIMIT 1"
    )[0]
    rows = OutboxRepository(sealed).all()
    # Addenda are labelled "… addendum N" from 1; the records' own copies bare.
    assert {r.record_reference.partition(" addendum ")[2] for r in rows} == {"", "1"}
    assert all(r.is_addendum == ("addendum" in r.record_reference) for r in rows)
    assert [r for r in rows if r.record_reference == reference]
    with sealed.transaction() as conn:
        conn.execute("UPDATE worker SET leaving_date = '2019-01-31' WHERE id = ?", (worker_id,))
    due = retention.review(sealed)
    assert reference in {d.facts.reference for d in due}
    retention.delete(sealed, due, at=datetime(2026, 3, 20, 12, tzinfo=UTC))
    left = {r.record_reference.split(" addendum")[0] for r in OutboxRepository(sealed).all()}
    assert reference not in left
