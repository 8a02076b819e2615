"""The service view's sums: per team and supervisor, within the period, caseload over the level."""

from __future__ import annotations

from datetime import date

import pytest

from supnotes.domain.service_figures import (
    FiguresError,
    ServiceFigures,
    WorkerFigures,
    parse,
    service_lines,
)


def _worker(team: str, name: str, *, due: int = 4, held: int = 3, caseload: int | None = 18,
            overdue: bool = False) -> WorkerFigures:  # fmt: skip
    return WorkerFigures(team, name, "Social Worker", due, held, min(held, due), overdue, 0,
                         caseload)  # fmt: skip


def _sent(supervisor: str, start: date, end: date, *workers: WorkerFigures) -> ServiceFigures:
    return ServiceFigures(supervisor, "Council", start, end, end, 20, workers)


JAN, MAR = date(2026, 1, 1), date(2026, 3, 31)


def test_lines_per_team_and_supervisor_within_the_period() -> None:
    sent = [
        _sent("Ann", JAN, MAR, _worker("East", "A1", caseload=21, overdue=True),
              _worker("East", "A2", held=6)),
        _sent("Ann", JAN, MAR, _worker("West", "A3", caseload=None)),
        _sent("Bo", JAN, MAR, _worker("East", "B1", caseload=20)),
        _sent("Bo", date(2025, 12, 1), MAR, _worker("East", "B2")),  # starts before: left out
    ]  # fmt: skip
    lines = service_lines(sent, JAN, MAR)
    assert [(x.team, x.supervisor) for x in lines] == [
        ("East", "Ann"), ("East", "Bo"), ("West", "Ann"),
    ]  # fmt: skip
    east_ann = lines[0]
    assert (east_ann.workers, east_ann.due, east_ann.held, east_ann.held_on_target) == (2, 8, 9, 7)
    assert (east_ann.overdue, east_ann.over_caseload) == (1, 1)  # 21 > 20; 20 is not over
    assert lines[1].over_caseload == 0
    assert [x.team for x in service_lines(sent, JAN, MAR, "West")] == ["West"]


def test_parse_round_trips_and_refuses_wrong_types() -> None:
    figures = _sent("Ann", JAN, MAR, _worker("East", "A1"))
    assert parse(figures.to_json()) == figures
    broken = figures.to_json().replace(b'"due": 4', b'"due": true')
    with pytest.raises(FiguresError, match="not a number"):
        parse(broken)
    with pytest.raises(FiguresError, match="not JSON"):
        parse(b"\xff")
