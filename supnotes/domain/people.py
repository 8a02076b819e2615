"""The supervisor and the workers they supervise."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from supnotes.domain.frequency import FrequencyRule


class Stage(enum.StrEnum):
    """Where a worker is in their career; decides the default frequency rule."""

    ASYE = "asye"  # newly qualified: Assessed and Supported Year in Employment / NQSW
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    Stage.ASYE: "ASYE/NQSW",
    Stage.QUALIFIED: "Qualified social worker",
    Stage.UNQUALIFIED: "Unqualified",
    Stage.MANAGER: "Manager",
}


@dataclass(frozen=True, slots=True)
class SupervisorProfile:
    """The person who gives supervision and signs the records."""

    name: str
    role: str = ""
    organisation: str = ""
    team: str = ""
    signing_name: str = ""  # name as it appears in the signature block, if different

    @property
    def signature_name(self) -> str:
        return self.signing_name or self.name


@dataclass(frozen=True, slots=True)
class CaseloadEntry:
    """The number of children allocated to a worker, as counted on a day."""

    on: date
    count: int

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError("a caseload cannot be negative")


@dataclass(frozen=True, slots=True)
class Worker:
    """A supervisee.

    ``frequency_rule`` of None means the default rule for the worker's stage
    (see :mod:`supnotes.domain.schedule`).
    """

    id: str
    name: str
    role: str
    team: str
    start_date: date
    stage: Stage
    frequency_rule: FrequencyRule | None = None
    caseload: tuple[CaseloadEntry, ...] = field(default=())
    leaving_date: date | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a worker needs a name")
        if self.leaving_date is not None and self.leaving_date < self.start_date:
            raise ValueError("a worker cannot leave before they start")
        ordered = tuple(sorted(self.caseload, key=lambda entry: entry.on))
        if len({entry.on for entry in ordered}) != len(ordered):
            raise ValueError("one caseload count per day")
        object.__setattr__(self, "caseload", ordered)

    def is_active(self, on: date) -> bool:
        """Employed (started and not yet left) on ``on``."""
        return self.start_date <= on and (self.leaving_date is None or on < self.leaving_date)

    def caseload_on(self, on: date) -> int | None:
        """The latest caseload count taken on or before ``on``."""
        latest: int | None = None
        for entry in self.caseload:
            if entry.on > on:
                break
            latest = entry.count
        return latest

    @property
    def current_caseload(self) -> int | None:
        return self.caseload[-1].count if self.caseload else None


@dataclass(frozen=True, slots=True)
class ListedWorker:
    """A worker as the worker list shows them: their latest caseload count only.

    Not a :class:`Worker`: saving a worker rewrites their whole caseload
    history from the object, so a list row must never be the thing saved. The
    list loads these without the history (one row per worker, not one object
    per caseload count ever taken).
    """

    id: str
    name: str
    role: str
    team: str
    start_date: date
    stage: Stage
    frequency_rule: FrequencyRule | None
    leaving_date: date | None
    latest_caseload: CaseloadEntry | None

    @classmethod
    def of(cls, worker: Worker) -> ListedWorker:
        return cls(
            worker.id,
            worker.name,
            worker.role,
            worker.team,
            worker.start_date,
            worker.stage,
            worker.frequency_rule,
            worker.leaving_date,
            worker.caseload[-1] if worker.caseload else None,
        )

    @property
    def current_caseload(self) -> int | None:
        return None if self.latest_caseload is None else self.latest_caseload.count
