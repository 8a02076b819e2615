"""Service-wide figures: what a supervisor sends to the hub per period, and the service view.

Only numbers and the workers' names, roles and teams: no child, no record
text, no wellbeing content. The format is closed: a payload with any key not
listed here is refused, so nothing else can ride along.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

FORMAT = "supnotes-service-figures"
VERSION = 1


class FiguresError(ValueError):
    """A figures payload that is not in the format (the reason says where)."""


@dataclass(frozen=True)
class WorkerFigures:
    team: str
    worker: str
    role: str
    due: int
    held: int
    held_on_target: int
    overdue: bool
    most_days_overdue: int
    caseload_end: int | None


@dataclass(frozen=True)
class ServiceFigures:
    supervisor: str
    organisation: str
    period_start: date
    period_end: date
    made_on: date
    caseload_warning: int
    workers: tuple[WorkerFigures, ...]

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": VERSION,
            "supervisor": self.supervisor,
            "organisation": self.organisation,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "made_on": self.made_on.isoformat(),
            "caseload_warning": self.caseload_warning,
            "workers": [asdict(w) for w in self.workers],
        }
        return json.dumps(body, sort_keys=True, ensure_ascii=False).encode()


_TOP = {
    "format": str,
    "version": int,
    "supervisor": str,
    "organisation": str,
    "period_start": str,
    "period_end": str,
    "made_on": str,
    "caseload_warning": int,
    "workers": list,
}
_WORKER = {
    "team": str,
    "worker": str,
    "role": str,
    "due": int,
    "held": int,
    "held_on_target": int,
    "overdue": bool,
    "most_days_overdue": int,
    "caseload_end": (int, type(None)),
}


def _check(obj: object, shape: Mapping[str, object], where: str) -> dict[str, object]:
    if not isinstance(obj, dict):
        raise FiguresError(f"{where} is not an object")
    if set(obj) != set(shape):
        extra, lacking = sorted(set(obj) - set(shape)), sorted(set(shape) - set(obj))
        raise FiguresError(f"{where} has keys outside the format {extra} or lacks {lacking}")
    for key, kind in shape.items():
        value = obj[key]
        if kind is int and isinstance(value, bool):
            raise FiguresError(f"{where}.{key} is not a number")
        if not isinstance(value, kind):  # type: ignore[arg-type]
            raise FiguresError(f"{where}.{key} has the wrong type")
    return obj


def parse(payload: bytes) -> ServiceFigures:
    """Read a payload, refusing anything outside the format."""
    try:
        top = _check(json.loads(payload.decode()), _TOP, "figures")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FiguresError(f"not JSON ({exc})") from None
    if top["format"] != FORMAT or top["version"] != VERSION:
        raise FiguresError(f"not {FORMAT} version {VERSION}")
    workers = []
    listed = top["workers"]
    assert isinstance(listed, list)
    for n, raw in enumerate(listed, start=1):
        row = _check(raw, _WORKER, f"workers[{n}]")
        workers.append(WorkerFigures(**row))  # type: ignore[arg-type]
    try:
        return ServiceFigures(
            supervisor=str(top["supervisor"]),
            organisation=str(top["organisation"]),
            period_start=date.fromisoformat(str(top["period_start"])),
            period_end=date.fromisoformat(str(top["period_end"])),
            made_on=date.fromisoformat(str(top["made_on"])),
            caseload_warning=int(str(top["caseload_warning"])),
            workers=tuple(workers),
        )
    except ValueError as exc:
        raise FiguresError(f"a date is not a date ({exc})") from None


@dataclass(frozen=True)
class SupervisorLine:
    """One line of the service view: a supervisor's team in the period."""

    team: str
    supervisor: str
    workers: int
    due: int
    held: int
    held_on_target: int
    overdue: int
    over_caseload: int


def service_lines(
    sent: Iterable[ServiceFigures], start: date, end: date, team: str | None = None
) -> list[SupervisorLine]:
    """Per team and supervisor, from the figures whose period lies within start..end."""
    lines: dict[tuple[str, str], list[WorkerFigures]] = defaultdict(list)
    warning: dict[tuple[str, str], int] = {}
    for figures in sent:
        if figures.period_start < start or figures.period_end > end:
            continue
        for w in figures.workers:
            if team is None or w.team == team:
                key = (w.team, figures.supervisor)
                lines[key].append(w)
                warning[key] = figures.caseload_warning
    return [
        SupervisorLine(
            team=key[0],
            supervisor=key[1],
            workers=len({w.worker for w in rows}),
            due=sum(w.due for w in rows),
            held=sum(w.held for w in rows),
            held_on_target=sum(w.held_on_target for w in rows),
            overdue=sum(1 for w in rows if w.overdue),
            over_caseload=sum(
                1 for w in rows if w.caseload_end is not None and w.caseload_end > warning[key]
            ),
        )
        for key, rows in sorted(lines.items())
    ]
