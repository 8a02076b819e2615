"""Compliance over a period: sessions due vs held, overdue, longest gap, progression.

Exactly the definitions of issue 14, written out with worked examples in
``docs/compliance.md``. What counts as a session *held* is not decided here:
callers pass the dates that :mod:`supnotes.domain.held` (or its SQL twin)
counted, group sessions included only when ``schedule.count_group_sessions``
is on.

- **Due dates** run as a calendar from an *anchor*: the last session held
  before the period, or the start date if there is none. Each due date is the
  previous one plus the interval of the phase the previous one falls in
  (phases count from the start date). Sessions *due* in a period are the due
  dates inside it while the worker is in post (start date to leaving date,
  both included).
- **Overdue** is rolling, as the worker list shows it: the next session is
  due one interval after the last one held (or after the start date). The
  days overdue are the days past that date; a session is *flagged* overdue
  only once the days overdue exceed the grace (``schedule.grace_days``).
- **Longest gap**: the most days between consecutive held sessions, counted
  from the anchor and up to the period's end (or the leaving date).
- **ASYE/NQSW progression met**: over the phases that ended within the
  period, every gap between consecutive sessions (the first from the start
  date) is at most the phase's interval plus the grace; a gap belongs to the
  phase in which it starts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.people import Stage, Worker

GRACE_SETTING = "schedule.grace_days"
DEFAULT_GRACE_DAYS = 3


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def in_post(worker: Worker, period: Period) -> Period | None:
    """The part of ``period`` the worker was in post (leaving date included), or None."""
    first = max(period.start, worker.start_date)
    last = period.end if worker.leaving_date is None else min(period.end, worker.leaving_date)
    return None if last < first else Period(first, last)


def anchor_of(start_date: date, held: Iterable[date], period_start: date) -> date:
    """The last session held before the period (on or after the start date), else the start."""
    before = [d for d in held if start_date <= d < period_start]
    return max(before, default=start_date)


def _interval_after(rule: FrequencyRule, start_date: date, day: date) -> date:
    """``day`` plus the interval of the phase ``day`` falls in (phases from ``start_date``)."""
    return rule.interval_on(start_date, day).after(day)


def due_calendar(rule: FrequencyRule, start_date: date, anchor: date, until: date) -> list[date]:
    """Every due date after ``anchor`` up to ``until``: each the previous plus its interval."""
    dates: list[date] = []
    current = anchor
    while True:
        following = _interval_after(rule, start_date, current)
        if following > until or following <= current:  # past ``until``, or the calendar's end
            return dates
        dates.append(following)
        current = following


def next_due(rule: FrequencyRule, start_date: date, last_held: date | None) -> date:
    """Rolling: one interval after the last session held, or after the start date."""
    base = start_date if last_held is None or last_held < start_date else last_held
    return _interval_after(rule, start_date, base)


def days_overdue(rule: FrequencyRule, start_date: date, held: Iterable[date], on: date) -> int:
    """Days past the rolling due date on ``on`` (0 when not yet due), grace not subtracted."""
    last = max((d for d in held if d <= on), default=None)
    return max(0, (on - next_due(rule, start_date, last)).days)


def is_overdue(days: int, grace_days: int) -> bool:
    """Flagged overdue: more days overdue than the grace allows."""
    return days > grace_days


@dataclass(frozen=True, slots=True)
class LateSession:
    """A session held after its rolling due date."""

    held_on: date
    due_on: date

    @property
    def days(self) -> int:
        return (self.held_on - self.due_on).days


def late_sessions(
    rule: FrequencyRule, start_date: date, anchor: date, held_in_period: Sequence[date]
) -> list[LateSession]:
    """Each session in the period held after the date the previous one made it due."""
    late: list[LateSession] = []
    previous = anchor
    for day in sorted(held_in_period):
        due = next_due(rule, start_date, previous)
        if day > due:
            late.append(LateSession(day, due))
        previous = day
    return late


def _gaps(points: Sequence[date]) -> list[tuple[date, int]]:
    return [(a, (b - a).days) for a, b in itertools.pairwise(points)]


def longest_gap(anchor: date, held_in_period: Iterable[date], end: date) -> int:
    """The most days between consecutive sessions, from ``anchor`` up to ``end``."""
    points = [anchor, *sorted(d for d in set(held_in_period) if anchor < d <= end), end]
    return max((days for _, days in _gaps(points)), default=0)


def phase_ends(rule: FrequencyRule, start_date: date) -> list[date]:
    """The last day of each phase with an end (phase i covers days before ``until_day``)."""
    return [
        start_date + timedelta(days=p.until_day - 1) for p in rule.phases if p.until_day is not None
    ]


def progression_met(
    rule: FrequencyRule,
    start_date: date,
    held: Iterable[date],
    window: Period,
    grace_days: int,
) -> bool | None:
    """Whether every gap in the phases that ended in ``window`` kept to interval + grace.

    None when no phase ended within the window (nothing to judge). Gaps run
    from the start date through every session held to the window's end; the
    last one is still open at the window's end and counts too.
    """
    ended = [i for i, last in enumerate(phase_ends(rule, start_date)) if last in window]
    if not ended:
        return None
    points = [start_date, *sorted(d for d in set(held) if start_date < d <= window.end)]
    points.append(window.end)
    for begins, days in _gaps(points):
        phase = rule.phase_index(start_date, begins)
        if phase not in ended:
            continue
        allowed = (rule.phases[phase].interval.after(begins) - begins).days + grace_days
        if days > allowed:
            return False
    return True


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """What a report needs of one action: when raised, closed, due, and whether open now."""

    raised_on: date
    closed_on: date | None
    due_on: date | None
    outstanding: bool  # open (or carried forward) and written


@dataclass(frozen=True, slots=True)
class ActionCounts:
    raised: int = 0
    closed: int = 0
    overdue: int = 0

    def __add__(self, other: ActionCounts) -> ActionCounts:
        return ActionCounts(
            self.raised + other.raised, self.closed + other.closed, self.overdue + other.overdue
        )


def count_actions(actions: Iterable[ActionFacts], window: Period) -> ActionCounts:
    """Raised and closed within ``window``; overdue: still outstanding, due before its end."""
    raised = closed = overdue = 0
    for action in actions:
        raised += action.raised_on in window
        closed += action.closed_on is not None and action.closed_on in window
        overdue += (
            action.outstanding
            and action.due_on is not None
            and action.raised_on <= window.end
            and action.due_on < window.end
        )
    return ActionCounts(raised, closed, overdue)


@dataclass(frozen=True, slots=True)
class WorkerCompliance:
    """One worker's figures for the part of a period they were in post."""

    worker: Worker
    period: Period
    window: Period  # the part of the period in post
    anchor: date
    due_dates: tuple[date, ...]
    held_dates: tuple[date, ...]
    longest_gap: int
    days_overdue_at_end: int
    late: tuple[LateSession, ...]
    progression_met: bool | None  # None: not ASYE/NQSW, or no phase ended in the period
    overdue: bool  # days overdue at the end exceed the grace
    actions: ActionCounts = ActionCounts()
    caseload_start: int | None = None
    caseload_end: int | None = None

    @property
    def due(self) -> int:
        return len(self.due_dates)

    @property
    def held(self) -> int:
        return len(self.held_dates)

    @property
    def most_days_overdue(self) -> int:
        """The most days overdue in the period: a session held late, or the state at the end."""
        return max([self.days_overdue_at_end, *(s.days for s in self.late)])

    @property
    def part_of_period(self) -> str:
        """ "joined", "left", "joined and left" or "" (in post for all of ``period``)."""
        joined = self.window.start > self.period.start
        left = self.window.end < self.period.end
        return " and ".join(w for w, on in (("joined", joined), ("left", left)) if on)


