"""The versioned export format (``docs/export-format.md``): the document and how it is built.

Pure: it turns domain objects into a JSON-ready document. Reading and
checking a document is :mod:`supnotes.domain.export_reader`; the vault side
(:mod:`supnotes.vault.portability`) reads and writes the database, and
:mod:`supnotes.vault.export_zip` the version 2 container.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from supnotes.domain.content import RecordContent
from supnotes.domain.ids import iso
from supnotes.domain.people import SupervisorProfile, Worker
from supnotes.domain.templates import Audience, Template

FORMAT = "supnotes-export"
VERSION = 2  # what this SupNotes writes
READABLE_VERSIONS = (1, 2)

# Where the document and the sealed PDFs live inside a version 2 zip.
DOCUMENT_NAME = "supnotes-export.json"
PDF_FOLDER = "pdf/"

#: The warning wherever an export may include private notes: the command line's
#: ``--include-private`` and the subject-access pack, in the app and its README.
INCLUDE_PRIVATE_HELP = "include the supervisor's private notes (still disclosable on request)"

_HEX = frozenset("0123456789abcdef")


def is_sha256(value: object) -> bool:
    """A SHA-256 as SupNotes writes it: 64 lower-case hexadecimal digits."""
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


class ExportFormatError(ValueError):
    """A file that is not a valid export; ``path`` is the JSON path of the problem."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True, slots=True)
class SealedCopy:
    """One sealed PDF of a record, as listed in a version 2 export.

    The bytes travel beside the document, in the zip, under :attr:`file`;
    ``sha256`` and ``size`` say exactly which bytes they must be.
    """

    id: str
    record_id: str
    output: str  # "supervision-file" or "child-record"
    sha256: str
    size: int
    created_at: datetime
    child_ref: str | None = None
    addendum_id: str | None = None
    revision: int = 1

    @property
    def file(self) -> str:
        return f"{PDF_FOLDER}{self.sha256}.pdf"


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
    documents: tuple[SealedCopy, ...] = ()  # version 2: every record's sealed PDFs
    version: int = VERSION


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
                "children": [
                    {"child_ref": k.child_ref, "cites_sha256": k.cites_sha256} for k in x.children
                ],
            }
            for x in c.addenda
        ],
    }


def build_document(doc: ExportDocument) -> dict[str, Any]:
    """The version 2 document, in a stable order (records by date, then id)."""
    profile = doc.supervisor
    by_record: dict[str, list[SealedCopy]] = {}
    for d in doc.documents:
        by_record.setdefault(d.record_id, []).append(d)
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
            _with_documents(record_json(c), by_record.get(c.record.id, []))
            for c in sorted(doc.records, key=lambda c: (c.record.held_on, c.record.id))
        ],
    }


def sealed_copy_json(d: SealedCopy) -> dict[str, Any]:
    return {
        "id": d.id,
        "output": d.output,
        "child_ref": d.child_ref,
        "addendum_id": d.addendum_id,
        "revision": d.revision,
        "created_at": _dt(d.created_at),
        "sha256": d.sha256,
        "size": d.size,
        "file": d.file,
    }


def _with_documents(record: dict[str, Any], documents: list[SealedCopy]) -> dict[str, Any]:
    ordered = sorted(documents, key=lambda d: (d.created_at, d.revision, d.id))
    return {**record, "sealed_documents": [sealed_copy_json(d) for d in ordered]}


def dumps(document: Mapping[str, Any]) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8 kept as is."""
    return json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def record_paths(records: Sequence[RecordContent]) -> dict[str, str]:
    """JSON path of each record by id, as :func:`build_document` orders them."""
    ordered = sorted(records, key=lambda c: (c.record.held_on, c.record.id))
    return {c.record.id: f"$.records[{i}]" for i, c in enumerate(ordered)}
