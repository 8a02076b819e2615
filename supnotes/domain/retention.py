"""The retention rule: when a record has been kept long enough to be reviewed for deletion.

The organisation's retention period is a number of years counted from one of
two starting points (the settings ``retention.years`` and ``retention.basis``):

- ``after-leaving``: from the day the worker left. A one-to-one, ad-hoc or
  agreement record waits for its worker's leaving date; a group record waits
  until every attendee who is a worker in the vault has left (a group with no
  such attendee counts from its creation instead). A worker still in post
  keeps all their records.
- ``after-creation``: from the day the record was created.

A worker handed over to another supervisor counts as having left on the day
of the handover (or on their leaving date, if that is earlier): the giver's
copy is then reviewed under the same period, and the review names the
handover as the reason.

Pure Python: no Qt, no SQL. The vault gathers :class:`RecordFacts`; this
module only decides.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Basis = Literal["after-leaving", "after-creation"]
BASES: tuple[Basis, ...] = ("after-leaving", "after-creation")


@dataclass(frozen=True)
class RetentionRule:
    years: int
    basis: Basis

    def __post_init__(self) -> None:
        if self.years < 1:
            raise ValueError("a retention period is at least one year")
        if self.basis not in BASES:
            raise ValueError(f"unknown retention basis {self.basis!r}")

    def describe(self) -> str:
        """The rule in words, as the audit trail and the confirmation name it."""
        unit = "year" if self.years == 1 else "years"
        start = "the worker left" if self.basis == "after-leaving" else "the record was created"
        return f"{self.years} {unit} after {start}"


@dataclass(frozen=True)
class HandedOver:
    """A worker handed over to another supervisor: when, and to whom."""

    on: date
    # The receiver's name if the giver gave one, else their key's fingerprint.
    to: str

    def describe(self) -> str:
        return f"handed over to {self.to} on {self.on.strftime('%d/%m/%Y')}"


def effective_leaving(left: date | None, handed: HandedOver | None) -> date | None:
    """The day a worker counts as gone for retention: left or handed over, whichever first."""
    days = [d for d in (left, None if handed is None else handed.on) if d is not None]
    return min(days) if days else None


@dataclass(frozen=True)
class RecordFacts:
    """What the rule needs to know about one record (no content)."""

    record_id: str
    reference: str
    kind: str
    status: str
    held_on: date
    created_on: date
    # The leaving dates of the workers the record belongs to (None: still in post).
    # Empty for a group with no attendee who is a worker in the vault.
    leaving_dates: tuple[date | None, ...]
    # Aligned with ``leaving_dates``: each worker's handover, if handed over.
    # Empty (the default) when no worker of the record was handed over.
    handovers: tuple[HandedOver | None, ...] = ()

    def departures(self) -> tuple[date | None, ...]:
        """Each worker's effective leaving day (see :func:`effective_leaving`)."""
        handed = self.handovers or (None,) * len(self.leaving_dates)
        return tuple(
            effective_leaving(left, h) for left, h in zip(self.leaving_dates, handed, strict=True)
        )