def worker_compliance(
    worker: Worker,
    rule: FrequencyRule,
    held: Iterable[date],
    period: Period,
    *,
    grace_days: int = DEFAULT_GRACE_DAYS,
    actions: Iterable[ActionFacts] = (),
) -> WorkerCompliance | None:
    """``worker``'s compliance over ``period``; None when they were not in post in it.

    ``held``: every date the worker was supervised (the held rule's answer),
    before, within and after the period.
    """
    window = in_post(worker, period)
    if window is None:
        return None
    all_held = sorted(set(held))
    start = worker.start_date
    anchor = anchor_of(start, all_held, period.start)
    in_period = tuple(d for d in all_held if d in window)
    due = tuple(d for d in due_calendar(rule, start, anchor, window.end) if d in window)
    at_end = days_overdue(rule, start, all_held, window.end)
    progression = (
        progression_met(rule, start, all_held, window, grace_days)
        if worker.stage is Stage.ASYE
        else None
    )
    return WorkerCompliance(
        worker=worker,
        period=period,
        window=window,
        anchor=anchor,
        due_dates=due,
        held_dates=in_period,
        longest_gap=longest_gap(anchor, in_period, window.end),
        days_overdue_at_end=at_end,
        late=tuple(late_sessions(rule, start, anchor, in_period)),
        progression_met=progression,
        overdue=is_overdue(at_end, grace_days),
        actions=count_actions(actions, window),
        caseload_start=worker.caseload_on(window.start),
        caseload_end=worker.caseload_on(window.end),
    )


@dataclass(frozen=True, slots=True)
class TeamTotals:
    workers: int
    due: int
    held: int
    held_on_target: int  # held capped at due per worker: extra sessions hide no missed ones
    overdue_workers: int
    progression_not_met: int
    actions: ActionCounts
    caseload_start: int
    caseload_end: int


def team_totals(rows: Iterable[WorkerCompliance]) -> TeamTotals:
    rows = list(rows)
    actions = ActionCounts()
    for row in rows:
        actions = actions + row.actions
    return TeamTotals(
        workers=len(rows),
        due=sum(r.due for r in rows),
        held=sum(r.held for r in rows),
        held_on_target=sum(min(r.held, r.due) for r in rows),
        overdue_workers=sum(r.overdue for r in rows),
        progression_not_met=sum(r.progression_met is False for r in rows),
        actions=actions,
        caseload_start=sum(r.caseload_start or 0 for r in rows),
        caseload_end=sum(r.caseload_end or 0 for r in rows),
    )
