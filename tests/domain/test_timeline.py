"""The overview's timeline data: Example A's marks, due dates and overdue span."""

from __future__ import annotations

from datetime import date

from supnotes.domain.compliance import Period
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.people import Stage, Worker
from supnotes.domain.records import RecordKind
from supnotes.domain.timeline import SessionMark, Span, worker_timeline

ANN = Worker("w", "Ann", "SW", "East", date(2024, 9, 1), Stage.QUALIFIED)
SPRING = Period(date(2026, 3, 1), date(2026, 5, 31))
ONE = RecordKind.ONE_TO_ONE


def mark(
    m: int, d: int, kind: RecordKind = ONE, *, signed: bool = True, counts: bool = True
) -> SessionMark:
    return SessionMark(date(2026, m, d), kind, signed, counts)


def test_example_a_on_a_line() -> None:
    marks = [
        mark(2, 25),
        mark(3, 20),
        mark(4, 30, signed=False),
        mark(4, 2, RecordKind.AD_HOC, counts=False),
    ]
    line = worker_timeline(ANN, FrequencyRule.every(days=28), marks, SPRING, 3)
    assert line is not None
    assert line.due_dates == (date(2026, 3, 25), date(2026, 4, 22), date(2026, 5, 20))
    assert line.overdue == (Span(date(2026, 4, 17), date(2026, 4, 30)),)  # 3 May: within grace
    assert [m.on for m in line.marks] == [date(2026, 3, 20), date(2026, 4, 2), date(2026, 4, 30)]
    assert line.marks[-1].signed is False


def test_an_overdue_span_open_at_the_end_and_none_with_more_grace() -> None:
    marks = [mark(2, 25)]
    line = worker_timeline(ANN, FrequencyRule.every(days=28), marks, SPRING, 3)
    assert line is not None
    assert line.overdue == (Span(date(2026, 3, 25), date(2026, 5, 31)),)
    lenient = worker_timeline(ANN, FrequencyRule.every(days=28), [*marks, mark(3, 27)], SPRING, 3)
    assert lenient is not None
    assert lenient.overdue[0] == Span(date(2026, 4, 24), date(2026, 5, 31))


def test_not_in_post_gives_no_line() -> None:
    left = Worker(
        "l", "Leo", "SW", "West", date(2024, 1, 1), Stage.QUALIFIED, leaving_date=date(2026, 1, 1)
    )
    assert worker_timeline(left, FrequencyRule.every(days=28), [], SPRING, 3) is None


def test_open_actions_and_the_agreement_review_ride_on_the_line() -> None:
    from supnotes.domain.timeline import DatedMark, dated_marks

    today = date(2026, 5, 10)
    actions = dated_marks([date(2026, 6, 1), date(2026, 5, 9), date(2026, 5, 10)], today)
    assert [(a.on.day, a.overdue) for a in actions] == [(9, True), (10, False), (1, False)]
    review = DatedMark(date(2026, 4, 1), overdue=True)
    line = worker_timeline(
        ANN,
        FrequencyRule.every(days=28),
        [mark(3, 20)],
        SPRING,
        3,
        actions=actions,
        review=review,
        undated_actions=2,
    )
    assert line is not None
    assert line.actions_overdue == 1
    assert line.open_actions == 5  # three dated, two with no due date
    assert line.review == review
