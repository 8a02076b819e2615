"""Converting between database rows and domain objects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.decisions import Decision, DecisionLevel
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import iso, parse_date, parse_time
from supnotes.domain.records import (
    Addendum,
    AnswerValue,
    Record,
    RecordKind,
    RecordStatus,
    SuperviseeComments,
)

Row = Sequence[Any]


def parse_datetime(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def iso_datetime(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def opt_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def opt_int(value: bool | None) -> int | None:
    return None if value is None else int(value)


def answer_json(value: AnswerValue) -> str:
    return json.dumps(value, ensure_ascii=False)


def answer_value(text: str) -> AnswerValue:
    value = json.loads(text)
    if not isinstance(value, str | int | bool) and value is not None:
        raise ValueError("an answer is text, a number, true/false or null")
    return value


RECORD_COLUMNS = (
    "id, reference, kind, template_id, template_version, worker_id, held_on, start_time, "
    "end_time, next_date, status, comments_text, comments_agrees, acknowledged_name, "
    "acknowledged_at, created_at, updated_at, signed_at, sealed_sha256"
)


def record_from_row(row: Row, answers: dict[str, AnswerValue]) -> Record:
    held_on = parse_date(row[6])
    assert held_on is not None
    return Record(
        id=row[0],
        reference=row[1],
        kind=RecordKind(row[2]),
        template_id=row[3],
        template_version=row[4],
        worker_id=row[5],
        held_on=held_on,
        start_time=parse_time(row[7]),
        end_time=parse_time(row[8]),
        next_date=parse_date(row[9]),
        status=RecordStatus(row[10]),
        comments=SuperviseeComments(
            text=row[11],
            agrees=opt_bool(row[12]),
            acknowledged_name=row[13],
            acknowledged_at=parse_datetime(row[14]),
        ),
        created_at=parse_datetime(row[15]),
        updated_at=parse_datetime(row[16]),
        signed_at=parse_datetime(row[17]),
        sealed_sha256=row[18],
        answers=answers,
    )


def record_params(record: Record, status: RecordStatus | None = None) -> tuple[Any, ...]:
    c = record.comments
    return (
        record.id,
        record.reference,
        str(record.kind),
        record.template_id,
        record.template_version,
        record.worker_id,
        iso(record.held_on),
        iso(record.start_time),
        iso(record.end_time),
        iso(record.next_date),
        str(status or record.status),
        c.text,
        opt_int(c.agrees),
        c.acknowledged_name,
        iso_datetime(c.acknowledged_at),
        iso_datetime(record.created_at),
        iso_datetime(record.updated_at),
        iso_datetime(record.signed_at) if (status or record.status).is_locked else None,
        record.sealed_sha256 if (status or record.status).is_locked else None,
    )


CASE_COLUMNS = (
    "id, record_id, position, child_ref, update_text, childs_voice, worries, working_well, "
    "analysis, decision, rationale, review_date"
)


def case_from_row(row: Row) -> CaseDiscussion:
    return CaseDiscussion(
        id=row[0],
        record_id=row[1],
        position=row[2],
        child_ref=row[3],
        update=row[4],
        childs_voice=row[5],
        worries=row[6],
        working_well=row[7],
        analysis=row[8],
        decision=row[9],
        rationale=row[10],
        review_date=parse_date(row[11]),
    )


def case_params(c: CaseDiscussion) -> tuple[Any, ...]:
    return (
        c.id,
        c.record_id,
        c.position,
        c.child_ref,
        c.update,
        c.childs_voice,
        c.worries,
        c.working_well,
        c.analysis,
        c.decision,
        c.rationale,
        iso(c.review_date),
    )


DECISION_COLUMNS = (
    "id, record_id, position, child_ref, decision, rationale, decided_by, level, decided_on, "
    "not_to_act, copied_to_child_record"
)


def decision_from_row(row: Row) -> Decision:
    return Decision(
        id=row[0],
        record_id=row[1],
        position=row[2],
        child_ref=row[3],
        decision=row[4],
        rationale=row[5],
        decided_by=row[6],
        level=DecisionLevel(row[7]),
        decided_on=parse_date(row[8]),
        not_to_act=bool(row[9]),
        copied_to_child_record=bool(row[10]),
    )


def decision_params(d: Decision) -> tuple[Any, ...]:
    return (
        d.id,
        d.record_id,
        d.position,
        d.child_ref,
        d.decision,
        d.rationale,
        d.decided_by,
        str(d.level),
        iso(d.decided_on),
        int(d.not_to_act),
        int(d.copied_to_child_record),
    )


ATTENDEE_COLUMNS = "id, record_id, position, worker_id, name, role"


def attendee_from_row(row: Row) -> Attendee:
    return Attendee(
        id=row[0],
        record_id=row[1],
        position=row[2],
        worker_id=row[3],
        name=row[4],
        role=AttendeeRole(row[5]),
    )


def attendee_params(a: Attendee) -> tuple[Any, ...]:
    return (a.id, a.record_id, a.position, a.worker_id, a.name, str(a.role))


ACTION_COLUMNS = (
    "id, raised_in, position, text, owner, due_on, child_ref, status, closed_in, revised_due_on"
)


def action_from_row(row: Row) -> Action:
    return Action(
        id=row[0],
        raised_in=row[1],
        position=row[2],
        text=row[3],
        owner=row[4],
        due_on=parse_date(row[5]),
        child_ref=row[6],
        status=ActionStatus(row[7]),
        closed_in=row[8],
        revised_due_on=parse_date(row[9]),
    )


def action_params(a: Action) -> tuple[Any, ...]:
    return (
        a.id,
        a.raised_in,
        a.position,
        a.text,
        a.owner,
        iso(a.due_on),
        a.child_ref,
        str(a.status),
        a.closed_in,
        iso(a.revised_due_on),
    )


REVIEW_COLUMNS = "record_id, action_id, position, prior_status, outcome, note"


def review_from_row(row: Row) -> ActionReview:
    return ActionReview(
        record_id=row[0],
        action_id=row[1],
        position=row[2],
        prior_status=ActionStatus(row[3]),
        outcome=None if row[4] is None else ActionStatus(row[4]),
        note=row[5],
    )


def review_params(r: ActionReview) -> tuple[Any, ...]:
    outcome = None if r.outcome is None else str(r.outcome)
    return (r.record_id, r.action_id, r.position, str(r.prior_status), outcome, r.note)


ADDENDUM_COLUMNS = "id, record_id, reason, text, added_on, cites_sha256, signed_at, sealed_sha256"


def addendum_from_row(row: Row) -> Addendum:
    added_on = parse_date(row[4])
    assert added_on is not None
    return Addendum(
        id=row[0],
        record_id=row[1],
        reason=row[2],
        text=row[3],
        added_on=added_on,
        cites_sha256=row[5],
        signed_at=parse_datetime(row[6]),
        sealed_sha256=row[7],
    )


def addendum_params(a: Addendum) -> tuple[Any, ...]:
    return (
        a.id,
        a.record_id,
        a.reason,
        a.text,
        iso(a.added_on),
        a.cites_sha256,
        iso_datetime(a.signed_at),
        a.sealed_sha256,
    )


ADDENDUM_CHILD_COLUMNS = "addendum_id, child_ref, cites_sha256, position"


def addendum_child_params(a: Addendum) -> list[tuple[Any, ...]]:
    return [(a.id, c.child_ref, c.cites_sha256, n) for n, c in enumerate(a.children)]


def placeholders(columns: str) -> str:
    return ", ".join("?" for _ in columns.split(","))


def today_iso() -> str:
    return date.today().isoformat()


#: The SQL condition (over an ``action`` aliased ``a``) for an action still
#: to be done: open or carried forward, and with some text. A row added in
#: the editor and left empty is not work anyone owes, so it is never listed
#: for review, counted or reported overdue.
OUTSTANDING_ACTION = "a.status IN ('open', 'carried-forward') AND trim(a.text) <> ''"
