"""The compliance report's figures, gathered from a vault for a period and a team.

The counting is :mod:`supnotes.domain.compliance` (docs/compliance.md); what
counts as supervision held is the vault's SQL twin of the held rule
(``held_dates_of``), with the group-session setting as it stands. Only
numbers, dates and the workers' names, roles and teams are read: no
record text, no child.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from supnotes.domain.compliance import (
    GRACE_SETTING,
    ActionFacts,
    Period,
    TeamTotals,
    WorkerCompliance,
    team_totals,
    worker_compliance,
)
from supnotes.domain.held import COUNT_GROUP_SETTING
from supnotes.domain.schedule import rule_for
from supnotes.vault.connection import compose
from supnotes.vault.repositories.held import held_dates_of
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.trail import TrailRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


class NoSuchTeam(ValueError):
    """The team asked for has no worker; the message names the teams there are."""


@dataclass(frozen=True)
class ComplianceReport:
    period: Period
    team: str | None  # None: every team
    made_on: date
    organisation: str
    marking: str
    grace_days: int
    count_group: bool
    rows: tuple[WorkerCompliance, ...]
    totals: TeamTotals
    #: Entries in the vault's access trail during the period (every team's acts).
    trail_entries: int | None = None


# Written actions raised in a worker's own records: when raised and closed
# (the dates of the records that raised and closed them), due, and open now.
_ACTIONS = compose(
    "SELECT r.worker_id, r.held_on, c.held_on, coalesce(a.revised_due_on, a.due_on), "
    "({outstanding}) FROM action a JOIN record r ON r.id = a.raised_in "
    "LEFT JOIN record c ON c.id = a.closed_in "
    "WHERE r.worker_id IS NOT NULL AND trim(a.text) <> ''",
    outstanding=OUTSTANDING_ACTION,
)


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _actions_by_worker(vault: Vault) -> dict[str, list[ActionFacts]]:
    with vault.exclusive():
        rows = vault.query(_ACTIONS)
    found: dict[str, list[ActionFacts]] = defaultdict(list)
    for worker_id, raised, closed, due, outstanding in rows:
        raised_on = _day(raised)
        if raised_on is not None:
            found[str(worker_id)].append(
                ActionFacts(raised_on, _day(closed), _day(due), bool(outstanding))
            )
    return found


def teams(vault: Vault) -> list[str]:
    """Every team named on a worker, sorted."""
    return sorted({w.team for w in WorkerRepository(vault).all() if w.team.strip()})


def build_report(
    vault: Vault, period: Period, team: str | None = None, *, today: date | None = None
) -> ComplianceReport:
    """Every worker in post during ``period`` (of ``team``, if given) with their figures.

    ``today`` decides which drafts count (a draft dated after today does not
    yet) and which actions are still open; it defaults to the real today.
    One consistent read: no other thread's statement runs in between.
    """
    with vault.exclusive():
        return _build_report(vault, period, team, today or date.today())


def _build_report(vault: Vault, period: Period, team: str | None, today: date) -> ComplianceReport:
    workers = WorkerRepository(vault).all(include_left=True)
    if team is not None:
        wanted = team.strip().casefold()
        workers = [w for w in workers if w.team.strip().casefold() == wanted]
        if not workers:
            known = ", ".join(teams(vault)) or "none"
            raise NoSuchTeam(f"no worker is in a team called {team!r} (teams: {known})")
    store = SettingsStore(vault)
    grace = store.get_int(GRACE_SETTING)
    rules = SettingsRepository(vault).stage_rules()
    actions = _actions_by_worker(vault)
    rows = []
    for worker in sorted(workers, key=lambda w: (w.team.casefold(), w.name.casefold())):
        figures = worker_compliance(
            worker,
            rule_for(worker, rules),
            held_dates_of(vault, worker.id, today),
            period,
            grace_days=grace,
            actions=actions.get(worker.id, ()),
        )
        if figures is not None:
            rows.append(figures)
    return ComplianceReport(
        period=period,
        team=None if team is None else team.strip(),
        made_on=today,
        organisation=store.get_text("organisation.name"),
        marking=store.get_text("marking.text"),
        grace_days=grace,
        count_group=store.get_bool(COUNT_GROUP_SETTING),
        rows=tuple(rows),
        totals=team_totals(rows),
        trail_entries=TrailRepository(vault).count(period.start, period.end),
    )
