"""Read and check an export document (``docs/export-format.md``), versions 1 and 2.

Pure: it turns decoded JSON into domain objects, checking every field and
naming the JSON path of the first problem. The file is untrusted, so every
value is bounded: text lengths, whole numbers, dates (real days within
1900-2199), and no NUL characters or broken Unicode.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any, TypeVar

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
    is_sha256,
)
from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import is_id
from supnotes.domain.json_text import JsonRefused, loads_strict
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
from supnotes.domain.templates import Template

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

# Bounds on what a file may hold. Generous for real records (a 90-minute
# session typed flat out is about 60,000 characters), small enough that a
# hostile file cannot make the vault or the PDFs unmanageable.
SHORT_TEXT = 10_000  # names, roles, references, owners
LONG_TEXT = 2_000_000  # answers and the text of lists
MAX_POSITION = 1_000_000
MAX_COUNT = 100_000  # caseload counts, template versions, revisions
MAX_PDF_BYTES = 512 * 1024 * 1024
MAX_RULE_DAYS = 36_600  # a frequency rule's numbers: at most a century
ANSWER_NUMBER = 2**53  # answers are JSON numbers: whole, and exact in any reader
FIRST_YEAR, LAST_YEAR = 1900, 2199
OUTPUTS = ("supervision-file", "child-record")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})")


def check_text(path: str, value: str, limit: int) -> str:
    """``value`` if it is text a vault can hold; else a refusal naming ``path``."""
    if len(value) > limit:
        raise ExportFormatError(path, f"is {len(value):,} characters long; at most {limit:,}")
    if "\x00" in value:
        raise ExportFormatError(path, "contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ExportFormatError(path, "is not valid Unicode text (a lone surrogate)") from None
    return value


def _in_years(path: str, value: date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ExportFormatError(path, f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")


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

    def text(self, key: str, limit: int = SHORT_TEXT) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise ExportFormatError(self.at(key), "must be text")
        return check_text(self.at(key), value, limit)

    def long_text(self, key: str) -> str:
        return self.text(key, LONG_TEXT)

    def opt_text(self, key: str) -> str | None:
        return None if self.get(key) is None else self.text(key)

    def ident(self, key: str) -> str:
        value = self.text(key)
        if not is_id(value):
            raise ExportFormatError(self.at(key), "must be a lower-case UUID")
        return value

    def opt_ident(self, key: str) -> str | None:
        return None if self.get(key) is None else self.ident(key)

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be a whole number")
        if not low <= value <= high:
            raise ExportFormatError(self.at(key), f"must be from {low:,} to {high:,}")
        return value

    def flag(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise ExportFormatError(self.at(key), "must be true or false")
        return value

    def opt_flag(self, key: str) -> bool | None:
        return None if self.get(key) is None else self.flag(key)

    def sha256(self, key: str) -> str | None:
        value = self.get(key)
        if value is None:
            return None
        if not is_sha256(value):
            raise ExportFormatError(
                self.at(key), "must be a SHA-256: 64 lower-case hexadecimal digits"
            )
        return str(value)

    def _shaped(self, key: str, shape: re.Pattern[str], what: str) -> str | None:
        value = self.opt_text(key)
        if value is not None and not shape.fullmatch(value):
            raise ExportFormatError(self.at(key), f"must be {what}")
        return value

    def opt_date(self, key: str) -> date | None:
        what = "a date (YYYY-MM-DD)"
        text = self._shaped(key, _DATE, what)
        if text is None:
            return None
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real date; {text} is not") from None
        _in_years(self.at(key), value)
        return value

    def day(self, key: str) -> date:
        value = self.opt_date(key)
        if value is None:
            raise ExportFormatError(self.at(key), "must be a date (YYYY-MM-DD)")
        return value

    def opt_time(self, key: str) -> time | None:
        text = self._shaped(key, _TIME, "a time (HH:MM)")
        if text is None:
            return None
        try:
            return time.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real time; {text} is not") from None

    def opt_datetime(self, key: str) -> datetime | None:
        what = "a date and time with a time zone (ISO 8601)"
        text = self._shaped(key, _DATETIME, what)
        if text is None:
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ExportFormatError(self.at(key), f"must be a real {what}") from None
        if value.tzinfo is None:
            raise ExportFormatError(self.at(key), "must include a time zone")
        _in_years(self.at(key), value.date())
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
    except ExportFormatError:
        raise
    except (ValueError, TypeError, OverflowError) as exc:
        raise ExportFormatError(path, str(exc)) from None


def _rule(o: _Object) -> FrequencyRule | None:
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


def _worker(o: _Object) -> Worker:
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


def _answers(o: _Object) -> dict[str, AnswerValue]:
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


def _comments(o: _Object) -> SuperviseeComments:
    c = _Object(o.get("comments"), o.at("comments"))
    return SuperviseeComments(
        text=c.long_text("text"),
        agrees=c.opt_flag("agrees"),
        acknowledged_name=c.text("acknowledged_name"),
        acknowledged_at=c.opt_datetime("acknowledged_at"),
    )


def _record_header(o: _Object) -> Record:
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


def _addendum(x: _Object, record: Record) -> Addendum:
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
    )


def _position(x: _Object) -> int:
    return x.integer("position", 0, MAX_POSITION)


def _record(o: _Object) -> RecordContent:
    record = _record_header(o)
    rid = record.id

    def each(key: str, make: Callable[[_Object], T]) -> tuple[T, ...]:
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


def _sealed_copy(x: _Object, content: RecordContent) -> SealedCopy:
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


def _sealed_copies(o: _Object, content: RecordContent) -> tuple[SealedCopy, ...]:
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
        if addendum.sealed_sha256 is not None and (
            first.get((addendum.id, "supervision-file", None, 1)) != addendum.sealed_sha256
        ):
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


def _templates(top: _Object) -> list[Template]:
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


def _supervisor(top: _Object) -> SupervisorProfile | None:
    if top.get("supervisor") is None:
        return None
    s = _Object(top.get("supervisor"), "$.supervisor")
    return SupervisorProfile(
        s.text("name"),
        s.text("role"),
        s.text("organisation"),
        s.text("team"),
        s.text("signing_name"),
    )


def _version(top: _Object) -> int:
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
    top = _Object(data, "$")
    version = _version(top)
    scope = _Object(top.get("scope"), "$.scope")
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
