"""Frequency rules: how often a worker should be supervised, as data.

A rule is a list of phases measured from the worker's start date, e.g. the
ASYE/NQSW default "weekly for 6 weeks, fortnightly until 6 months, then
monthly". Rules are stored in settings and on workers as JSON, so they are
plain values with a stable JSON form.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


class InvalidRule(ValueError):
    """A frequency rule (from settings, a worker row or an import) that makes no sense."""


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamping to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, slots=True)
class Interval:
    """A gap between sessions: a number of days or of calendar months (one of them)."""

    days: int = 0
    months: int = 0

    def __post_init__(self) -> None:
        if (self.days > 0) == (self.months > 0) or self.days < 0 or self.months < 0:
            raise ValueError("an interval is a positive number of days or of months")

    def after(self, day: date, times: int = 1) -> date:
        """``day`` plus this interval ``times`` times (months counted from ``day``, no drift).

        Past the calendar's end (a record dated 31/12/9999, say, from an import)
        the answer is ``date.max``, not an OverflowError: every view, count
        and report that computes a due date keeps working.
        """
        try:
            if self.months:
                return add_months(day, self.months * times)
            return day + timedelta(days=self.days * times)
        except (OverflowError, ValueError):
            return date.max

    def describe(self) -> str:
        if self.months:
            return "monthly" if self.months == 1 else f"every {self.months} months"
        if self.days % 7 == 0:
            weeks = self.days // 7
            return {1: "weekly", 2: "fortnightly"}.get(weeks, f"every {weeks} weeks")
        return f"every {self.days} days"


@dataclass(frozen=True, slots=True)
class FrequencyPhase:
    """Sessions every ``interval`` while the worker is under ``until_day`` days in post.

    ``until_day`` None means "from then on" and ends a rule.
    """

    interval: Interval
    until_day: int | None = None


@dataclass(frozen=True, slots=True)
class FrequencyRule:
    phases: tuple[FrequencyPhase, ...]

    def __post_init__(self) -> None:
        if not self.phases:
            raise ValueError("a frequency rule needs at least one phase")
        if self.phases[-1].until_day is not None:
            raise ValueError("the last phase of a frequency rule must be open-ended")
        limits = [p.until_day for p in self.phases[:-1] if p.until_day is not None]
        if len(limits) != len(self.phases) - 1 or any(limit <= 0 for limit in limits):
            raise ValueError("only the last phase may be open-ended; limits must be positive")
        if limits != sorted(limits) or len(set(limits)) != len(limits):
            raise ValueError("phase limits must increase")

    @classmethod
    def every(cls, *, days: int = 0, months: int = 0) -> FrequencyRule:
        return cls((FrequencyPhase(Interval(days=days, months=months)),))

    def phase_index(self, start: date, on: date) -> int:
        """Index of the phase in force on ``on`` for a worker who started on ``start``."""
        served = (on - start).days
        for index, phase in enumerate(self.phases):
            if phase.until_day is None or served < phase.until_day:
                return index
        return len(self.phases) - 1  # pragma: no cover - the last phase is open-ended

    def interval_on(self, start: date, on: date) -> Interval:
        return self.phases[self.phase_index(start, on)].interval

    def describe(self) -> str:
        parts = []
        for phase in self.phases:
            text = phase.interval.describe()
            if phase.until_day is not None:
                text += f" until day {phase.until_day}"
            parts.append(text)
        return ", then ".join(parts)

    # -- JSON form (settings, worker rows, export) ------------------------------

    def to_json(self) -> list[dict[str, int | None]]:
        out: list[dict[str, int | None]] = []
        for phase in self.phases:
            item: dict[str, int | None] = {"until_day": phase.until_day}
            if phase.interval.months:
                item["every_months"] = phase.interval.months
            else:
                item["every_days"] = phase.interval.days
            out.append(item)
        return out

    @classmethod
    def from_json(cls, value: Any) -> FrequencyRule:
        """Parse the JSON form; raises ValueError with a reason when it is malformed."""
        if not isinstance(value, list):
            raise InvalidRule("a frequency rule is a list of phases")
        phases = []
        for item in value:
            if not isinstance(item, Mapping) or set(item) - {
                "until_day",
                "every_days",
                "every_months",
            }:
                raise InvalidRule("a phase has until_day and every_days or every_months")
            until = item.get("until_day")
            days = item.get("every_days", 0)
            months = item.get("every_months", 0)
            if not all(_is_int(v) for v in (days, months)) or not (until is None or _is_int(until)):
                raise InvalidRule("phase numbers must be whole numbers")
            phases.append(FrequencyPhase(Interval(days=days, months=months), until))
        return cls(tuple(phases))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
