"""Where a worker stands: last and next supervision, actions, caseload.

A pure summary the overview lists; the vault fills in the counts, the
schedule decides the dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.people import ListedWorker, Stage, Worker
from supnotes.domain.schedule import DEFAULT_RULES, days_overdue, next_due, rule_for


@dataclass(frozen=True, slots=True)
class WorkerStanding:
    worker: ListedWorker  # not a Worker: a list row is never saved
    rule: FrequencyRule  # the rule in force: the worker's own, else their stage's
    last_held: date | None  # the latest one-to-one supervision held, if any
    next_due: date | None  # None once the worker has left
    open_actions: int
    overdue_actions: int
    last_held_signed: bool = True  # False: the latest held is a draft (shown as unsigned)

    def days_overdue(self, today: date) -> int:
        return 0 if self.next_due is None else days_overdue(self.next_due, today)


def standing_of(
    worker: Worker | ListedWorker,
    last_held: date | None,
    actions: tuple[int, int],
    today: date,
    rules: Mapping[Stage, FrequencyRule] = DEFAULT_RULES,
    *,
    last_held_signed: bool = True,
) -> WorkerStanding:
    listed = worker if isinstance(worker, ListedWorker) else ListedWorker.of(worker)
    rule = rule_for(listed, rules)
    left = worker.leaving_date is not None and worker.leaving_date <= today
    due = None if left else next_due(rule, worker.start_date, last_held)
    open_actions, overdue_actions = actions
    return WorkerStanding(
        listed, rule, last_held, due, open_actions, overdue_actions, last_held_signed
    )
