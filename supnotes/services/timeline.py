"""Every worker's timeline over a period, from the vault (the overview's data).

Besides sessions and due dates, each line carries the worker's open actions
(outstanding, with text; the revised due date if carried forward) and the
review date of their latest supervision agreement (none once they have a
leaving date), counted as the overdue
list counts them (services/overdue.py). Actions raised in group sessions have
no one worker, so they are in the overdue list, not on a worker's line.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from supnotes.domain.compliance import GRACE_SETTING, Period
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.schedule import rule_for
from supnotes.domain.timeline import (
    DatedMark,
    SessionMark,
    WorkerTimeline,
    dated_marks,
    worker_timeline,
)
from supnotes.services.overdue import _AGREEMENTS, AGREEMENT_REVIEW_KEY, _review_date
from supnotes.vault.connection import compose
from supnotes.vault.repositories.held import held_record_ids
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

_MARKS = compose(
    "SELECT r.id, r.worker_id, r.kind, r.held_on, r.status FROM record r "
    "WHERE r.worker_id IS NOT NULL AND r.kind IN ('{one}', '{adhoc}') AND r.held_on <= :today "
    "UNION SELECT r.id, g.worker_id, r.kind, r.held_on, r.status "
    "FROM attendee g JOIN record r ON r.id = g.record_id "
    "WHERE r.kind = '{group}' AND g.worker_id IS NOT NULL AND r.held_on <= :today",
    one=RecordKind.ONE_TO_ONE.value,
    adhoc=RecordKind.AD_HOC.value,
    group=RecordKind.GROUP.value,
)

_OPEN_ACTIONS = compose(
    "SELECT r.worker_id, coalesce(a.revised_due_on, a.due_on) "
    "FROM action a JOIN record r ON r.id = a.raised_in "
    "WHERE {outstanding} AND r.worker_id IS NOT NULL",
    outstanding=OUTSTANDING_ACTION,
)


def timelines(vault: Vault, period: Period, today: date | None = None) -> list[WorkerTimeline]:
    """Each worker in post during ``period`` (by name) with their marks, due dates, overdue."""
    with vault.exclusive():
        return _timelines(vault, period, today or date.today())


def _timelines(vault: Vault, period: Period, today: date) -> list[WorkerTimeline]:
    counting = held_record_ids(vault, today)
    with vault.exclusive():
        rows = vault.query(_MARKS, {"today": today.isoformat()})
    marks: dict[str, list[SessionMark]] = defaultdict(list)
    for record_id, worker_id, kind, held_on, status in rows:
        marks[str(worker_id)].append(
            SessionMark(
                date.fromisoformat(str(held_on)),
                RecordKind(str(kind)),
                str(status) == RecordStatus.SIGNED.value,
                str(record_id) in counting,
            )
        )
    dated: dict[str, list[date]] = defaultdict(list)
    undated: dict[str, int] = defaultdict(int)
    reviews: dict[str, DatedMark] = {}
    with vault.exclusive():
        actions = vault.query(_OPEN_ACTIONS)
        agreements = vault.query(_AGREEMENTS, (AGREEMENT_REVIEW_KEY,))
    for worker_id, due in actions:
        if due is None or not str(due).strip():
            undated[str(worker_id)] += 1
        else:
            dated[str(worker_id)].append(date.fromisoformat(str(due)))
    for _record_id, worker_id, held_on, review in agreements:  # oldest first: latest wins
        due_on = _review_date(review, date.fromisoformat(str(held_on)))
        reviews[str(worker_id)] = DatedMark(due_on, due_on < today)
    grace = SettingsStore(vault).get_int(GRACE_SETTING)
    rules = SettingsRepository(vault).stage_rules()
    found = []
    workers = WorkerRepository(vault).all(include_left=True)
    for worker in sorted(workers, key=lambda w: w.name.casefold()):
        line = worker_timeline(
            worker,
            rule_for(worker, rules),
            marks[worker.id],
            period,
            grace,
            actions=dated_marks(dated[worker.id], today),
            # As the overdue list: a leaver's agreement is no longer reviewed.
            review=reviews.get(worker.id) if worker.leaving_date is None else None,
            undated_actions=undated[worker.id],
        )
        if line is not None:
            found.append(line)
    return found
