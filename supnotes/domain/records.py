"""A supervision record: its header, answers, comments and addenda.

The structured lists a record holds (case discussions, actions, decisions,
attendees, reviews of earlier actions) are their own domain objects; see
:class:`supnotes.domain.content.RecordContent` for a whole record.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import MappingProxyType

# A simple field's answer: text, a date or time as ISO text, a choice, a
# scale point, a checkbox, a person (worker id or typed name), or nothing.
AnswerValue = str | int | bool | None


class RecordKind(enum.StrEnum):
    ONE_TO_ONE = "one-to-one"
    GROUP = "group"
    AD_HOC = "ad-hoc"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return {
            RecordKind.ONE_TO_ONE: "One-to-one supervision",
            RecordKind.GROUP: "Group supervision",
            RecordKind.AD_HOC: "Ad-hoc decision",
            RecordKind.AGREEMENT: "Supervision agreement",
        }[self]


class RecordStatus(enum.StrEnum):
    """A record is written as a draft and locked when signed; later changes are addenda.

    ``SIGNED_ELSEWHERE`` is a record that was signed in another vault and
    imported without its sealed PDFs (an export format version 1 file, or a
    version 2 JSON taken out of its zip): its content and the SHA-256 of its
    sealed copy are here, but the signed copy itself is held elsewhere. It is
    locked like a signed record, but it is not "signed" here: nothing in this
    vault can show or check its signature.
    """

    DRAFT = "draft"
    SIGNED = "signed"
    SIGNED_ELSEWHERE = "signed-elsewhere"

    @property
    def label(self) -> str:
        return {
            RecordStatus.DRAFT: "Draft",
            RecordStatus.SIGNED: "Signed",
            RecordStatus.SIGNED_ELSEWHERE: "Signed copy held elsewhere",
        }[self]

    @property
    def is_locked(self) -> bool:
        """Signed here or elsewhere: the content can no longer change (addenda only)."""
        return self is not RecordStatus.DRAFT


@dataclass(frozen=True, slots=True)
class SuperviseeComments:
    """The supervisee's own words on the record, and their acknowledgement."""

    text: str = ""
    agrees: bool | None = None  # None: not said
    acknowledged_name: str = ""
    acknowledged_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ChildCitation:
    """A child an addendum concerns, and the SHA-256 of that child's extract it amends."""

    child_ref: str
    cites_sha256: str


@dataclass(frozen=True, slots=True)
class Addendum:
    """A dated amendment to a signed record; it cites the original's SHA-256.

    ``children`` are the children it concerns: it is issued to each child's
    record as well, citing that child's extract. An addendum that only
    completes one child's extract has no supervision-file copy; its
    ``cites_sha256`` is then that extract's.
    """

    id: str
    record_id: str
    reason: str
    text: str
    added_on: date
    cites_sha256: str | None = None
    signed_at: datetime | None = None
    sealed_sha256: str | None = None
    children: tuple[ChildCitation, ...] = ()

    @property
    def child_refs(self) -> tuple[str, ...]:
        return tuple(c.child_ref for c in self.children)


def _frozen_answers(answers: Mapping[str, AnswerValue]) -> Mapping[str, AnswerValue]:
    return MappingProxyType(dict(sorted(answers.items())))


@dataclass(frozen=True, slots=True)
class Record:
    """One supervision session, decision or agreement.

    ``worker_id`` is the supervisee (None for a group session, whose people
    are its attendees). ``answers`` are keyed ``"<section_id>.<field_id>"``.
    The record keeps the template version it was written with, for ever.
    """

    id: str
    reference: str
    kind: RecordKind
    template_id: str
    template_version: int
    held_on: date
    worker_id: str | None = None
    start_time: time | None = None
    end_time: time | None = None
    next_date: date | None = None
    status: RecordStatus = RecordStatus.DRAFT
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    comments: SuperviseeComments = field(default_factory=SuperviseeComments)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    signed_at: datetime | None = None
    sealed_sha256: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not RecordKind.GROUP and self.worker_id is None:
            raise ValueError(f"a {self.kind} record needs a worker")
        if self.template_version < 1:
            raise ValueError("template versions start at 1")
        object.__setattr__(self, "answers", _frozen_answers(self.answers))

    def problems_before_sealing(self, today: date) -> list[str]:
        """What in the record itself must be corrected before it is sealed for good.

        A signed record is never edited, so a typing slip sealed into it would
        stay in the worker's file and the child's record: an end time before
        the start, or a session dated after the day it is sealed.
        """
        problems = []
        if (
            self.start_time is not None
            and self.end_time is not None
            and self.duration_minutes is None
        ):
            problems.append(
                f"the end time ({self.end_time:%H:%M}) is before the start time "
                f"({self.start_time:%H:%M}): correct it in the record"
            )
        if self.held_on > today:
            problems.append(
                f"the session is dated {self.held_on:%d/%m/%Y}, after today: a record is "
                "sealed once the session has been held"
            )
        return problems

    @property
    def duration_minutes(self) -> int | None:
        """Length of the session, from its start and end times.

        None if either is missing, or if the end is before the start: that is a
        typing slip to flag, not a session of 22 hours across midnight.
        """
        if self.start_time is None or self.end_time is None:
            return None
        start = self.start_time.hour * 60 + self.start_time.minute
        end = self.end_time.hour * 60 + self.end_time.minute
        return end - start if end >= start else None

    @property
    def is_signed(self) -> bool:
        """Signed and sealed in this vault (its signed PDFs are here)."""
        return self.status is RecordStatus.SIGNED

    @property
    def is_locked(self) -> bool:
        """Not editable: signed here, or imported signed with its copy held elsewhere."""
        return self.status.is_locked

    def answer(self, key: str) -> AnswerValue:
        return self.answers.get(key)


def answer_key(section_id: str, field_id: str) -> str:
    return f"{section_id}.{field_id}"


def format_reference(year: int, number: int) -> str:
    """The printed reference of a record, e.g. ``SN-2026-0042``."""
    return f"SN-{year:04d}-{number:04d}"
