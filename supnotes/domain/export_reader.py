"""Read and check an export document (``docs/export-format.md``), versions 1 and 2.

Pure: it turns decoded JSON into domain objects, checking every field and
naming the JSON path of the first problem. The file is untrusted, so every
value is bounded: text lengths, whole numbers, dates (real days within
1900-2199), and no NUL characters or broken Unicode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from supnotes.domain.actions import Action, ActionReview, ActionStatus
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision, DecisionLevel
from supnotes.domain.export_format import (
    FORMAT,
    READABLE_VERSIONS,
    ExportDocument,
    ExportFormatError,
    SealedCopy,
)
from supnotes.domain.export_values import (
    ANSWER_NUMBER,
    LONG_TEXT,
    MAX_COUNT,
    MAX_PDF_BYTES,
    MAX_POSITION,
    MAX_RULE_DAYS,
    OUTPUTS,
    JsonObject,
    check_text,
)
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.json_text import JsonRefused, loads_strict
from supnotes.domain.people import CaseloadEntry, Stage, SupervisorProfile, Worker
from supnotes.domain.records import (
    Addendum,
    AnswerValue,
    ChildCitation,
    Record,
    RecordKind,
    RecordStatus,
    SuperviseeComments,
)
from supnotes.domain.template_loader import TemplateError, parse_template
from supnotes.domain.templates import Template

T = TypeVar("T")


def _build(path: str, make: Callable[[], T]) -> T:
    """Run a domain constructor, turning its own checks into format errors."""
    try:
        return make()
    except ExportFormatError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise ExportFormatError(path, str(exc)) from None


def _rule(o: JsonObject) -> FrequencyRule | None:
    value = o.get("frequency_rule")
    if value is None:
        return None
    path = o.at("frequency_rule")
    if isinstance(value, list):
        for i, phase in enumerate(value):
            numbers = phase.values() if isinstance(phase, dict) else ()
            if any(isinstance(n, int) and not 0 <= n <= MAX_RULE_DAYS for n in numbers):
                raise ExportFormatError(
                    f"{path}[{i}]", f"numbers must be from 0 to {MAX_RULE_DAYS:,}"
                )
    return _build(path, lambda: FrequencyRule.from_json(value))


def _worker(o: JsonObject) -> Worker:
    rule = _rule(o)
    caseload = tuple(
        _build(e.path, lambda e=e: CaseloadEntry(e.day("on"), e.integer("count", 0, MAX_COUNT)))  # type: ignore[misc]
        for e in o.items("caseload")
    )
    _unique(o.at("caseload"), (c.on.isoformat() for c in caseload), "caseload date")
    start, leaving = o.day("start_date"), o.opt_date("leaving_date")
    if leaving is not None and leaving < start:
        raise ExportFormatError(o.at("leaving_date"), "is before the worker's start_date")
    return _build(
        o.path,
        lambda: Worker(
            id=o.ident("id"),
            name=o.text("name"),
            role=o.text("role"),
            team=o.text("team"),
            start_date=start,
            stage=o.choice("stage", Stage),
            frequency_rule=rule,
            caseload=caseload,
            leaving_date=leaving,
        ),
    )


def _answers(o: JsonObject) -> dict[str, AnswerValue]:
    value = o.get("answers")
    path = o.at("answers")
    if not isinstance(value, dict):
        raise ExportFormatError(path, "must be an object")
    for key, answer in value.items():
        at = f"{path}.{check_text(path, key, 200)}"
        if key.count(".") != 1 or not all(key.split(".")):
            raise ExportFormatError(at, "keys are section.field")
        if isinstance(answer, str):
            check_text(at, answer, LONG_TEXT)
        elif isinstance(answer, int) and not isinstance(answer, bool):
            if abs(answer) > ANSWER_NUMBER:
                raise ExportFormatError(at, f"is too large a number (at most {ANSWER_NUMBER:,})")
        elif not isinstance(answer, bool) and answer is not None:
            raise ExportFormatError(at, "must be text, number or boolean")
    return dict(value)


def _comments(o: JsonObject) -> SuperviseeComments:
    c = JsonObject(o.get("comments"), o.at("comments"))
    return SuperviseeComments(
        text=c.long_text("text"),
        agrees=c.opt_flag("agrees"),
        acknowledged_name=c.text("acknowledged_name"),
        acknowledged_at=c.opt_datetime("acknowledged_at"),
    )


def _record_header(o: JsonObject) -> Record:
    status = o.choice("status", RecordStatus)
    signed_at = o.opt_datetime("signed_at")
    sealed = o.sha256("sealed_sha256")
    if status.is_locked:
        if signed_at is None:
            raise ExportFormatError(o.at("signed_at"), f"a {status} record needs signed_at")
        if sealed is None:
            raise ExportFormatError(
                o.at("sealed_sha256"),
                f"a {status} record needs the SHA-256 of its sealed copy; a record is signed "
                "only with its seal",
            )
    elif signed_at is not None or sealed is not None:
        where = "signed_at" if signed_at is not None else "sealed_sha256"
        raise ExportFormatError(o.at(where), "a draft is not signed: must be null")
    start, end = o.opt_time("start_time"), o.opt_time("end_time")
    if start is not None and end is not None and end < start:
        raise ExportFormatError(
            o.at("end_time"), f"the session ends ({end:%H:%M}) before it starts ({start:%H:%M})"
        )
    return _build(
        o.path,
        lambda: Record(
            id=o.ident("id"),
            reference=o.text("reference"),
            kind=o.choice("kind", RecordKind),
            template_id=o.text("template_id"),
            template_version=o.integer("template_version", 1, MAX_COUNT),
            worker_id=o.opt_ident("worker_id"),
            held_on=o.day("held_on"),
            start_time=start,
            end_time=end,
            next_date=o.opt_date("next_date"),
            status=status,
            answers=_answers(o),
            comments=_comments(o),
            created_at=o.opt_datetime("created_at"),
            updated_at=o.opt_datetime("updated_at"),
            signed_at=signed_at,
            sealed_sha256=sealed,
        ),
    )


def _addendum(x: JsonObject, record: Record) -> Addendum:
    signed_at = x.opt_datetime("signed_at")
    sealed = x.sha256("sealed_sha256")
    if (signed_at is None) != (sealed is None):
        raise ExportFormatError(
            x.at("sealed_sha256"), "a signed addendum needs both signed_at and sealed_sha256"
        )
    return Addendum(
        id=x.ident("id"),
        record_id=record.id,
        reason=x.long_text("reason"),
        text=x.long_text("text"),
        added_on=x.day("added_on"),
        cites_sha256=x.sha256("cites_sha256"),
        signed_at=signed_at,
        sealed_sha256=sealed,
        children=_addendum_children(x),
    )


def _addendum_children(x: JsonObject) -> tuple[ChildCitation, ...]:
    """The children an addendum was issued to (absent before format version 2)."""
    if "children" not in x.data:
        return ()
    children = []
    for child in x.items("children"):
        cites = child.sha256("cites_sha256")
        if cites is None:
            raise ExportFormatError(child.at("cites_sha256"), "is missing")
        children.append(ChildCitation(child.text("child_ref"), cites))
    _unique(x.at("children"), (c.child_ref for c in children), "child")
    return tuple(children)


def _position(x: JsonObject) -> int:
    return x.integer("position", 0, MAX_POSITION)


def _record(o: JsonObject) -> RecordContent:
    record = _record_header(o)
    rid = record.id

    def each(key: str, make: Callable[[JsonObject], T]) -> tuple[T, ...]:
        return tuple(_build(x.path, lambda x=x: make(x)) for x in o.items(key))  # type: ignore[misc]

    content = RecordContent(
        record=record,
        case_discussions=each(
            "case_discussions",
            lambda x: CaseDiscussion(
                id=x.ident("id"),
                record_id=rid,
                position=_position(x),
                child_ref=x.text("child_ref"),
                update=x.long_text("update"),
                childs_voice=x.long_text("childs_voice"),
                worries=x.long_text("worries"),
                working_well=x.long_text("working_well"),
                analysis=x.long_text("analysis"),
                decision=x.long_text("decision"),
                rationale=x.long_text("rationale"),
                review_date=x.opt_date("review_date"),
            ),
        ),
        decisions=each(
            "decisions",
            lambda x: Decision(
                id=x.ident("id"),
                record_id=rid,
                position=_position(x),
                child_ref=x.text("child_ref"),
                decision=x.long_text("decision"),
                rationale=x.long_text("rationale"),
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
                position=_position(x),
                text=x.long_text("text"),
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
                position=_position(x),
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
                position=_position(x),
                prior_status=x.choice("prior_status", ActionStatus),
                outcome=None if x.get("outcome") is None else x.choice("outcome", ActionStatus),
                note=x.long_text("note"),
            ),
        ),
        addenda=each("addenda", lambda x: _addendum(x, record)),
    )
    _unique(o.at("action_reviews"), (r.action_id for r in content.reviews), "reviewed action")
    if content.addenda and not record.status.is_locked:
        raise ExportFormatError(
            o.at("addenda"), "a draft has no addenda: they amend signed records"
        )
    return content


def _sealed_copy(x: JsonObject, content: RecordContent) -> SealedCopy:
    output = x.text("output")
    if output not in OUTPUTS:
        raise ExportFormatError(x.at("output"), f"must be one of {', '.join(OUTPUTS)}")
    child_ref = x.opt_text("child_ref")
    if (output == "child-record") != (child_ref is not None):
        raise ExportFormatError(x.at("child_ref"), "is given for a child-record output only")
    addendum_id = x.opt_ident("addendum_id")
    if addendum_id is not None and addendum_id not in {a.id for a in content.addenda}:
        raise ExportFormatError(x.at("addendum_id"), "names no addendum of this record")
    sha = x.sha256("sha256")
    if sha is None:
        raise ExportFormatError(x.at("sha256"), "must be the SHA-256 of the PDF")
    created_at = x.opt_datetime("created_at")
    if created_at is None:
        raise ExportFormatError(x.at("created_at"), "must be a date and time")
    copy = SealedCopy(
        id=x.ident("id"),
        record_id=content.record.id,
        output=output,
        sha256=sha,
        size=x.integer("size", 1, MAX_PDF_BYTES),
        created_at=created_at,
        child_ref=child_ref,
        addendum_id=addendum_id,
        revision=x.integer("revision", 1, MAX_COUNT),
    )
    if x.text("file") != copy.file:
        raise ExportFormatError(x.at("file"), f"must be {copy.file}")
    return copy


def _sealed_copies(o: JsonObject, content: RecordContent) -> tuple[SealedCopy, ...]:
    """A version 2 record's sealed PDFs, checked against the hashes the record cites."""
    copies = tuple(_sealed_copy(x, content) for x in o.items("sealed_documents"))
    record = content.record
    path = o.at("sealed_documents")
    if copies and record.status is not RecordStatus.SIGNED:
        raise ExportFormatError(path, f"a {record.status} record has no sealed PDFs here")
    _unique(
        path,
        (f"{c.addendum_id} {c.output} {c.child_ref} r{c.revision}" for c in copies),
        "sealed document",
    )
    if not copies:
        return copies
    first = {(c.addendum_id, c.output, c.child_ref, c.revision): c.sha256 for c in copies}
    if first.get((None, "supervision-file", None, 1)) != record.sealed_sha256:
        raise ExportFormatError(
            path, "no supervision-file copy (revision 1) has the record's sealed_sha256"
        )
    for addendum in content.addenda:
        # An addendum that only completes a child's extract has no file copy:
        # its sealed_sha256 is then that of its extract.
        issued = {c.sha256 for c in copies if c.addendum_id == addendum.id and c.revision == 1}
        if addendum.sealed_sha256 is not None and addendum.sealed_sha256 not in issued:
            raise ExportFormatError(
                path, f"no sealed PDF has the sealed_sha256 of addendum {addendum.id}"
            )
    return copies


