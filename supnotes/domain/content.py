"""A whole record: header, answers and every structured list it holds."""

from __future__ import annotations

from dataclasses import dataclass

from supnotes.domain.actions import Action, ActionReview
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.records import Addendum, Record


@dataclass(frozen=True, slots=True)
class RecordContent:
    """Everything one record holds.

    ``actions`` are the actions raised in this record; ``reviews`` are its
    reviews of actions raised earlier (continuity).
    """

    record: Record
    case_discussions: tuple[CaseDiscussion, ...] = ()
    actions: tuple[Action, ...] = ()
    decisions: tuple[Decision, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    reviews: tuple[ActionReview, ...] = ()
    addenda: tuple[Addendum, ...] = ()

    def __post_init__(self) -> None:
        rid = self.record.id
        owned: list[CaseDiscussion | Decision | Attendee | Addendum] = [
            *self.case_discussions,
            *self.decisions,
            *self.attendees,
            *self.addenda,
        ]
        if any(item.record_id != rid for item in owned):
            raise ValueError("every list entry must belong to its record")
        if any(a.raised_in != rid for a in self.actions):
            raise ValueError("a record's actions must be raised in it")
        if any(r.record_id != rid for r in self.reviews):
            raise ValueError("a record's reviews must be its own")

    @property
    def child_refs(self) -> tuple[str, ...]:
        """Children this record is about, in first-mention order."""
        refs: dict[str, None] = {}
        for discussion in self.case_discussions:
            refs.setdefault(discussion.child_ref, None)
        for decision in self.decisions:
            if decision.child_ref.strip():  # a new row's child is still blank
                refs.setdefault(decision.child_ref, None)
        for action in self.actions:
            if action.child_ref:
                refs.setdefault(action.child_ref, None)
        return tuple(refs)

    def people(self, role: AttendeeRole) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendees if a.role is role)

    @property
    def chair(self) -> Attendee | None:
        found = self.people(AttendeeRole.CHAIR)
        return found[0] if found else None

    @property
    def presenter(self) -> Attendee | None:
        found = self.people(AttendeeRole.PRESENTER)
        return found[0] if found else None
