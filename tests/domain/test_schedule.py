"""Frequency rules, next-due dates, overdue and compliance."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supnotes.domain.frequency import FrequencyPhase, FrequencyRule, Interval, add_months
from supnotes.domain.people import Stage, Worker
from supnotes.domain.schedule import (
    ASYE_RULE,
    DEFAULT_RULES,
    Compliance,
    due_dates,
    is_overdue,
    next_due,
    rule_for,
    rules_from_json,
    rules_to_json,
    team_compliance,
    worker_compliance,
)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
rules = st.sampled_from(list(DEFAULT_RULES.values()))


def _worker(stage: Stage, start: date, **extra: object) -> Worker:
    return Worker("w", "Ann Example", "Social Worker", "East", start, stage, **extra)  # type: ignore[arg-type]


def test_asye_progression_weekly_fortnightly_monthly() -> None:
    start = date(2026, 1, 5)
    assert next_due(ASYE_RULE, start, None) == date(2026, 1, 12)
    assert next_due(ASYE_RULE, start, start + timedelta(days=35)) == start + timedelta(days=42)
    assert next_due(ASYE_RULE, start, start + timedelta(days=42)) == start + timedelta(days=56)
    after_six_months = start + timedelta(days=200)
    assert next_due(ASYE_RULE, start, after_six_months) == add_months(after_six_months, 1)


def test_asye_schedule_counts() -> None:
    start = date(2026, 1, 5)
    schedule = list(due_dates(ASYE_RULE, start, start + timedelta(days=182)))
    weekly = [d for d in schedule if (d - start).days <= 42]
    assert len(weekly) == 6
    gaps = {(b - a).days for a, b in itertools.pairwise(schedule)}
    assert gaps <= {7, 14}


def test_monthly_clamps_to_month_end_without_drift() -> None:
    rule = FrequencyRule.every(months=1)
    start = date(2026, 1, 31)
    assert list(due_dates(rule, start, date(2026, 4, 30))) == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_worker_override_and_stage_default() -> None:
    weekly = FrequencyRule.every(days=7)
    assert rule_for(_worker(Stage.QUALIFIED, date(2020, 1, 1))) == DEFAULT_RULES[Stage.QUALIFIED]
    assert rule_for(_worker(Stage.QUALIFIED, date(2020, 1, 1), frequency_rule=weekly)) == weekly


def test_rules_round_trip_through_settings_json() -> None:
    assert rules_from_json(rules_to_json(DEFAULT_RULES)) == dict(DEFAULT_RULES)
    changed = rules_from_json({"manager": [{"until_day": None, "every_days": 42}]})
    assert changed[Stage.MANAGER] == FrequencyRule.every(days=42)
    assert changed[Stage.ASYE] == ASYE_RULE


@pytest.mark.parametrize(
    "bad",
    [
        {"nobody": []},
        {"asye": "weekly"},
        {"asye": [{"until_day": 10, "every_days": 7}]},
        {"asye": [{"until_day": None, "every_days": 7, "every_months": 1}]},
        {"asye": [{"until_day": None, "every_days": True}]},
    ],
)
def test_bad_rules_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 (each case has its own message)
        rules_from_json(bad)


def test_phases_must_increase() -> None:
    with pytest.raises(ValueError, match="increase"):
        FrequencyRule(
            (
                FrequencyPhase(Interval(days=7), 50),
                FrequencyPhase(Interval(days=14), 20),
                FrequencyPhase(Interval(months=1)),
            )
        )


@given(rule=rules, start=dates, gap=st.integers(min_value=0, max_value=3000))
def test_next_due_is_one_interval_after_the_last_session(
    rule: FrequencyRule, start: date, gap: int
) -> None:
    last = start + timedelta(days=gap)
    if last > date(2095, 1, 1):
        return
    due = next_due(rule, start, last)
    assert 7 <= (due - last).days <= 31
    assert not is_overdue(due, due)
    assert is_overdue(due, due + timedelta(days=1))


@given(rule=rules, start=dates, span=st.integers(min_value=0, max_value=800))
def test_due_dates_increase_and_stay_in_range(rule: FrequencyRule, start: date, span: int) -> None:
    until = start + timedelta(days=span)
    schedule = list(due_dates(rule, start, until))
    assert schedule == sorted(set(schedule))
    assert all(start < d <= until for d in schedule)
    assert all(1 <= (b - a).days <= 31 for a, b in itertools.pairwise(schedule))


@given(day=dates, months=st.integers(min_value=0, max_value=120))
def test_add_months_keeps_day_or_clamps(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + timedelta(days=1)).day == 1)


@given(
    start=dates,
    held=st.lists(st.integers(min_value=0, max_value=400), max_size=40),
    period=st.tuples(st.integers(0, 400), st.integers(0, 400)),
    stage=st.sampled_from(list(Stage)),
)
def test_compliance_is_a_share_of_due_sessions(
    start: date, held: list[int], period: tuple[int, int], stage: Stage
) -> None:
    worker = _worker(stage, start)
    a, b = sorted(period)
    figure = worker_compliance(
        worker,
        [start + timedelta(days=d) for d in held],
        start + timedelta(days=a),
        start + timedelta(days=b),
    )
    assert figure.on_target <= figure.due
    assert figure.ratio is None or 0 <= figure.ratio <= 1


def test_compliance_for_a_worker_and_a_team() -> None:
    start = date(2025, 1, 6)
    worker = _worker(Stage.QUALIFIED, start)
    period = (date(2025, 1, 1), date(2025, 12, 31))
    due = len(list(due_dates(rule_for(worker), start, period[1])))
    held = [start + timedelta(days=28 * k) for k in range(1, 7)]
    figure = worker_compliance(worker, held, *period)
    assert figure == Compliance(held=6, due=due)
    keen = worker_compliance(worker, [start + timedelta(days=k) for k in range(1, 40)], *period)
    assert keen.ratio == 1.0
    team = team_compliance([figure, keen])
    # One worker's extra sessions do not hide the other's missed ones.
    assert team == Compliance(held=6 + due, due=2 * due)


def test_no_sessions_due_after_leaving() -> None:
    start = date(2025, 1, 6)
    worker = _worker(Stage.QUALIFIED, start, leaving_date=date(2025, 3, 1))
    figure = worker_compliance(worker, [], date(2025, 6, 1), date(2025, 12, 31))
    assert figure.due == 0
    assert figure.ratio is None