@dataclass(frozen=True)
class Due:
    """A record past its retention period."""

    facts: RecordFacts
    due_on: date
    # Records kept (not yet due) that would change if this one went: a later
    # record reviewing this one's actions. The record waits for them.
    waits_for: tuple[str, ...] = ()
    # Why its period started, in words ("handed over to Rita Patel on 01/03/2026").
    reason: str = ""

    @property
    def deletable(self) -> bool:
        return not self.waits_for


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` calendar years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def start_of_period(rule: RetentionRule, facts: RecordFacts) -> date | None:
    """The day the retention period starts counting, or None while it has not begun."""
    if rule.basis == "after-creation" or not facts.leaving_dates:
        return facts.created_on
    departures = facts.departures()
    if any(left is None for left in departures):
        return None
    return max(left for left in departures if left is not None)


def reason(rule: RetentionRule, facts: RecordFacts) -> str:
    """Why the record's period started, in words, or "" while it has not."""
    start = start_of_period(rule, facts)
    if start is None:
        return ""
    day = start.strftime("%d/%m/%Y")
    if rule.basis == "after-creation" or not facts.leaving_dates:
        return f"created on {day}"
    handed = facts.handovers or (None,) * len(facts.leaving_dates)
    # The worker whose departure started the period; a handover names its receiver.
    for left, handover in zip(facts.leaving_dates, handed, strict=True):
        if effective_leaving(left, handover) == start:
            if handover is not None and handover.on == start:
                return handover.describe()
            return f"left on {day}"
    return f"left on {day}"


def due_on(rule: RetentionRule, facts: RecordFacts) -> date | None:
    """The first day the record is past retention (None: not yet known)."""
    start = start_of_period(rule, facts)
    return None if start is None else add_years(start, rule.years)


def past_retention(
    rule: RetentionRule,
    records: Sequence[RecordFacts],
    today: date,
    reviewed_by: dict[str, set[str]] | None = None,
) -> list[Due]:
    """Records past retention on ``today``, oldest due first.

    ``reviewed_by`` maps a record id to the ids of the records that review its
    actions; a due record whose reviewer is not due too waits for it.
    """
    due: dict[str, date] = {}
    for facts in records:
        day = due_on(rule, facts)
        if day is not None and day <= today:
            due[facts.record_id] = day
    by_id = {f.record_id: f for f in records}
    found = []
    for record_id, day in due.items():
        waiting = sorted(
            by_id[other].reference
            for other in (reviewed_by or {}).get(record_id, set())
            if other not in due and other in by_id
        )
        facts = by_id[record_id]
        found.append(Due(facts, day, tuple(waiting), reason(rule, facts)))
    return sorted(found, key=lambda d: (d.due_on, d.facts.held_on, d.facts.reference))


@dataclass(frozen=True)
class AuditEntry:
    """One deletion, with no personal content: what, which, when, by whom, why."""

    kind: str
    reference: str
    was_signed: bool
    deleted_at: datetime
    deleted_by: str
    rule: str


AUDIT_HEADER = ("kind", "reference", "was_signed", "deleted_at", "deleted_by", "rule")


def audit_row(entry: AuditEntry) -> tuple[str, ...]:
    return (
        entry.kind,
        entry.reference,
        "yes" if entry.was_signed else "no",
        entry.deleted_at.isoformat(timespec="seconds"),
        entry.deleted_by,
        entry.rule,
    )


def audit_csv(entries: Sequence[AuditEntry]) -> str:
    """The audit trail as CSV text, a header line first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(AUDIT_HEADER)
    writer.writerows(audit_row(e) for e in entries)
    return buffer.getvalue()


@dataclass(frozen=True)
class BackupExpiry:
    """When the backups made before a deletion stop holding the deleted records."""

    # The newest automatic backup made before the deletion, if any.
    last_holding: datetime | None
    # The earliest moment the rolling rule removes it: after ``keep`` newer
    # automatic backups, made at most one per interval.
    expires_at: datetime | None
    # Backups that never age out on their own (written by hand, before a
    # migration): the supervisor deletes them or knows they hold the records.
    kept_by_hand: tuple[str, ...] = ()


def backup_expiry(
    automatic: Sequence[datetime],
    deleted_at: datetime,
    *,
    keep: int,
    interval: timedelta,
    others: Sequence[str] = (),
) -> BackupExpiry:
    """When the last automatic backup made before ``deleted_at`` is rotated away.

    The rolling rule writes a backup when the newest is older than
    ``interval`` and then keeps the newest ``keep``. The newest backup holding
    the records goes when the ``keep``-th backup after it is written: at the
    earliest ``keep`` intervals after it (and no earlier than the deletion plus
    ``keep - 1`` intervals, since the next backup cannot be earlier than now).
    Backups are written only while SupNotes is open, so this is the earliest
    day, not a promise.
    """
    before = sorted(stamp for stamp in automatic if stamp <= deleted_at)
    if not before:
        return BackupExpiry(None, None, tuple(others))
    newest = before[-1]
    first_after = max(deleted_at, newest + interval)
    expires = first_after + interval * (keep - 1)
    return BackupExpiry(newest, expires, tuple(others))
