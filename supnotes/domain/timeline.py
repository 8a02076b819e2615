"""One worker's supervision over a period, as marks on a line: what the overview draws.

Sessions are marked by kind (one-to-one, group, ad-hoc) and whether they are
signed; due dates follow the compliance calendar (docs/compliance.md); an
*overdue span* runs from a rolling due date to the session that ended it (or
to the period's end) when it lasted longer than the grace.
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
class WorkerTimeline:
    worker: Worker
    window: Period  # the part of the period in post
    marks: tuple[SessionMark, ...]
    due_dates: tuple[date, ...]
    overdue: tuple[Span, ...]


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
        worker, window, tuple(m for m in marks if m.on in window), tuple(due), clipped
    )
