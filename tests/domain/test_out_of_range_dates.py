"""Any date, however far out (an import can carry 31/12/9999), never breaks a schedule."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from supnotes.domain.frequency import FrequencyRule, Interval
from supnotes.domain.people import Stage, Worker
from supnotes.domain.rule_names import NAMED_RULES
from supnotes.domain.schedule import due_dates, next_due, worker_compliance
from supnotes.domain.standing import standing_of

RULES = st.sampled_from(sorted(NAMED_RULES.values(), key=FrequencyRule.describe))
ANY_DAY = st.dates(date.min, date.max)
EDGE_DAYS = st.one_of(ANY_DAY, st.dates(date.max - timedelta(days=400), date.max))


def test_the_reported_case_a_record_on_the_last_day_of_9999() -> None:
    assert Interval(months=1).after(date(9999, 12, 31)) == date.max
    assert Interval(days=28).after(date(9999, 12, 31)) == date.max
    assert Interval(months=1).after(date(9999, 11, 30)) == date(9999, 12, 30)


@given(RULES, EDGE_DAYS, st.one_of(st.none(), EDGE_DAYS))
def test_next_due_is_always_a_date_on_or_after_the_last(
    rule: FrequencyRule, start: date, last: date | None
) -> None:
    due = next_due(rule, start, last)
    base = start if last is None or last < start else last
    assert due > base or due == date.max


@given(RULES, EDGE_DAYS, st.integers(0, 800))
def test_the_schedule_ends_even_at_the_calendars_end(
    rule: FrequencyRule, start: date, span: int
) -> None:
    until = date.max if (date.max - start).days < span else start + timedelta(days=span)
    days = list(due_dates(rule, start, until))
    assert days == sorted(set(days))
    assert all(start < day <= until for day in days)


@settings(deadline=None, max_examples=60)  # a schedule over thousands of years is slow
@given(RULES, EDGE_DAYS, st.one_of(st.none(), EDGE_DAYS), EDGE_DAYS, st.lists(EDGE_DAYS))
def test_standing_and_compliance_take_any_dates(
    rule: FrequencyRule, start: date, last: date | None, today: date, held: list[date]
) -> None:
    worker = Worker(
        id="w",
        name="A",
        role="SW",
        team="T",
        start_date=start,
        stage=Stage.QUALIFIED,
        frequency_rule=rule,
    )
    standing = standing_of(worker, last, (0, 0), today)
    assert standing.days_overdue(today) >= 0
    period_end = today if (date.max - today).days < 400 else today + timedelta(days=400)
    figure = worker_compliance(worker, held, today, period_end)
    assert 0 <= figure.on_target <= figure.due
