"""A record of any template with a unique canary string in every field.

Each canary is a short word (``ZQ001X``…) that cannot be split by a line
break or found inside another; :class:`Canaries` remembers whose it is, so a
test can say exactly where each one may be printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.records import (
    AnswerValue,
    Record,
    RecordKind,
    RecordStatus,
    SuperviseeComments,
    answer_key,
)
from supnotes.domain.templates import Audience, FieldKind, Template
from supnotes.pdf.record_view import RecordSheet, Signatory

CHILD_A = "C-4101"
CHILD_B = "C-4202"
WORKER_ID = "w-canary"
WORKER = "Priya Halloran"
WORKER_ROLE = "Newly qualified social worker"  # her stage: never on a child's record
SUPERVISOR = "Helen Marchbank"
PRESENTER = "Ceri Maddox"
HELD_ON = date(2026, 3, 20)
NEXT_DATE = date(2026, 4, 17)  # "Friday 17 April 2026"
REVIEW_A = date(2026, 5, 5)  # "Tuesday 5 May 2026"
REVIEW_B = date(2026, 6, 9)  # "Tuesday 9 June 2026"
CHILD_ANSWER_DATE = date(2026, 7, 14)  # a date answer in a child-record section
FILE_ANSWER_DATE = date(2026, 8, 11)  # a date answer in a supervision-file section
REFERENCE = "SN-2026-0417"

# Whose a canary is.
PRIVATE = "private"  # the supervisor's notes: never printed
FILE = "file"  # the worker's supervision file only
CHILD_ANSWER = "child-answer"  # a simple answer in a child-record section


@dataclass
class Canaries:
    """Every canary written into a record: token -> (owner, where it was put)."""

    owner: dict[str, str] = field(default_factory=dict)
    place: dict[str, str] = field(default_factory=dict)

    def new(self, owner: str, place: str) -> str:
        token = f"ZQ{len(self.owner) + 1:03d}X"
        self.owner[token] = owner
        self.place[token] = place
        return token

    def of(self, *owners: str) -> list[str]:
        return [t for t, o in self.owner.items() if o in owners]

    def not_of(self, *owners: str) -> list[str]:
        return [t for t, o in self.owner.items() if o not in owners]


def _answer(
    kind: FieldKind, canaries: Canaries, owner: str, place: str, audience: Audience
) -> AnswerValue:
    if kind in (FieldKind.TEXT, FieldKind.SHORT_TEXT, FieldKind.PERSON):
        return f"{canaries.new(owner, place)} written here"
    if kind is FieldKind.DATE:
        day = CHILD_ANSWER_DATE if audience is Audience.CHILD_RECORD else FILE_ANSWER_DATE
        return day.isoformat()
    if kind is FieldKind.TIME:
        return "14:45"
    if kind is FieldKind.SCALE:
        return 3
    if kind is FieldKind.CHECKBOX:
        return True
    return None  # a choice: its options are the template's words, not canaries


def _case(record_id: str, ref: str, n: int, canaries: Canaries, review: date) -> CaseDiscussion:
    def c(part: str) -> str:
        return canaries.new(ref, f"case discussion {ref}: {part}")

    return CaseDiscussion(
        id=f"case-{ref}",
        record_id=record_id,
        child_ref=ref,
        position=n,
        update=f"{c('update')} update",
        childs_voice=f"{c('voice')} said",
        worries=f"{c('worries')} worry",
        working_well=f"{c('working well')} works",
        analysis=f"{c('analysis')} analysis",
        decision=f"{c('decision')} decided",
        rationale=f"{c('rationale')} because",
        review_date=review,
    )


def _whose(ref: str | None) -> str:
    return ref if ref else FILE


def canary_record(
    template: Template, children: tuple[str, ...] = (CHILD_A, CHILD_B)
) -> tuple[RecordSheet, Canaries]:
    """A signed-looking record of ``template`` with canaries everywhere, and its sheet."""
    canaries = Canaries()
    record_id = f"rec-{template.id}"
    answers: dict[str, AnswerValue] = {}
    kinds = set()
    for section in template.sections:
        for item in section.fields:
            kinds.add(item.kind)
            if item.kind.is_list:
                continue
            owner = {
                Audience.PRIVATE: PRIVATE,
                Audience.SUPERVISION_FILE: FILE,
                Audience.CHILD_RECORD: CHILD_ANSWER,
            }[section.audience]
            value = _answer(item.kind, canaries, owner, f"{section.id}.{item.id}", section.audience)
            if value is not None:
                answers[answer_key(section.id, item.id)] = value
    # An answer no section of this template asks for (a field since removed):
    # it must never be printed, like the private notes.
    answers["retired.field"] = f"{canaries.new(PRIVATE, 'retired.field')} kept"
    tags: tuple[str | None, ...] = (*children, None)

    cases: tuple[CaseDiscussion, ...] = ()
    if FieldKind.CASE_DISCUSSIONS in kinds:
        reviews = {CHILD_A: REVIEW_A, CHILD_B: REVIEW_B}
        cases = tuple(
            _case(record_id, ref, n, canaries, reviews[ref]) for n, ref in enumerate(children)
        )
    decisions: tuple[Decision, ...] = ()
    if FieldKind.DECISIONS in kinds:
        decisions = tuple(
            Decision(
                id=f"decision-{n}",
                record_id=record_id,
                child_ref=ref or "",
                decision=f"{canaries.new(_whose(ref), f'decision {ref}')} agreed",
                rationale=f"{canaries.new(_whose(ref), f'rationale {ref}')} reason",
                decided_by=SUPERVISOR,
                decided_on=HELD_ON,
                not_to_act=n == 0,
                position=n,
            )
            for n, ref in enumerate(tags)
        )
    actions: tuple[Action, ...] = ()
    if FieldKind.ACTIONS in kinds:
        actions = tuple(
            Action(
                id=f"action-{n}",
                raised_in=record_id,
                text=f"{canaries.new(_whose(ref), f'action {ref}')} to do",
                owner=WORKER_ID,
                due_on=date(2026, 4, 1 + n),
                child_ref=ref,
                position=n,
            )
            for n, ref in enumerate(tags)
        )
    earlier: dict[str, Action] = {}
    reviews_: tuple[ActionReview, ...] = ()
    if FieldKind.PREVIOUS_ACTIONS in kinds:
        for n, ref in enumerate(tags):
            earlier[f"earlier-{n}"] = Action(
                id=f"earlier-{n}",
                raised_in="rec-earlier",
                text=f"{canaries.new(_whose(ref), f'earlier action {ref}')} from before",
                owner=WORKER_ID,
                due_on=date(2026, 3, 1 + n),
                status=ActionStatus.DONE,
                child_ref=ref,
            )
        reviews_ = tuple(
            ActionReview(
                record_id=record_id,
                action_id=action_id,
                prior_status=ActionStatus.OPEN,
                outcome=ActionStatus.DONE,
                note=f"{canaries.new(_whose(action.child_ref), 'review note')} noted",
                position=n,
            )
            for n, (action_id, action) in enumerate(earlier.items())
        )
    attendees: tuple[Attendee, ...] = ()
    group = template.kind is RecordKind.GROUP
    if FieldKind.ATTENDEES in kinds:
        attendees = (
            Attendee(
                "att-1", record_id, f"{canaries.new(FILE, 'chair')} Chair", AttendeeRole.CHAIR
            ),
            Attendee("att-2", record_id, PRESENTER, AttendeeRole.PRESENTER),
            Attendee("att-3", record_id, f"{canaries.new(FILE, 'member')} Member"),
        )
    comments = SuperviseeComments()
    if not group:
        comments = SuperviseeComments(
            text=f"{canaries.new(FILE, 'supervisee comments')} my view",
            agrees=True,
            acknowledged_name=WORKER,
            acknowledged_at=datetime(2026, 3, 20, 11, 5),
        )
    record = Record(
        id=record_id,
        reference=REFERENCE,
        kind=template.kind,
        template_id=template.id,
        template_version=template.version,
        held_on=HELD_ON,
        worker_id=None if group else WORKER_ID,
        start_time=time(9, 30),
        end_time=time(11, 0),
        next_date=NEXT_DATE,
        status=RecordStatus.SIGNED,
        answers=answers,
        comments=comments,
        signed_at=datetime(2026, 3, 20, 11, 10),
    )
    content = RecordContent(
        record,
        case_discussions=cases,
        actions=actions,
        decisions=decisions,
        attendees=attendees,
        reviews=reviews_,
    )
    sheet = RecordSheet(
        template=template,
        content=content,
        supervisor=Signatory(SUPERVISOR, "Team Manager", signed_at=record.signed_at),
        supervisee=None if group else Signatory(WORKER, WORKER_ROLE, signed_at=record.signed_at),
        organisation="Northmoor Council",
        fingerprint="AB:CD:EF",
        reviewed_actions=earlier,
        people={WORKER_ID: WORKER},
    )
    return sheet, canaries
