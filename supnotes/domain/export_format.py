"""The versioned JSON export format (``docs/export-format.md``): build and validate.

Pure: it turns domain objects into a JSON-ready document and back, checking
every field and naming the JSON path of the first problem. The vault side
(:mod:`supnotes.vault.portability`) reads and writes the database.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any, TypeVar

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision, DecisionLevel
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import is_id, iso
from supnotes.domain.people import CaseloadEntry, Stage, SupervisorProfile, Worker
from supnotes.domain.records import (
    Addendum,
    AnswerValue,
    Record,
    RecordKind,
    RecordStatus,
    SuperviseeComments,
)
from supnotes.domain.template_loader import TemplateError, parse_template
from supnotes.domain.templates import Audience, Template

FORMAT = "supnotes-export"
VERSION = 1


class ExportFormatError(ValueError):
    """A file that is not a valid export; ``path`` is the JSON path of the problem."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class ExportDocument:
    supervisor: SupervisorProfile | None
    workers: tuple[Worker, ...]
    templates: tuple[Template, ...]
    records: tuple[RecordContent, ...]
    scope: str  # "vault" or "worker"
    scope_worker_id: str | None
    includes_private: bool
    exported_at: datetime | None = None


# -- building -------------------------------------------------------------------


def _dt(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def without_private(content: RecordContent, template: Template) -> RecordContent:
    """The record without the answers of its ``private`` sections."""
    private = {f"{s.id}." for s in template.sections if s.audience is Audience.PRIVATE}
    answers = {k: v for k, v in content.record.answers.items() if not k.startswith(tuple(private))}
    return replace(content, record=replace(content.record, answers=answers))


def worker_json(w: Worker) -> dict[str, Any]:
    return {
        "id": w.id,
        "name": w.name,
        "role": w.role,
        "team": w.team,
        "start_date": iso(w.start_date),
        "stage": str(w.stage),
        "frequency_rule": None if w.frequency_rule is None else w.frequency_rule.to_json(),
        "leaving_date": iso(w.leaving_date),
        "caseload": [{"on": iso(e.on), "count": e.count} for e in w.caseload],
    }


def record_json(c: RecordContent) -> dict[str, Any]:
    r = c.record
    return {
        "id": r.id,
        "reference": r.reference,
        "kind": str(r.kind),
        "template_id": r.template_id,
        "template_version": r.template_version,
        "worker_id": r.worker_id,
        "held_on": iso(r.held_on),
        "start_time": iso(r.start_time),
        "end_time": iso(r.end_time),
        "next_date": iso(r.next_date),
        "status": str(r.status),
        "created_at": _dt(r.created_at),
        "updated_at": _dt(r.updated_at),
        "signed_at": _dt(r.signed_at),
        "sealed_sha256": r.sealed_sha256,
        "answers": dict(sorted(r.answers.items())),
        "comments": {
            "text": r.comments.text,
            "agrees": r.comments.agrees,
            "acknowledged_name": r.comments.acknowledged_name,
            "acknowledged_at": _dt(r.comments.acknowledged_at),
        },
        "case_discussions": [
            {
                "id": x.id,
                "position": x.position,
                "child_ref": x.child_ref,
                "update": x.update,
                "childs_voice": x.childs_voice,
                "worries": x.worries,
                "working_well": x.working_well,
                "analysis": x.analysis,
                "decision": x.decision,
                "rationale": x.rationale,
                "review_date": iso(x.review_date),
            }
            for x in c.case_discussions
        ],
        "decisions": [
            {
                "id": x.id,
                "position": x.position,
                "child_ref": x.child_ref,
                "decision": x.decision,
                "rationale": x.rationale,
                "decided_by": x.decided_by,
                "level": str(x.level),
                "decided_on": iso(x.decided_on),
                "not_to_act": x.not_to_act,
                "copied_to_child_record": x.copied_to_child_record,
            }
            for x in c.decisions
        ],
        "actions": [
            {
                "id": x.id,
                "position": x.position,
                "text": x.text,
                "owner": x.owner,
                "due_on": iso(x.due_on),
                "child_ref": x.child_ref,
                "status": str(x.status),
                "closed_in": x.closed_in,
                "revised_due_on": iso(x.revised_due_on),
            }
            for x in c.actions
        ],
        "attendees": [
            {
                "id": x.id,
                "position": x.position,
                "name": x.name,
                "role": str(x.role),
                "worker_id": x.worker_id,
            }
            for x in c.attendees
        ],
        "action_reviews": [
            {
                "action_id": x.action_id,
                "position": x.position,
                "prior_status": str(x.prior_status),
                "outcome": None if x.outcome is None else str(x.outcome),
                "note": x.note,
            }
            for x in c.reviews
        ],
        "addenda": [
            {
                "id": x.id,
                "reason": x.reason,
                "text": x.text,
                "added_on": iso(x.added_on),
                "cites_sha256": x.cites_sha256,
                "signed_at": _dt(x.signed_at),
                "sealed_sha256": x.sealed_sha256,
            }
            for x in c.addenda
        ],
    }


def build_document(doc: ExportDocument) -> dict[str, Any]:
    """The JSON-ready document, in a stable order (records by date, then id)."""
    profile = doc.supervisor
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _dt(doc.exported_at),
        "scope": {"kind": doc.scope, "worker_id": doc.scope_worker_id},
        "includes_private": doc.includes_private,
        "supervisor": None
        if profile is None
        else {
            "name": profile.name,
            "role": profile.role,
            "organisation": profile.organisation,
            "team": profile.team,
            "signing_name": profile.signing_name,
        },
        "workers": [worker_json(w) for w in sorted(doc.workers, key=lambda w: w.id)],
        "templates": [
            {"id": t.id, "version": t.version, "source": t.source}
            for t in sorted(doc.templates, key=lambda t: t.key)
        ],
        "records": [
            record_json(c)
            for c in sorted(doc.records, key=lambda c: (c.record.held_on, c.record.id))
        ],
    }


