"""The synthetic organisation of the hub load figure, and what its supervisors deposited.

Reproducible from a seed: teams, supervisors, their supervisees over the
years (with turnover), the children on each worker's caseload, and every
deposit the real send path would make from their vaults over the years:

- a supervision-file copy of each one-to-one to the worker's HR file;
- a child extract to each child's inbox when a session discussed children;
- a group session's copy to the HR file of each attending worker (the same
  sealed bytes to each, as the real ``send`` does);
- now and then an addendum (to the HR file, and to a child's inbox when the
  record had extracts);
- quarterly service figures per supervisor.

Rates are set so that 300 supervisors over 10 years make about 290,000
deposits (the issue's figure). Nothing here touches a hub or a PDF: a
planned deposit names which sealed template it reuses and a variant number
that makes its bytes unique (see :mod:`tests.bench.hub_load_pdfs`).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from supnotes.domain.service_figures import ServiceFigures, WorkerFigures

FIRST = (
    "Amira", "Ben", "Chloe", "Dev", "Ella", "Farah", "George", "Hana", "Isaac", "Jade",
    "Kofi", "Leah", "Marek", "Nia", "Owen", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Uma", "Vik", "Wen", "Yusuf", "Zara",
)  # fmt: skip
LAST = (
    "Adeyemi", "Brown", "Chen", "Davies", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Roberts", "Singh",
    "Taylor", "Walsh",
)  # fmt: skip
SERVICES = (
    "Assessment", "Child Protection", "Children in Care", "Leaving Care", "Fostering",
    "Disabled Children", "Family Support", "Court",
)  # fmt: skip
AREAS = ("North", "South", "East", "West", "Central")
ORGANISATION = "Bench Council"
TEMPLATES = ("one-to-one", "extract", "group", "addendum", "addendum-extract")


@dataclass
class Worker:
    name: str
    children: list[str]


@dataclass
class Supervisor:
    index: int
    name: str
    login: str
    team: str
    slots: list[Worker] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedDeposit:
    supervisor: int
    kind: str  # supervision-file, child-extract, figures
    target: str
    record_reference: str
    is_addendum: bool
    template: str  # one of TEMPLATES, or "" for figures
    variant: int  # makes a reused template's bytes unique (same variant: same bytes)
    figures: bytes = b""


class Organisation:
    """Seeded: the same seed, supervisors and years give the same plan, deposit for deposit."""

    def __init__(self, seed: int, supervisors: int, years: int, first_year: int = 2016) -> None:
        self.seed, self.years, self.first_year = seed, years, first_year
        self._rng = random.Random(seed)
        self._names: set[str] = set()
        self._child = 100_000
        self.teams = [
            f"{SERVICES[n % len(SERVICES)]} {AREAS[(n // len(SERVICES)) % len(AREAS)]}"
            for n in range(max(1, supervisors // 7))
        ]
        self.supervisors = [
            Supervisor(
                n,
                self._new_name(),
                f"sup_{n:03d}",
                self.teams[self._rng.randrange(len(self.teams))],
            )
            for n in range(supervisors)
        ]
        for sup in self.supervisors:
            sup.slots = [self._new_worker() for _ in range(self._rng.randint(5, 8))]
        self._variant = 0

    def _new_name(self) -> str:
        while True:
            name = f"{self._rng.choice(FIRST)} {self._rng.choice(LAST)}"
            if name in self._names:
                name = f"{name} {len(self._names)}"
            if name not in self._names:
                self._names.add(name)
                return name

    def _new_child(self) -> str:
        self._child += self._rng.randint(1, 9)
        return f"C-{self._child:06d}"

    def _new_worker(self) -> Worker:
        return Worker(
            self._new_name(), [self._new_child() for _ in range(self._rng.randint(8, 16))]
        )

    def current_workers(self) -> list[str]:
        return [w.name for s in self.supervisors for w in s.slots]

    def _next_variant(self) -> int:
        self._variant += 1
        return self._variant

    def deposits(self) -> Iterator[PlannedDeposit]:
        """Every deposit, supervisor by supervisor, year by year (the state is advanced:
        iterate once per Organisation)."""
        for sup in self.supervisors:
            rng = random.Random(f"{self.seed}-{sup.index}")
            serial = 0
            for year in range(self.first_year, self.first_year + self.years):
                # Turnover: a slot's worker leaves and a new one starts; caseloads churn.
                for n in range(len(sup.slots)):
                    if rng.random() < 0.15:
                        sup.slots[n] = self._new_worker()
                    caseload = sup.slots[n].children
                    for c in range(len(caseload)):
                        if rng.random() < 0.4:
                            caseload[c] = self._new_child()
                for worker in sup.slots:
                    for _ in range(rng.choice((7, 8, 8, 9, 9, 10))):
                        serial += 1
                        ref = f"SN-{year}-{sup.index:03d}-{serial:04d}"
                        variant = self._next_variant()
                        yield PlannedDeposit(
                            sup.index, "supervision-file", worker.name, ref, False,
                            "one-to-one", variant,
                        )  # fmt: skip
                        children: list[str] = []
                        if rng.random() < 0.3:
                            children = rng.sample(worker.children, rng.choice((1, 1, 2)))
                            for child in children:
                                yield PlannedDeposit(
                                    sup.index, "child-extract", child, ref, False, "extract",
                                    self._next_variant(),
                                )  # fmt: skip
                        if rng.random() < 0.03:
                            yield PlannedDeposit(
                                sup.index, "supervision-file", worker.name,
                                f"{ref} addendum 1", True, "addendum", self._next_variant(),
                            )  # fmt: skip
                            if children:
                                yield PlannedDeposit(
                                    sup.index, "child-extract", children[0],
                                    f"{ref} addendum 1", True, "addendum-extract",
                                    self._next_variant(),
                                )  # fmt: skip
                for _ in range(rng.choice((2, 3, 3, 4))):
                    serial += 1
                    ref = f"SN-{year}-{sup.index:03d}-{serial:04d}"
                    variant = self._next_variant()  # one sealed copy, sent to each attendee
                    attending = rng.sample(sup.slots, min(len(sup.slots), rng.randint(3, 6)))
                    for worker in attending:
                        yield PlannedDeposit(
                            sup.index, "supervision-file", worker.name, ref, False, "group",
                            variant,
                        )  # fmt: skip
                for quarter in range(4):
                    yield self._figures(sup, year, quarter, rng)

    def _figures(
        self, sup: Supervisor, year: int, quarter: int, rng: random.Random
    ) -> PlannedDeposit:
        start = date(year, 3 * quarter + 1, 1)
        end = (date(year + 1, 1, 1) if quarter == 3 else date(year, 3 * quarter + 4, 1)) - (
            timedelta(days=1)
        )
        workers = []
        for worker in sup.slots:
            due = 3
            held = rng.choice((1, 2, 2, 3, 3, 3, 3))
            workers.append(
                WorkerFigures(
                    team=sup.team,
                    worker=worker.name,
                    role="Social Worker",
                    due=due,
                    held=held,
                    held_on_target=min(held, due),
                    overdue=held < 2,
                    most_days_overdue=0 if held >= 2 else rng.randint(1, 40),
                    caseload_end=len(worker.children) + rng.randint(-3, 8),
                )
            )
        payload = ServiceFigures(
            supervisor=sup.name,
            organisation=ORGANISATION,
            period_start=start,
            period_end=end,
            made_on=end + timedelta(days=1),
            caseload_warning=20,
            workers=tuple(workers),
        ).to_json()
        # As services/hub_figures.queue_figures names them.
        return PlannedDeposit(
            sup.index,
            "figures",
            f"all teams {start.isoformat()}..{end.isoformat()}",
            f"FIGURES-{start.isoformat()}-{end.isoformat()}",
            False,
            "",
            0,
            payload,
        )
