"""Write the bad-import corpus: one small file per case, each a change to ``base.json``.

Run from the repository root after changing a case:
``uv run python tests/data/import/make_corpus.py``. The files are committed;
``tests/cli/test_import_corpus.py`` checks what ``supnotes import`` says of
each, and generates the huge cases (deep nesting, huge strings) and the zip
cases (which need really sealed PDFs) itself.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TEMPLATE = HERE.parents[2] / "resources" / "templates" / "ad-hoc-decision.toml"

WORKER = "6f1c8a52-3a4e-4d0e-9c55-2b7f4f6f9a01"
DRAFT = "0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e01"
SIGNED = "0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e02"
NEW = "0b6f3d6e-1c2a-4e55-9a51-3b1f0c7d9e03"
DECISION = "5a0e7a7c-4b1d-4f0e-8a7e-6b2f1d3c4e01"
ACTION = "5a0e7a7c-4b1d-4f0e-8a7e-6b2f1d3c4e02"
SEAL = "3f" * 32


def _record(rid: str, reference: str, status: str) -> dict[str, Any]:
    signed = status != "draft"
    return {
        "id": rid,
        "reference": reference,
        "kind": "ad-hoc",
        "template_id": "ad-hoc-decision",
        "template_version": 1,
        "worker_id": WORKER,
        "held_on": "2026-02-02",
        "start_time": "10:00",
        "end_time": "10:20",
        "next_date": None,
        "status": status,
        "created_at": "2026-02-02T10:00:00+00:00",
        "updated_at": "2026-02-02T10:20:00+00:00",
        "signed_at": "2026-02-02T10:25:00+00:00" if signed else None,
        "sealed_sha256": SEAL if signed else None,
        "answers": {"decision.trigger": "Corridor conversation", "decision.review-date": None},
        "comments": {"text": "", "agrees": None, "acknowledged_name": "", "acknowledged_at": None},
        "case_discussions": [],
        "decisions": [],
        "actions": [],
        "attendees": [],
        "action_reviews": [],
        "addenda": [],
    }


def base() -> dict[str, Any]:
    draft = _record(DRAFT, "SN-2026-0001", "draft")
    draft["decisions"] = [
        {
            "id": DECISION,
            "position": 0,
            "child_ref": "C-100001",
            "decision": "Strategy discussion today",
            "rationale": "New information from school",
            "decided_by": "Team manager",
            "level": "team-manager",
            "decided_on": "2026-02-02",
            "not_to_act": False,
            "copied_to_child_record": False,
        }
    ]
    draft["actions"] = [
        {
            "id": ACTION,
            "position": 0,
            "text": "Book the strategy meeting",
            "owner": "Dana Fictional",
            "due_on": "2026-02-03",
            "child_ref": "C-100001",
            "status": "open",
            "closed_in": None,
            "revised_due_on": None,
        }
    ]
    return {
        "format": "supnotes-export",
        "version": 1,
        "exported_at": "2026-03-01T10:00:00+00:00",
        "scope": {"kind": "vault", "worker_id": None},
        "includes_private": True,
        "supervisor": None,
        "workers": [
            {
                "id": WORKER,
                "name": "Dana Fictional",
                "role": "Social Worker",
                "team": "East",
                "start_date": "2024-01-08",
                "stage": "qualified",
                "frequency_rule": None,
                "leaving_date": None,
                "caseload": [{"on": "2026-01-05", "count": 14}],
            }
        ],
        "templates": [
            {
                "id": "ad-hoc-decision",
                "version": 1,
                "source": TEMPLATE.read_text(encoding="utf-8"),
            }
        ],
        "records": [draft, _record(SIGNED, "SN-2026-0002", "signed")],
    }


Change = Callable[[dict[str, Any]], None]


def _new_record(change: Change) -> Change:
    """A third record, new to the vault, with ``change`` applied to it."""

    def apply(doc: dict[str, Any]) -> None:
        record = _record(NEW, "SN-2026-0003", "draft")
        change(record)
        doc["records"].append(record)

    return apply


def _only_new(change: Change) -> Change:
    """Only a new record (``change`` applied), to collide with what the vault holds."""

    def apply(doc: dict[str, Any]) -> None:
        doc["records"] = []
        _new_record(change)(doc)

    return apply


def _set(*path: object, value: object) -> Change:
    def apply(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return apply


def _signed(**changes: object) -> Change:
    def apply(record: dict[str, Any]) -> None:
        record.update(status="signed", signed_at="2026-02-02T10:25:00+00:00", sealed_sha256=SEAL)
        record.update(changes)

    return _new_record(apply)


def _duplicate_record(doc: dict[str, Any]) -> None:
    twin = copy.deepcopy(doc["records"][0])
    twin["reference"] = "SN-2026-0009"
    doc["records"].append(twin)


def _duplicate_decision(doc: dict[str, Any]) -> None:
    _new_record(lambda r: r.update(decisions=copy.deepcopy(doc["records"][0]["decisions"])))(doc)


def _review_unknown(record: dict[str, Any]) -> None:
    record["action_reviews"] = [
        {
            "action_id": "5a0e7a7c-4b1d-4f0e-8a7e-6b2f1d3c4eff",
            "position": 0,
            "prior_status": "open",
            "outcome": None,
            "note": "",
        }
    ]


def _addendum_on_draft(record: dict[str, Any]) -> None:
    record["addenda"] = [
        {
            "id": "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e01",
            "reason": "Correction",
            "text": "The review date is 3 March",
            "added_on": "2026-02-10",
            "cites_sha256": SEAL,
            "signed_at": None,
            "sealed_sha256": None,
        }
    ]


def _v2_bad_document(doc: dict[str, Any]) -> None:
    doc["version"] = 2
    for record in doc["records"]:
        record["sealed_documents"] = []
    doc["records"][1]["sealed_documents"] = [
        {
            "id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b01",
            "output": "supervision-file",
            "child_ref": None,
            "addendum_id": None,
            "revision": 1,
            "created_at": "2026-02-02T10:25:00+00:00",
            "sha256": "4e" * 32,
            "size": 40000,
            "file": f"pdf/{'4e' * 32}.pdf",
        }
    ]


# file name -> change to the base document. ``raw`` cases are bytes, not documents.
CASES: dict[str, Change] = {
    # wrong and future versions
    "version-future.json": _set("version", value=3),
    "version-zero.json": _set("version", value=0),
    "version-text.json": _set("version", value="2"),
    "format-other.json": _set("format", value="keepass-xml"),
    # huge numbers
    "position-huge.json": _set("records", 0, "decisions", 0, "position", value=10**30),
    "position-negative.json": _set("records", 0, "actions", 0, "position", value=-1),
    "caseload-huge.json": _set("workers", 0, "caseload", 0, "count", value=10**30),
    "answer-number-huge.json": _set("records", 0, "answers", "decision.trigger", value=10**30),
    "template-version-huge.json": _set("records", 0, "template_version", value=10**30),
    "frequency-rule-huge.json": _set(
        "workers", 0, "frequency_rule", value=[{"until_day": None, "every_days": 10**30}]
    ),
    # duplicate and colliding ids
    "duplicate-record-id.json": _duplicate_record,
    "duplicate-entry-id.json": _duplicate_decision,
    "colliding-reference.json": _only_new(lambda r: r.update(reference="SN-2026-0001")),
    "colliding-entry-id.json": _only_new(
        lambda r: r.update(decisions=copy.deepcopy(base()["records"][0]["decisions"]))
    ),
    "conflicting-record.json": _set(
        "records", 0, "answers", "decision.trigger", value="Rewritten history"
    ),
    # references to missing workers or templates
    "missing-worker.json": _new_record(
        lambda r: r.update(worker_id="6f1c8a52-3a4e-4d0e-9c55-2b7f4f6f9aff")
    ),
    "missing-template.json": _new_record(lambda r: r.update(template_id="risk-matrix")),
    "missing-action.json": _new_record(_review_unknown),
    # impossible dates and times
    "date-february-30.json": _new_record(lambda r: r.update(held_on="2026-02-30")),
    "date-month-13.json": _new_record(lambda r: r.update(held_on="2026-13-01")),
    "date-year-1.json": _new_record(lambda r: r.update(held_on="0001-01-01")),
    "date-compact.json": _new_record(lambda r: r.update(held_on="20260301")),
    "time-25-hours.json": _new_record(lambda r: r.update(start_time="25:00")),
    "time-with-zone.json": _new_record(lambda r: r.update(start_time="10:00+01:00")),
    "datetime-no-zone.json": _new_record(lambda r: r.update(created_at="2026-02-02T10:00:00")),
    # end before start
    "end-before-start.json": _new_record(lambda r: r.update(start_time="11:00", end_time="10:00")),
    "leaving-before-start.json": _set("workers", 0, "leaving_date", value="2020-01-01"),
    # answer keys the template does not have
    "answer-unknown-key.json": _new_record(
        lambda r: r["answers"].update({"wellbeing.wellbeing": "Not in this template"})
    ),
    "answer-key-shape.json": _new_record(lambda r: r["answers"].update({"nodot": "x"})),
    "answer-wrong-kind.json": _new_record(
        lambda r: r["answers"].update({"decision.trigger": True})
    ),
    # NUL and broken Unicode (written as JSON escapes)
    "nul-in-text.json": _new_record(lambda r: r["answers"].update({"decision.facts": "a\0b"})),
    "nul-in-name.json": _set("workers", 0, "name", value="Dana\0Fictional"),
    "lone-surrogate.json": _new_record(lambda r: r["answers"].update({"decision.facts": "\ud800"})),
    # "signed" without a valid seal
    "signed-no-hash.json": _signed(sealed_sha256=None),
    "signed-made-up-hash.json": _signed(sealed_sha256="abc123"),
    "signed-upper-case-hash.json": _signed(sealed_sha256="3F" * 32),
    "signed-no-date.json": _signed(signed_at=None),
    "draft-with-hash.json": _new_record(lambda r: r.update(sealed_sha256=SEAL)),
    "addendum-on-draft.json": _new_record(_addendum_on_draft),
    "v2-seal-mismatch.json": _v2_bad_document,
}


def _dumps(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("utf-8", "surrogatepass")


def raw_cases(base_bytes: bytes) -> dict[str, bytes]:
    """Cases that are not documents at all."""
    latin = base_bytes.replace(b"Dana Fictional", "Dana Fictiönal".encode("latin-1"))
    return {
        "empty.json": b"",
        "truncated.json": base_bytes[: len(base_bytes) // 2],
        "not-an-object.json": b"[]\n",
        "latin-1.json": latin,
        "utf-16.json": base_bytes.decode("utf-8").encode("utf-16"),
        "duplicate-key.json": base_bytes.replace(
            b'"version": 1,', b'"version": 1,\n  "version": 2,', 1
        ),
        "nan.json": base_bytes.replace(b'"count": 14', b'"count": NaN', 1),
        "digits-5000.json": base_bytes.replace(b'"count": 14', b'"count": 1' + b"0" * 5000, 1),
        "binary.json": bytes(range(256)) * 4,
    }


def main() -> None:
    document = base()
    base_bytes = _dumps(document)
    (HERE / "base.json").write_bytes(base_bytes)
    for name, change in CASES.items():
        doc = copy.deepcopy(document)
        change(doc)
        (HERE / name).write_bytes(_dumps(doc))
    for name, data in raw_cases(base_bytes).items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
