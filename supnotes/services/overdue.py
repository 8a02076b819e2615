"""What is overdue now, by worker: supervision, actions, and agreements past review.

- **Supervision**: rolling, as the worker list shows it (docs/compliance.md):
  one interval after the last session held; listed once the days overdue
  exceed the grace (``schedule.grace_days``). Workers in post only.
- **Actions**: outstanding (open or carried forward, with text) and past
  their due date, the revised one if carried forward.
- **Agreements**: each worker's latest supervision agreement whose review
  date ("Agreement review date") has passed; without a review date, a year
  after it was made (the template asks for a review at least yearly).
  Workers in post only.

An entry opens the record it is about (an action's record, the agreement),
or the worker (supervision).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from supnotes.domain.compliance import GRACE_SETTING, is_overdue
from supnotes.domain.frequency import add_months
from supnotes.domain.records import RecordKind
from supnotes.vault.connection import compose
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

AGREEMENT_REVIEW_KEY = "review.review-date"
GROUP_SESSIONS = "Group sessions"  # where actions raised in group sessions are listed


class OverdueKind(enum.StrEnum):
    SUPERVISION = "supervision"
    ACTION = "action"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return {
            OverdueKind.SUPERVISION: "Supervision",
            OverdueKind.ACTION: "Action",
            OverdueKind.AGREEMENT: "Agreement review",
        }[self]


@dataclass(frozen=True, slots=True)
class OverdueEntry:
    worker_id: str | None  # None: an action from a group session
    worker_name: str
    kind: OverdueKind
    details: str  # plain words: when last held, the action's text, the agreement's date
    due_on: date
    days: int
    record_id: str | None  # what the entry opens; None: the worker


_ACTIONS = compose(
    "SELECT a.raised_in, a.text, coalesce(a.revised_due_on, a.due_on), r.worker_id "
    "FROM action a JOIN record r ON r.id = a.raised_in "
    "WHERE {outstanding} AND coalesce(a.revised_due_on, a.due_on) < ?",
    outstanding=OUTSTANDING_ACTION,
)

_AGREEMENTS = compose(
    "SELECT r.id, r.worker_id, r.held_on, "
    "(SELECT json_extract(x.value, '$') FROM answer x WHERE x.record_id = r.id AND x.key = ?) "
    "FROM record r WHERE r.kind = '{agreement}' AND r.worker_id IS NOT NULL "
    "ORDER BY r.held_on",
    agreement=RecordKind.AGREEMENT.value,
)


def _one_line(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def _review_date(value: object, made_on: date) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    return add_months(made_on, 12)


def overdue_entries(vault: Vault, today: date) -> list[OverdueEntry]:
    """Everything overdue on ``today``, by worker name, then kind, then oldest due first."""
    with vault.exclusive():
        return _overdue_entries(vault, today)


def _overdue_entries(vault: Vault, today: date) -> list[OverdueEntry]:
    grace = SettingsStore(vault).get_int(GRACE_SETTING)
    names = {w.id: w.name for w in WorkerRepository(vault).all()}
    in_post = {w.id for w in WorkerRepository(vault).all(include_left=False)}
    entries: list[OverdueEntry] = []
    for standing in OverviewRepository(vault).standings(today, include_left=False):
        days = standing.days_overdue(today)
        if standing.next_due is not None and is_overdue(days, grace):
            last = standing.last_held
            what = "No supervision yet" if last is None else f"Last held {last.isoformat()}"
            entries.append(
                OverdueEntry(
                    standing.worker.id,
                    standing.worker.name,
                    OverdueKind.SUPERVISION,
                    what,
                    standing.next_due,
                    days,
                    None,
                )
            )
    with vault.exclusive():
        actions = vault.query(_ACTIONS, (today.isoformat(),))
        agreements = vault.query(_AGREEMENTS, (AGREEMENT_REVIEW_KEY,))
    for record_id, text, due, worker_id in actions:
        due_on = date.fromisoformat(str(due))
        who = None if worker_id is None else str(worker_id)
        entries.append(
            OverdueEntry(
                who,
                GROUP_SESSIONS if who is None else names.get(who, "?"),
                OverdueKind.ACTION,
                _one_line(str(text)),
                due_on,
                (today - due_on).days,
                str(record_id),
            )
        )
    latest: dict[str, tuple[str, date, object]] = {}
    for record_id, worker_id, held_on, review in agreements:
        latest[str(worker_id)] = (str(record_id), date.fromisoformat(str(held_on)), review)
    for worker_id, (record_id, made_on, review) in latest.items():
        due_on = _review_date(review, made_on)
        if worker_id in in_post and due_on < today:
            entries.append(
                OverdueEntry(
                    worker_id,
                    names.get(worker_id, "?"),
                    OverdueKind.AGREEMENT,
                    f"Agreement of {made_on.isoformat()}",
                    due_on,
                    (today - due_on).days,
                    record_id,
                )
            )
    order = list(OverdueKind)
    entries.sort(key=lambda e: (e.worker_name.casefold(), order.index(e.kind), e.due_on))
    return entries
