"""The worker overview in a fixed number of queries, however big the vault.

Per-worker aggregates (last one-to-one held, open and overdue actions) come
from two queries over indexed columns, not one query per worker: on a
10-year vault (60 workers, 15,000 records) the whole overview takes about
50 ms, off the UI thread (``tests/bench/bench_worker_list.py``).
"""

from __future__ import annotations

from datetime import date

from supnotes.domain.ids import parse_date
from supnotes.domain.records import RecordKind
from supnotes.domain.standing import WorkerStanding, standing_of
from supnotes.vault.connection import compose
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

# Walks each worker's (worker_id, held_on) index backwards and stops at the
# first one-to-one: a few rows per worker instead of every record.
_LAST_HELD = (
    "SELECT w.id, (SELECT r.held_on FROM record r WHERE r.worker_id = w.id "
    "AND r.held_on <= ? AND r.kind = ? ORDER BY r.held_on DESC LIMIT 1) FROM worker w"
)
_ACTIONS = compose(
    "SELECT r.worker_id, count(*), "
    "sum(coalesce(a.revised_due_on, a.due_on) < ?) "
    "FROM action a JOIN record r ON r.id = a.raised_in "
    "WHERE {outstanding} AND r.worker_id IS NOT NULL "
    "GROUP BY r.worker_id",
    outstanding=OUTSTANDING_ACTION,
)


class OverviewRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def standings(self, today: date, *, include_left: bool = True) -> list[WorkerStanding]:
        """Every worker (or those still in post) with their schedule and action counts."""
        with self._vault.exclusive():
            workers = WorkerRepository(self._vault).all(include_left=include_left)
            rules = SettingsRepository(self._vault).stage_rules()
            last: dict[str, date | None] = {
                str(worker_id): parse_date(None if held is None else str(held))
                for worker_id, held in self._vault.query(
                    _LAST_HELD, (today.isoformat(), str(RecordKind.ONE_TO_ONE))
                )
            }
            counts: dict[str, tuple[int, int]] = {
                str(worker_id): (int(str(total)), int(str(overdue or 0)))
                for worker_id, total, overdue in self._vault.query(_ACTIONS, (today.isoformat(),))
            }
        return [
            standing_of(
                worker,
                last.get(worker.id),
                counts.get(worker.id, (0, 0)),
                today,
                rules,
            )
            for worker in workers
        ]
