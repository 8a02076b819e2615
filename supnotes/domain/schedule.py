"""When supervision is due, whether it is overdue, and how well a team kept to it.

Defaults follow the LGA Standards for Employers: ASYE/NQSW weekly for the
first 6 weeks, fortnightly until 6 months, then monthly; experienced and
unqualified workers every 4 weeks; managers monthly. Every rule can be
replaced in settings, and per worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from supnotes.domain.frequency import FrequencyRule, InvalidRule
from supnotes.domain.people import ListedWorker, Stage, Worker
from supnotes.domain.rule_names import ASYE_RULE, DEFAULT_RULE_NAMES, NAMED_RULES

__all__ = ["ASYE_RULE", "DEFAULT_RULES"]

# The rules per stage when settings say nothing: the named table's defaults.
DEFAULT_RULES: Mapping[Stage, FrequencyRule] = {
    stage: NAMED_RULES[name] for stage, name in DEFAULT_RULE_NAMES.items()
}


def rules_from_json(value: Any) -> dict[Stage, FrequencyRule]:
    """The stage rules in a settings value, over the defaults for stages it omits."""
    rules = dict(DEFAULT_RULES)
    if value is None:
        return rules
    if not isinstance(value, Mapping):
        raise InvalidRule("stage rules are an object keyed by stage")
    for key, rule in value.items():
        try:
            stage = Stage(key)
        except ValueError:
            raise InvalidRule(f"unknown stage {key!r}") from None
        rules[stage] = FrequencyRule.from_json(rule)
    return rules


def rules_to_json(rules: Mapping[Stage, FrequencyRule]) -> dict[str, Any]:
    return {str(stage): rules[stage].to_json() for stage in sorted(rules)}


def rule_for(
    worker: Worker | ListedWorker, rules: Mapping[Stage, FrequencyRule] = DEFAULT_RULES
) -> FrequencyRule:
    """The worker's own rule, else the rule for their stage."""
    if worker.frequency_rule is not None:
        return worker.frequency_rule
    return rules.get(worker.stage, DEFAULT_RULES[worker.stage])


def next_due(rule: FrequencyRule, start: date, last_held: date | None) -> date:
    """When the next session is due.

    After a session: the interval in force on that day later. Before any
    session: one interval after the start date.
    """
    base = start if last_held is None or last_held < start else last_held
    return rule.interval_on(start, base).after(base)


def is_overdue(due: date, today: date) -> bool:
    return today > due


def days_overdue(due: date, today: date) -> int:
    return max(0, (today - due).days)


def due_dates(rule: FrequencyRule, start: date, until: date) -> Iterator[date]:
    """The ideal schedule: every date a session falls due, from ``start`` to ``until``.

    Within a phase dates are counted from the phase's first date, so monthly
    sessions from 31 January fall on 28 February and 31 March, not drifting
    to the 28th.
    """
    anchor = start
    phase = rule.phase_index(start, start)
    steps = 0
    current = start
    while True:
        now_phase = rule.phase_index(start, current)
        if now_phase != phase:
            anchor, phase, steps = current, now_phase, 0
        steps += 1
        previous, current = current, rule.phases[phase].interval.after(anchor, steps)
        if current > until or current <= previous:  # past ``until``, or the calendar's end
            return
        yield current


@dataclass(frozen=True, slots=True)
class Compliance:
    """Sessions held against sessions due over a period.

    ``held`` counts every session; ``on_target`` caps it at ``due`` so that
    extra sessions for one worker cannot hide missed ones for another.
    """

    held: int
    due: int

    @property
    def on_target(self) -> int:
        return min(self.held, self.due)

    @property
    def ratio(self) -> float | None:
        """Share of due sessions that were held (0..1), None when none were due."""
        return None if self.due == 0 else self.on_target / self.due

    def __add__(self, other: Compliance) -> Compliance:
        # Team totals add capped figures, for the reason given above.
        return Compliance(self.on_target + other.on_target, self.due + other.due)


def worker_compliance(
    worker: Worker,
    held: Iterable[date],
    period_start: date,
    period_end: date,
    rules: Mapping[Stage, FrequencyRule] = DEFAULT_RULES,
) -> Compliance:
    """Sessions held vs due for one worker between two dates (inclusive)."""
    if period_end < period_start:
        raise ValueError("the period ends before it starts")
    last_day = period_end
    if worker.leaving_date is not None:
        last_day = min(last_day, worker.leaving_date)
    due = sum(
        1
        for day in due_dates(rule_for(worker, rules), worker.start_date, last_day)
        if day >= period_start
    )
    held_count = sum(1 for day in held if period_start <= day <= last_day)
    return Compliance(held_count, due)


def team_compliance(figures: Iterable[Compliance]) -> Compliance:
    total = Compliance(0, 0)
    for figure in figures:
        total = total + figure
    return total
