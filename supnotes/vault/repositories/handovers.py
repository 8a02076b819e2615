"""Workers handed over to another supervisor (migration 12): when, and to whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class HandoverMark:
    worker_id: str
    on: date
    to_fingerprint: str
    to_name: str = ""

    @property
    def to(self) -> str:
        """Whom it went to, in words: the name if given, else the key's fingerprint."""
        return self.to_name or self.to_fingerprint


class HandoverRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def mark(self, mark: HandoverMark) -> None:
        """Record (or replace: the latest counts) a worker's handover."""
        with self._vault.transaction() as conn:
            conn.execute(
                "INSERT INTO worker_handover(worker_id, handed_over_on, to_fingerprint, to_name) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(worker_id) DO UPDATE SET "
                "handed_over_on = excluded.handed_over_on, "
                "to_fingerprint = excluded.to_fingerprint, to_name = excluded.to_name",
                (mark.worker_id, mark.on.isoformat(), mark.to_fingerprint, mark.to_name),
            )

    def clear(self, worker_id: str) -> bool:
        """The worker is back (a handover of them was received here); True if marked."""
        with self._vault.transaction() as conn:
            gone = conn.execute("DELETE FROM worker_handover WHERE worker_id = ?", (worker_id,))
            return bool(gone.rowcount)

    def get(self, worker_id: str) -> HandoverMark | None:
        rows = self._vault.query(
            "SELECT worker_id, handed_over_on, to_fingerprint, to_name FROM worker_handover "
            "WHERE worker_id = ?",
            (worker_id,),
        )
        return _mark(rows[0]) if rows else None

    def all(self) -> list[HandoverMark]:
        rows = self._vault.query(
            "SELECT worker_id, handed_over_on, to_fingerprint, to_name FROM worker_handover "
            "ORDER BY handed_over_on, worker_id"
        )
        return [_mark(r) for r in rows]


def _mark(row: tuple[object, ...]) -> HandoverMark:
    return HandoverMark(str(row[0]), date.fromisoformat(str(row[1])), str(row[2]), str(row[3]))
