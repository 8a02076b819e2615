"""What a generated benchmark vault holds: a team over years, and its records' skeletons.

About 60 workers in post at any time, with turnover (leavers replaced by
joiners, some of them newly qualified); one-to-ones at each worker's own
frequency rule; group sessions twice a week with 5-12 attendees linked to their
worker ids; corridor decisions; a supervision agreement at each start and
every year after. Actions are reviewed at the next session (done, carried
forward or dropped), so old ones are closed and recent ones are open, some
past their date. The long text is written later, record by record (see
:mod:`tests.bench.vaultgen_text`), so a 30-year plan stays small in memory.
Deterministic from the seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import SUPERVISOR, _Builder
from supnotes.domain.people import CaseloadEntry, Stage, SupervisorProfile, Worker
from supnotes.domain.records import format_reference
from supnotes.domain.schedule import due_dates, rule_for
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.domain.templates import Template
from tests.bench.vaultgen_text import FIRST_NAMES, SURNAMES

END = date(2026, 11, 30)  # the generated history ends here, whatever the day it is built
TEAM = 60
YEARLY_TURNOVER = 0.14
ROLES = {
    Stage.ASYE: "Social Worker (ASYE)",
    Stage.QUALIFIED: "Social Worker",
    Stage.UNQUALIFIED: "Family Support Worker",
    Stage.MANAGER: "Deputy Team Manager",
}
_STAGES = (Stage.ASYE, Stage.QUALIFIED, Stage.UNQUALIFIED, Stage.MANAGER)


@dataclass(frozen=True)
class Plan:
    supervisor: SupervisorProfile
    workers: tuple[Worker, ...]
    templates: tuple[Template, ...]
    records: tuple[RecordContent, ...]


@dataclass
class _BenchBuilder(_Builder):
    children_of: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def children(self, worker: Worker, day: date) -> list[str]:
        """The worker's children in the half-year ``day`` falls in; half carry over."""
        block = (day - worker.start_date).days // 182
        key = (worker.id, block)
        if key not in self.children_of:
            before = self.children_of.get((worker.id, block - 1), [])
            kept = self.rng.sample(before, k=len(before) // 2)
            count = max(4, (worker.current_caseload or 12) // 2)
            fresh = [f"C-{self.rng.randint(100000, 999999)}" for _ in range(count - len(kept))]
            self.children_of[key] = kept + fresh
        return self.children_of[key]

    def attending(self, staff: Sequence[Worker]) -> list[Worker]:
        """A group session with a larger attendance than the demo's: the whole team."""
        return list(staff)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in taken:
            taken.add(name)
            return name


def _worker(
    builder: _BenchBuilder, taken: set[str], start: date, leaving: date | None, stage: Stage
) -> Worker:
    rng = builder.rng
    caseload = {Stage.ASYE: 10, Stage.MANAGER: 6}.get(stage, 16) + rng.randint(-3, 6)
    history, count = [], caseload
    day = start
    last = leaving or END
    while day <= last:
        history.append(CaseloadEntry(day, count))
        count = max(0, count + rng.randint(-2, 2))
        day += timedelta(days=30)
    return Worker(
        id=builder.id(),
        name=_name(rng, taken),
        role=ROLES[stage],
        team=SUPERVISOR.team,
        start_date=start,
        stage=stage,
        caseload=tuple(history),
        leaving_date=leaving,
    )


def _team(builder: _BenchBuilder, first: date, size: int) -> list[Worker]:
    """``size`` posts over the history; each leaver is replaced 2-8 weeks later."""
    rng = builder.rng
    taken: set[str] = set()
    mean_tenure = 365 / YEARLY_TURNOVER
    workers = []
    for _ in range(size):
        stage = rng.choices(_STAGES, weights=(1, 6, 2, 1))[0]
        in_post = rng.randint(30, 400 if stage is Stage.ASYE else 5000)
        start = first - timedelta(days=in_post)
        while True:
            leaves = max(start, first) + timedelta(days=int(rng.expovariate(1 / mean_tenure)))
            leaving = leaves if leaves < END - timedelta(days=7) else None
            workers.append(_worker(builder, taken, start, leaving, stage))
            if leaving is None:
                break
            start = leaving + timedelta(days=rng.randint(14, 56))
            if start > END:
                break
            stage = rng.choices(_STAGES, weights=(3, 5, 2, 0.5))[0]
    return workers


def plan(library: TemplateLibrary, *, years: float, seed: int, team: int = TEAM) -> Plan:
    """The team and every record's skeleton, for ``years`` up to :data:`END`."""
    rng = random.Random(seed)
    builder = _BenchBuilder(rng, END, library)
    first = END - timedelta(days=round(365.25 * years))
    workers = _team(builder, first, team)
    affinity = {w.id: rng.uniform(0.2, 5.0) for w in workers}
    for worker in workers:
        start = max(worker.start_date, first)
        last = min(END, worker.leaving_date or END)
        if start > last:
            continue
        events: list[tuple[date, str]] = []
        agreement = start + timedelta(days=3)
        while agreement <= last:
            events.append((builder.weekday(agreement), "agreement"))
            agreement += timedelta(days=365)
        for due in due_dates(rule_for(worker), worker.start_date, last):
            if due < start or rng.random() < 0.08:  # the odd missed session
                continue
            day = builder.weekday(min(last, due + timedelta(days=rng.randint(-2, 3))))
            if day <= END:
                events.append((day, "one-to-one"))
        rate = min(40.0, rng.lognormvariate(2.2, 0.6))  # corridor decisions a year
        for _ in range(round(rate * (last - start).days / 365)):
            offset = rng.randint(0, (last - start).days)
            events.append((builder.weekday(start + timedelta(days=offset)), "ad-hoc"))
        for when, kind in sorted(events):
            day = min(when, last)
            if kind == "agreement":
                builder.agreement(worker, day)
            elif kind == "one-to-one":
                caseload = worker.caseload_on(day) or 0
                builder.one_to_one(worker, day, builder.children(worker, day), caseload)
            else:
                builder.ad_hoc(worker, day, builder.children(worker, day))
    day, index = builder.weekday(first + timedelta(days=2)), 0
    while day <= END:
        active = [w for w in workers if w.is_active(day)]
        if len(active) >= 5:
            weights = [affinity[w.id] for w in active]
            present: list[Worker] = []
            for _ in range(rng.randint(5, 12)):
                pick = rng.choices(active, weights=weights)[0]
                if pick not in present:
                    present.append(pick)
            builder.group(day, present, index)
        day, index = day + timedelta(days=3 if day.weekday() < 2 else 4), index + 1
    return Plan(
        supervisor=SUPERVISOR,
        workers=tuple(workers),
        templates=tuple(library.latest()),
        records=_finish(builder),
    )


def _finish(builder: _BenchBuilder) -> tuple[RecordContent, ...]:
    """Number the records in date order and give each action its final state.

    Records of one day keep the order they were made in (the demo's own
    ``_finish`` orders them by id): a session reviews an action raised in a
    corridor decision earlier that day, so that decision is written first.
    """
    ordered = sorted(enumerate(builder.contents), key=lambda p: (p[1].record.held_on, p[0]))
    counters: dict[int, int] = {}
    finished = []
    for _, content in ordered:
        year = content.record.held_on.year
        counters[year] = counters.get(year, 0) + 1
        record = replace(content.record, reference=format_reference(year, counters[year]))
        actions = tuple(builder.actions.get(a.id, a) for a in content.actions)
        finished.append(replace(content, record=record, actions=actions))
    return tuple(finished)
