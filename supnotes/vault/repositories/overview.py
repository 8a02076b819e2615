"""The worker overview in a fixed number of queries, however big the vault.

Per-worker aggregates (last supervision held, open and overdue actions) come
from two queries over indexed columns, not one query per worker, and the
workers themselves as list rows (their latest caseload count, not their
history): on the 10-year bench vault (141 workers, 14,767 records) the whole
overview takes about 7 ms, off the UI thread (``tests.bench.measure workers``).
"""

from __future__ import annotations

from datetime import date

from supnotes.domain.standing import WorkerStanding, standing_of
from supnotes.vault.connection import compose
from supnotes.vault.repositories.held import last_held_by_worker
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

#: Open and overdue actions per worker. The records' ids and workers come from
#: the covering index ``record_worker_thread`` and the actions from the partial
#: index ``action_outstanding`` (migration 13), named because SQLite otherwise
#: picks ``action_status`` and reads every outstanding action's row and its
#: record's row: 24 ms instead of 3.5 on the 10-year bench vault.
_ACTIONS = compose(
    "SELECT r.worker_id, count(*), "
    "sum(coalesce(a.revised_due_on, a.due_on) < ?) "
    "FROM record r INDEXED BY record_worker_thread "
    "JOIN action a INDEXED BY action_outstanding ON a.raised_in = r.id "
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
            workers = WorkerRepository(self._vault).listed(include_left=include_left)
            rules = SettingsRepository(self._vault).stage_rules()
        # Supervision held is one rule (docs/supervision-held.md), the same in SQL.
        last = last_held_by_worker(self._vault, today)
        with self._vault.exclusive():
            counts: dict[str, tuple[int, int]] = {
                str(worker_id): (int(str(total)), int(str(overdue or 0)))
                for worker_id, total, overdue in self._vault.query(_ACTIONS, (today.isoformat(),))
            }
        standings = []
        for worker in workers:
            held, signed = last.get(worker.id, (None, None))
            standings.append(
                standing_of(
                    worker,
                    held,
                    counts.get(worker.id, (0, 0)),
                    today,
                    rules,
                    last_held_signed=held is None or held == signed,
                )
            )
        return standings
