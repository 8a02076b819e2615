"""One worker's supervision over a period, as marks on a line: what the overview draws.

Sessions are marked by kind (one-to-one, group, ad-hoc) and whether they are
signed; due dates follow the compliance calendar (docs/compliance.md); an
*overdue span* runs from a rolling due date to the session that ended it (or
to the period's end) when it lasted longer than the grace.

Open actions (outstanding, with their due date, the revised one if carried
forward) and the date the worker's latest supervision agreement is due for
review are marks too; each is *overdue* once its date is before today, as the
overdue list counts them (services/overdue.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from supnotes.domain.compliance import (
    Period,
    anchor_of,
    due_calendar,
    in_post,
    next_due,
)
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.people import Worker
from supnotes.domain.records import RecordKind


@dataclass(frozen=True, slots=True)
class SessionMark:
    on: date
    kind: RecordKind
    signed: bool
    counts: bool  # counts as supervision held (docs/supervision-held.md)


@dataclass(frozen=True, slots=True)
class Span:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True, slots=True)
class DatedMark:
    """An open action's due date, or an agreement's review date."""

    on: date
    overdue: bool  # the date is before today and it is still open


@dataclass(frozen=True, slots=True)
class WorkerTimeline:
    worker: Worker
    window: Period  # the part of the period in post
    marks: tuple[SessionMark, ...]
    due_dates: tuple[date, ...]
    overdue: tuple[Span, ...]
    actions: tuple[DatedMark, ...] = ()  # every open action, whatever its date
    review: DatedMark | None = None  # the latest agreement's review date, if any
    undated_actions: int = 0  # open actions with no due date (counted, not drawn)

    @property
    def open_actions(self) -> int:
        return len(self.actions) + self.undated_actions

    @property
    def actions_overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)


def dated_marks(days: Iterable[date], today: date) -> tuple[DatedMark, ...]:
    """Marks for ``days`` in date order, overdue when before ``today``."""
    return tuple(DatedMark(day, day < today) for day in sorted(days))


def overdue_spans(
    rule: FrequencyRule,
    start_date: date,
    anchor: date,
    held: Iterable[date],
    end: date,
    *,
    grace: int,
) -> list[Span]:
    """Each stretch past a rolling due date longer than ``grace`` days, up to ``end``."""
    spans: list[Span] = []
    previous = anchor
    for day in sorted(d for d in set(held) if anchor < d <= end):
        due = next_due(rule, start_date, previous)
        if (day - due).days > grace:
            spans.append(Span(due, day))
        previous = day
    due = next_due(rule, start_date, previous)
    if (end - due).days > grace:
        spans.append(Span(due, end))
    return spans


def worker_timeline(
    worker: Worker,
    rule: FrequencyRule,
    marks: Iterable[SessionMark],
    period: Period,
    grace_days: int,
    *,
    actions: tuple[DatedMark, ...] = (),
    review: DatedMark | None = None,
    undated_actions: int = 0,
) -> WorkerTimeline | None:
    """The worker's line over ``period``; None when they were not in post in it."""
    window = in_post(worker, period)
    if window is None:
        return None
    marks = sorted(marks, key=lambda m: (m.on, m.kind))
    held = [m.on for m in marks if m.counts]
    anchor = anchor_of(worker.start_date, held, period.start)
    due = [d for d in due_calendar(rule, worker.start_date, anchor, window.end) if d in window]
    spans = overdue_spans(rule, worker.start_date, anchor, held, window.end, grace=grace_days)
    clipped = tuple(Span(max(s.start, window.start), s.end) for s in spans if s.end >= window.start)
    return WorkerTimeline(
        worker,
        window,
        tuple(m for m in marks if m.on in window),
        tuple(due),
        clipped,
        actions,
        review,
        undated_actions,
    )
