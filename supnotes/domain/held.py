"""What counts as supervision held: the one rule every view, count and report uses.

Written out in ``docs/supervision-held.md``. In short:

- A record **has content** when any answer is non-empty (text that is not
  blank, a number, a ticked box), or any case discussion, action, decision
  or attendee row holds text, or any review of an earlier action has an
  outcome. A case discussion's placeholder reference ("(no reference yet)",
  put there when a card is added) is not text anyone typed; a review date on
  a card counts.
- A record counts as **supervision held** when it is a one-to-one (ASYE ones
  included: their template is a one-to-one) and is signed, or is a draft
  with content dated today or earlier (shown as unsigned).
- Group sessions count, for each attending worker, only when the setting
  ``schedule.count_group_sessions`` is on (default off), by the same test.
- Ad-hoc decisions and supervision agreements never count.
- A draft without content never counts; one left behind (a crash, an editor
  closed untouched) is removed at the next start.

The vault answers the same question in SQL for speed
(:mod:`supnotes.vault.repositories.held`); a test runs both over the same
records and requires the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from supnotes.domain.content import RecordContent
from supnotes.domain.records import AnswerValue, Record, RecordKind

# What "blank" strips, here and in the SQL (SQLite's trim() takes the same list).
BLANK = " \t\n\r"
# The reference a new case card carries until one is typed (not content).
PLACEHOLDER_REF = "(no reference yet)"
# The setting that lets group sessions count (the oversight issue builds on it).
COUNT_GROUP_SETTING = "schedule.count_group_sessions"


def _text(value: str | None) -> bool:
    return bool(value and value.strip(BLANK))


def answer_has_content(value: AnswerValue) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and _text(value)


def has_content(content: RecordContent) -> bool:
    """True when anything was written in the record (see the module docstring)."""
    if any(answer_has_content(v) for v in content.record.answers.values()):
        return True
    for case in content.case_discussions:
        ref = case.child_ref if case.child_ref != PLACEHOLDER_REF else ""
        parts = (ref, *case.text_parts()[1:])
        if any(_text(p) for p in parts) or case.review_date is not None:
            return True
    if any(_text(a.text) or _text(a.owner) or _text(a.child_ref) for a in content.actions):
        return True
    if any(
        _text(d.child_ref) or _text(d.decision) or _text(d.rationale) or _text(d.decided_by)
        for d in content.decisions
    ):
        return True
    if any(_text(a.name) for a in content.attendees):
        return True
    return any(r.outcome is not None for r in content.reviews)


def is_held(record: Record, content: bool, today: date, *, count_group: bool = False) -> bool:
    """Whether ``record`` counts as supervision held (``content``: :func:`has_content`)."""
    if record.kind is RecordKind.GROUP:
        if not count_group:
            return False
    elif record.kind is not RecordKind.ONE_TO_ONE:
        return False
    if record.status.is_locked:  # signed here, or signed elsewhere and imported
        return True
    return content and record.held_on <= today


def held_by(content: RecordContent) -> tuple[str, ...]:
    """The workers a held record counts for: its supervisee, or a group's attending workers."""
    if content.record.kind is RecordKind.GROUP:
        return tuple(dict.fromkeys(a.worker_id for a in content.attendees if a.worker_id))
    return () if content.record.worker_id is None else (content.record.worker_id,)


def last_held(
    contents: Iterable[RecordContent],
    worker_id: str,
    today: date,
    *,
    count_group: bool = False,
    signed_only: bool = False,
) -> date | None:
    """The date of ``worker_id``'s latest supervision held on or before ``today``.

    ``signed_only``: the latest signed one (when it is older than the latest
    held, that one is a draft and is shown as unsigned).
    """
    dates = [
        c.record.held_on
        for c in contents
        if worker_id in held_by(c)
        and c.record.held_on <= today
        and (c.record.is_locked or not signed_only)
        and is_held(c.record, has_content(c), today, count_group=count_group)
    ]
    return max(dates, default=None)


def held_dates(
    contents: Iterable[RecordContent], worker_id: str, today: date, *, count_group: bool = False
) -> list[date]:
    """Every date ``worker_id`` was supervised (for compliance: sessions held vs due)."""
    return sorted(
        c.record.held_on
        for c in contents
        if worker_id in held_by(c)
        and is_held(c.record, has_content(c), today, count_group=count_group)
    )