def _unique(path: str, ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ExportFormatError(path, f"{what} {value} appears twice")
        seen.add(value)


def _templates(top: JsonObject) -> list[Template]:
    templates = []
    for t in top.items("templates"):
        source = t.text("source", LONG_TEXT)
        try:
            template = parse_template(source, t.at("source"))
        except TemplateError as exc:
            raise ExportFormatError(t.at("source"), f"template refused: {exc.reason}") from None
        except RecursionError:
            # tomllib reads nested arrays and tables recursively.
            raise ExportFormatError(t.at("source"), "template refused: nested too deeply") from None
        if (template.id, template.version) != (t.text("id"), t.integer("version", 1, MAX_COUNT)):
            raise ExportFormatError(t.path, "id and version differ from the template's source")
        templates.append(template)
    _unique("$.templates", (f"{t.id} v{t.version}" for t in templates), "template")
    return templates


def _supervisor(top: JsonObject) -> SupervisorProfile | None:
    if top.get("supervisor") is None:
        return None
    s = JsonObject(top.get("supervisor"), "$.supervisor")
    return SupervisorProfile(
        s.text("name"),
        s.text("role"),
        s.text("organisation"),
        s.text("team"),
        s.text("signing_name"),
    )


def _version(top: JsonObject) -> int:
    if top.get("format") != FORMAT:
        raise ExportFormatError("$.format", f"must be {FORMAT!r}; this is not a SupNotes export")
    version = top.get("version")
    known = " or ".join(str(v) for v in READABLE_VERSIONS)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportFormatError("$.version", f"must be a version number: {known}")
    if version not in READABLE_VERSIONS:
        newer = (
            " (made by a newer SupNotes: update this one)"
            if version > READABLE_VERSIONS[-1]
            else ""
        )
        raise ExportFormatError(
            "$.version", f"is {version}; this SupNotes reads version {known}{newer}"
        )
    return version


def parse_document(data: object) -> ExportDocument:
    """Validate a decoded JSON document (types, values, ids, internal references)."""
    top = JsonObject(data, "$")
    version = _version(top)
    scope = JsonObject(top.get("scope"), "$.scope")
    scope_kind = scope.text("kind")
    if scope_kind not in ("vault", "worker"):
        raise ExportFormatError("$.scope.kind", "must be vault or worker")
    supervisor = _supervisor(top)
    workers = tuple(_worker(w) for w in top.items("workers"))
    templates = _templates(top)
    records: list[RecordContent] = []
    documents: list[SealedCopy] = []
    for o in top.items("records"):
        content = _record(o)
        records.append(content)
        if version >= 2:
            documents += _sealed_copies(o, content)
    _unique("$.workers", (w.id for w in workers), "worker id")
    _unique("$.records", (c.record.id for c in records), "record id")
    _unique("$.records", (c.record.reference for c in records), "record reference")
    entry_ids: dict[str, list[str]] = {
        "case discussion": [x.id for c in records for x in c.case_discussions],
        "decision": [x.id for c in records for x in c.decisions],
        "action": [x.id for c in records for x in c.actions],
        "attendee": [x.id for c in records for x in c.attendees],
        "addendum": [x.id for c in records for x in c.addenda],
        "sealed document": [d.id for d in documents],
    }
    for kind, ids in entry_ids.items():
        _unique("$.records", ids, f"{kind} id")
    return ExportDocument(
        supervisor=supervisor,
        workers=workers,
        templates=tuple(templates),
        records=tuple(records),
        scope=scope_kind,
        scope_worker_id=scope.opt_ident("worker_id"),
        includes_private=top.flag("includes_private"),
        exported_at=top.opt_datetime("exported_at"),
        documents=tuple(documents),
        version=version,
    )


def loads(raw: bytes | str) -> ExportDocument:
    """Parse export JSON (bytes or text); refuses anything else with the path and reason."""
    try:
        data = loads_strict(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    except JsonRefused as exc:
        raise ExportFormatError("$", exc.reason) from None
    return parse_document(data)
