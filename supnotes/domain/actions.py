"""Actions and their review in later sessions (continuity).

Each session reviews the actions still open from earlier ones: done,
carried forward (still open, reviewed again next time) or dropped. The
outcome is recorded in the reviewing session and moves the action itself.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED_FORWARD = "carried-forward"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD)


@dataclass(frozen=True, slots=True)
class Action:
    """Something someone agreed to do, by a date.

    ``raised_in`` is the record that set it; ``closed_in`` the record whose
    review marked it done or dropped. ``revised_due_on`` is set when it is
    carried forward to a new date (the original ``due_on`` stays as signed).
    """

    id: str
    raised_in: str
    text: str
    owner: str = ""
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_in: str | None = None
    revised_due_on: date | None = None
    child_ref: str | None = None
    position: int = 0

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def is_outstanding(self) -> bool:
        """Open and written: an action row left empty is not work anyone owes.

        The vault's ``OUTSTANDING_ACTION`` SQL condition says the same.
        """
        return self.is_open and bool(self.text.strip())

    @property
    def effective_due_on(self) -> date | None:
        return self.revised_due_on or self.due_on

    def is_overdue(self, today: date) -> bool:
        due = self.effective_due_on
        return self.is_outstanding and due is not None and today > due

    def text_parts(self) -> tuple[str, ...]:
        return (self.text, self.owner)


@dataclass(frozen=True, slots=True)
class ActionReview:
    """A record's review of an earlier action.

    ``outcome`` None means "not reviewed yet"; ``prior_status`` remembers the
    action's status before this review, so an outcome can be undone while the
    record is a draft.
    """

    record_id: str
    action_id: str
    prior_status: ActionStatus
    outcome: ActionStatus | None = None
    note: str = ""
    position: int = 0


REVIEW_OUTCOMES = (ActionStatus.DONE, ActionStatus.CARRIED_FORWARD, ActionStatus.DROPPED)


def actions_to_review(actions: Iterable[Action], new_record_id: str) -> list[Action]:
    """Every open action from other records, in due-date order, for a new record's review."""
    chosen = [a for a in actions if a.is_outstanding and a.raised_in != new_record_id]
    return sorted(chosen, key=lambda a: (a.effective_due_on or date.max, a.position, a.id))


def start_review(actions: Iterable[Action], record_id: str) -> list[ActionReview]:
    return [
        ActionReview(record_id, action.id, prior_status=action.status, position=index)
        for index, action in enumerate(actions_to_review(actions, record_id))
    ]


def apply_review(
    action: Action,
    review: ActionReview,
    outcome: ActionStatus | None,
    *,
    note: str | None = None,
    new_due_on: date | None = None,
) -> tuple[Action, ActionReview]:
    """Set (or clear, with None) a review outcome; returns the updated action and review."""
    if review.action_id != action.id:
        raise ValueError("this review is of another action")
    if outcome is not None and outcome not in REVIEW_OUTCOMES:
        raise ValueError(f"a review outcome is one of {', '.join(REVIEW_OUTCOMES)}")
    updated_review = replace(review, outcome=outcome, note=review.note if note is None else note)
    if outcome is None:
        restored = replace(action, status=review.prior_status, closed_in=None)
        return restored, updated_review
    closed_in = review.record_id if outcome in (ActionStatus.DONE, ActionStatus.DROPPED) else None
    revised = action.revised_due_on
    if outcome is ActionStatus.CARRIED_FORWARD and new_due_on is not None:
        revised = new_due_on
    return replace(action, status=outcome, closed_in=closed_in, revised_due_on=revised), (
        updated_review
    )