def dumps(document: Mapping[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8 kept as is."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


# -- reading and validating ------------------------------------------------------

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")


class _Object:
    """A JSON object being read, which knows its path for error messages."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise ExportFormatError(path, "must be an object")
        self.data: dict[str, Any] = value
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise ExportFormatError(self.at(key), "is missing")
        return self.data[key]

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise ExportFormatError(self.at(key), "must be text")
        return value

    def opt_text(self, key: str) -> str | None:
        return None if self.get(key) is None else self.text(key)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not is_id(value):
            raise ExportFormatError(self.at(key), "must be a lower-case UUID")
        return value

    def opt_ident(self, key: str) -> str | None:
        return None if self.get(key) is None else self.ident(key)

    def integer(self, key: str) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be a whole number")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be true or false")
        return value

    def opt_flag(self, key: str) -> bool | None:
        return None if self.get(key) is None else self.flag(key)

    def _parse(self, key: str, parse: Callable[[str], T], what: str) -> T | None:
        text = self.opt_text(key)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be {what}") from None

    def opt_date(self, key: str) -> date | None:
        return self._parse(key, date.fromisoformat, "a date (YYYY-MM-DD)")

    def day(self, key: str) -> date:
        value = self.opt_date(key)
        if value is None:
            raise ExportFormatError(self.at(key), "must be a date (YYYY-MM-DD)")
        return value

    def opt_time(self, key: str) -> time | None:
        return self._parse(key, time.fromisoformat, "a time (HH:MM)")

    def opt_datetime(self, key: str) -> datetime | None:
        value = self._parse(key, datetime.fromisoformat, "a date and time (ISO 8601)")
        if value is not None and value.tzinfo is None:
            raise ExportFormatError(self.at(key), "must include a time zone")
        return value

    def choice(self, key: str, kind: type[E]) -> E:
        text = self.text(key)
        try:
            return kind(text)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise ExportFormatError(self.at(key), f"must be one of {allowed}") from None

    def items(self, key: str) -> list[_Object]:
        value = self.get(key)
        if not isinstance(value, list):
            raise ExportFormatError(self.at(key), "must be a list")
        return [_Object(v, f"{self.at(key)}[{i}]") for i, v in enumerate(value)]


def _build(path: str, make: Callable[[], T]) -> T:
    """Run a domain constructor, turning its own checks into format errors."""
    try:
        return make()
    except (ValueError, TypeError) as exc:
        if isinstance(exc, ExportFormatError):
            raise
        raise ExportFormatError(path, str(exc)) from None


def _worker(o: _Object) -> Worker:
    rule_value = o.get("frequency_rule")
    rule = None
    if rule_value is not None:
        rule = _build(o.at("frequency_rule"), lambda: FrequencyRule.from_json(rule_value))
    caseload = tuple(
        _build(e.path, lambda e=e: CaseloadEntry(e.day("on"), e.integer("count")))  # type: ignore[misc]
        for e in o.items("caseload")
    )
    return _build(
        o.path,
        lambda: Worker(
            id=o.ident("id"),
            name=o.text("name"),
            role=o.text("role"),
            team=o.text("team"),
            start_date=o.day("start_date"),
            stage=o.choice("stage", Stage),
            frequency_rule=rule,
            caseload=caseload,
            leaving_date=o.opt_date("leaving_date"),
        ),
    )


def _answers(o: _Object) -> dict[str, AnswerValue]:
    value = o.get("answers")
    if not isinstance(value, dict):
        raise ExportFormatError(o.at("answers"), "must be an object")
    for key, answer in value.items():
        if not isinstance(answer, str | int | bool) and answer is not None:
            raise ExportFormatError(f"{o.at('answers')}.{key}", "must be text, number or boolean")
        if "." not in key:
            raise ExportFormatError(f"{o.at('answers')}.{key}", "keys are section.field")
    return dict(value)


def _record(o: _Object) -> RecordContent:
    rid = o.ident("id")
    c = _Object(o.get("comments"), o.at("comments"))
    comments = SuperviseeComments(
        text=c.text("text"),
        agrees=c.opt_flag("agrees"),
        acknowledged_name=c.text("acknowledged_name"),
        acknowledged_at=c.opt_datetime("acknowledged_at"),
    )
    status = o.choice("status", RecordStatus)
    signed_at = o.opt_datetime("signed_at")
    if status is RecordStatus.SIGNED and signed_at is None:
        raise ExportFormatError(o.at("signed_at"), "a signed record needs signed_at")
    record = _build(
        o.path,
        lambda: Record(
            id=rid,
            reference=o.text("reference"),
            kind=o.choice("kind", RecordKind),
            template_id=o.text("template_id"),
            template_version=o.integer("template_version"),
            worker_id=o.opt_ident("worker_id"),
            held_on=o.day("held_on"),
            start_time=o.opt_time("start_time"),
            end_time=o.opt_time("end_time"),
            next_date=o.opt_date("next_date"),
            status=status,
            answers=_answers(o),
            comments=comments,
            created_at=o.opt_datetime("created_at"),
            updated_at=o.opt_datetime("updated_at"),
            signed_at=signed_at,
            sealed_sha256=o.opt_text("sealed_sha256"),
        ),
    )

    def each(key: str, make: Callable[[_Object], T]) -> tuple[T, ...]:
        return tuple(_build(x.path, lambda x=x: make(x)) for x in o.items(key))  # type: ignore[misc]

    return RecordContent(
        record=record,
        case_discussions=each(
            "case_discussions",
            lambda x: CaseDiscussion(
                id=x.ident("id"),
                record_id=rid,
                position=x.integer("position"),
                child_ref=x.text("child_ref"),
                update=x.text("update"),
                childs_voice=x.text("childs_voice"),
                worries=x.text("worries"),
                working_well=x.text("working_well"),
                analysis=x.text("analysis"),
                decision=x.text("decision"),
                rationale=x.text("rationale"),
                review_date=x.opt_date("review_date"),
            ),
        ),
        decisions=each(
            "decisions",
            lambda x: Decision(
                id=x.ident("id"),
                record_id=rid,
                position=x.integer("position"),
                child_ref=x.text("child_ref"),
                decision=x.text("decision"),
                rationale=x.text("rationale"),
                decided_by=x.text("decided_by"),
                level=x.choice("level", DecisionLevel),
                decided_on=x.opt_date("decided_on"),
                not_to_act=x.flag("not_to_act"),
                copied_to_child_record=x.flag("copied_to_child_record"),
            ),
        ),
        actions=each(
            "actions",
            lambda x: Action(
                id=x.ident("id"),
                raised_in=rid,
                position=x.integer("position"),
                text=x.text("text"),
                owner=x.text("owner"),
                due_on=x.opt_date("due_on"),
                child_ref=x.opt_text("child_ref"),
                status=x.choice("status", ActionStatus),
                closed_in=x.opt_ident("closed_in"),
                revised_due_on=x.opt_date("revised_due_on"),
            ),
        ),
        attendees=each(
            "attendees",
            lambda x: Attendee(
                id=x.ident("id"),
                record_id=rid,
                position=x.integer("position"),
                name=x.text("name"),
                role=x.choice("role", AttendeeRole),
                worker_id=x.opt_ident("worker_id"),
            ),
        ),
        reviews=each(
            "action_reviews",
            lambda x: ActionReview(
                record_id=rid,
                action_id=x.ident("action_id"),
                position=x.integer("position"),
                prior_status=x.choice("prior_status", ActionStatus),
                outcome=None if x.get("outcome") is None else x.choice("outcome", ActionStatus),
                note=x.text("note"),
            ),
        ),
        addenda=each(
            "addenda",
            lambda x: Addendum(
                id=x.ident("id"),
                record_id=rid,
                reason=x.text("reason"),
                text=x.text("text"),
                added_on=x.day("added_on"),
                cites_sha256=x.opt_text("cites_sha256"),
                signed_at=x.opt_datetime("signed_at"),
                sealed_sha256=x.opt_text("sealed_sha256"),
            ),
        ),
    )


def _unique(path: str, ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ExportFormatError(path, f"{what} {value} appears twice")
        seen.add(value)


def parse_document(data: object) -> ExportDocument:
    """Validate a decoded JSON document (types, values, ids, internal references)."""
    top = _Object(data, "$")
    if top.get("format") != FORMAT:
        raise ExportFormatError("$.format", f"must be {FORMAT!r}; this is not a SupNotes export")
    version = top.integer("version")
    if version != VERSION:
        raise ExportFormatError(
            "$.version", f"is {version}; this SupNotes reads version {VERSION} only"
        )
    scope = _Object(top.get("scope"), "$.scope")
    scope_kind = scope.text("kind")
    if scope_kind not in ("vault", "worker"):
        raise ExportFormatError("$.scope.kind", "must be vault or worker")
    supervisor = None
    if top.get("supervisor") is not None:
        s = _Object(top.get("supervisor"), "$.supervisor")
        supervisor = SupervisorProfile(
            s.text("name"),
            s.text("role"),
            s.text("organisation"),
            s.text("team"),
            s.text("signing_name"),
        )
    workers = tuple(_worker(w) for w in top.items("workers"))
    templates = []
    for t in top.items("templates"):
        try:
            template = parse_template(t.text("source"), t.at("source"))
        except TemplateError as exc:
            raise ExportFormatError(t.at("source"), f"template refused: {exc.reason}") from None
        if (template.id, template.version) != (t.text("id"), t.integer("version")):
            raise ExportFormatError(t.path, "id and version differ from the template's source")
        templates.append(template)
    records = tuple(_record(r) for r in top.items("records"))
    _unique("$.workers", (w.id for w in workers), "worker id")
    _unique("$.records", (c.record.id for c in records), "record id")
    _unique("$.records", (c.record.reference for c in records), "record reference")
    _unique("$.templates", (f"{t.id} v{t.version}" for t in templates), "template")
    entry_ids: dict[str, list[str]] = {
        "case discussion": [x.id for c in records for x in c.case_discussions],
        "decision": [x.id for c in records for x in c.decisions],
        "action": [x.id for c in records for x in c.actions],
        "attendee": [x.id for c in records for x in c.attendees],
        "addendum": [x.id for c in records for x in c.addenda],
    }
    for kind, ids in entry_ids.items():
        _unique("$.records", ids, f"{kind} id")
    return ExportDocument(
        supervisor=supervisor,
        workers=workers,
        templates=tuple(templates),
        records=records,
        scope=scope_kind,
        scope_worker_id=scope.opt_ident("worker_id"),
        includes_private=top.flag("includes_private"),
        exported_at=top.opt_datetime("exported_at"),
    )


def loads(text: str) -> ExportDocument:
    """Parse export JSON text; refuses anything else with the path and reason."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFormatError("$", f"not JSON (line {exc.lineno}: {exc.msg})") from None
    return parse_document(data)


def record_paths(records: Sequence[RecordContent]) -> dict[str, str]:
    """JSON path of each record by id, as :func:`build_document` orders them."""
    ordered = sorted(records, key=lambda c: (c.record.held_on, c.record.id))
    return {c.record.id: f"$.records[{i}]" for i, c in enumerate(ordered)}
