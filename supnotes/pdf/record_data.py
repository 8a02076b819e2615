"""The record's data as JSON, built from exactly what the PDF prints.

Every value comes from the :class:`PrintableRecord` the renderer lays out,
so the attachment can never say more (or other) than the page: an extract's
data holds only that extract's text. The two ids that are not printed as
such (the vault's record id and the child an extract is for) identify the
document; they add nothing about anyone.

The schema is documented in ``docs/embedded-data.md``; :data:`SCHEMA` and
:data:`SCHEMA_VERSION` name it inside the file, so a receiving system can
refuse a version it does not know.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from supnotes.pdf.printable import (
    AddendumCitation,
    Block,
    FieldRow,
    Heading,
    Paragraph,
    PrintableRecord,
    SignatureBlock,
    Table,
)

SCHEMA = "supnotes-record-data"
SCHEMA_VERSION = 1
FILE_NAME = "record-data.json"
MIME_TYPE = "application/json"

SUPERVISION_FILE = "supervision-file"
CHILD_RECORD = "child-record"
ADDENDUM = "addendum"
COMPLIANCE_REPORT = "compliance-report"
SUBJECT_ACCESS_INDEX = "subject-access-index"
SERVICE_REPORT = "service-report"  # the hub's service-wide report

_DATE_FORMATS = ("%A %d %B %Y", "%d %B %Y", "%d %b %Y")
_CASE_FIELDS = {"Decision": "decision", "Rationale": "rationale"}


def iso_date(printed: str) -> str | None:
    """``Friday 14 March 2025`` or ``14 Mar 2025`` as ``2025-03-14``; None if not a date."""
    text = printed.strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _key(column: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", column.lower()).strip("_") or "value"


def _rows(table: Table) -> list[dict[str, str]]:
    keys = [_key(c) for c in table.columns]
    return [
        {key: (row[i] if i < len(row) else "") for i, key in enumerate(keys)} for row in table.rows
    ]


def output_kind(doc: PrintableRecord) -> str:
    """Which document ``doc`` is: one of a record's three, or a report naming its own."""
    if doc.output:
        return doc.output
    if any(isinstance(b, AddendumCitation) for b in doc.blocks):
        return ADDENDUM
    if doc.child_ref:
        return CHILD_RECORD
    return SUPERVISION_FILE


def _content(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"type": "heading", "level": block.level, "text": block.text}
    if isinstance(block, Paragraph):
        return {"type": "text", "label": block.label, "text": block.text}
    if isinstance(block, FieldRow):
        return {"type": "field", "label": block.label, "value": block.value}
    if isinstance(block, Table):
        return {
            "type": "table",
            "kind": block.kind,
            "title": block.title,
            "columns": list(block.columns),
            "rows": [list(r) for r in block.rows],
        }
    if isinstance(block, SignatureBlock):
        return {"type": "signature", "role": block.role, "name": block.name}
    return {
        "type": "citation",
        "reference": block.original_ref,
        "version": block.original_version,
        "sha256": block.original_sha256,
    }


class _Collector:
    """Walks the blocks once, remembering which child's case discussion it is in."""

    def __init__(self, doc: PrintableRecord) -> None:
        self.doc = doc
        self.decisions: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []
        self.reviewed: list[dict[str, Any]] = []
        self.review_dates: list[dict[str, Any]] = []
        self.cited: list[dict[str, Any]] = []
        self.signers: list[dict[str, Any]] = []
        self._case: dict[str, Any] | None = None
        self._case_child = ""
        self._section = ""

    def walk(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self._block(block)
        self._close_case()

    def _close_case(self) -> None:
        if self._case is not None and self._case.get("decision"):
            self.decisions.append(self._case)
        self._case = None
        self._case_child = ""

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            if block.level <= 2:
                self._close_case()
            if block.level <= 1:
                self._section = block.text
            if block.child_ref:
                self._case_child = block.child_ref
                self._case = {
                    "child": block.child_ref,
                    "decision": "",
                    "rationale": "",
                    "from": block.text,
                }
        elif isinstance(block, Paragraph) and self._case is not None:
            key = _CASE_FIELDS.get(block.label)
            if key:
                self._case[key] = block.text
        elif isinstance(block, FieldRow):
            self._field(block)
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, SignatureBlock):
            self._signer(block)
        elif isinstance(block, AddendumCitation):
            self.cited.append(
                {
                    "what": "the signed record this addendum amends",
                    "reference": block.original_ref,
                    "version": block.original_version,
                    "sha256": block.original_sha256,
                }
            )

    def _field(self, row: FieldRow) -> None:
        if "review" not in row.label.lower():
            return
        entry = {
            "child": self._case_child or self.doc.child_ref or None,
            "label": row.label,
            "printed": row.value,
            "date": iso_date(row.value),
            "from": self._section,
        }
        self.review_dates.append(entry)
        if self._case is not None:
            self._case["review_date"] = entry["date"]

    def _table(self, table: Table) -> None:
        rows = _rows(table)
        where = table.title or self._section
        if table.kind == "decisions":
            self.decisions += [{**r, "from": where} for r in rows]
        elif table.kind == "actions":
            self.actions += [
                {**r, "due_date": iso_date(r.get("due", "")), "from": where} for r in rows
            ]
        elif table.kind == "reviewed-actions":
            self.reviewed += [
                {**r, "due_date": iso_date(r.get("due", "")), "from": where} for r in rows
            ]
        elif table.kind == "addenda":
            self.cited += [
                {
                    "what": "a signed addendum to this record",
                    "dated": r.get("dated", ""),
                    "reason": r.get("reason", ""),
                    "sha256": r.get("sha_256_of_the_addendum", ""),
                }
                for r in rows
            ]

    def _signer(self, block: SignatureBlock) -> None:
        certificate = (
            self.doc.certificate_fingerprint if block.role.lower() == "supervisor" else None
        )
        self.signers.append(
            {
                "role": block.role,
                "name": block.name,
                "signed_at": block.signed_at,
                "statement": block.statement,
                "signature_field": block.field_name or None,
                "certificate_sha256": certificate or None,
            }
        )


def record_data(doc: PrintableRecord) -> dict[str, Any]:
    """The data of ``doc`` as a JSON-ready dict (schema in docs/embedded-data.md)."""
    collector = _Collector(doc)
    collector.walk(doc.blocks)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "record": {
            "id": doc.record_id or None,
            "reference": doc.record_ref,
            "version": doc.version,
            "title": doc.title,
            "kind": doc.kind,
            "organisation": doc.organisation,
            "marking": doc.marking,
            "draft": doc.draft,
        },
        "audience": {
            "output": output_kind(doc),
            "label": doc.audience,
            "child": doc.child_ref or None,
        },
        "header": [{"label": r.label, "value": r.value} for r in doc.meta],
        "certificate_sha256": doc.certificate_fingerprint or None,
        "decisions": collector.decisions,
        "actions": collector.actions,
        "reviewed_actions": collector.reviewed,
        "review_dates": collector.review_dates,
        "signers": collector.signers,
        "cited_hashes": collector.cited,
        "content": [_content(b) for b in doc.blocks],
    }


def to_json(data: dict[str, Any]) -> bytes:
    """Stable, readable UTF-8 JSON (keys in a fixed order, non-ASCII kept)."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
