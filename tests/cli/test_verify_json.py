"""``verify --json`` writes any verdict dataclass out as plain JSON."""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass
from pathlib import Path

from supnotes.cli.verify_json import verify_document
from supnotes.pdf.embedded import EmbeddedData


class Verdict(enum.Enum):
    REGISTERED = "intact, registered signer"


@dataclass(frozen=True)
class Signature:
    signer: str
    when: dt.datetime
    digest: bytes


@dataclass(frozen=True)
class Report:
    signatures: tuple[Signature, ...]
    anchor: object

    @property
    def verdict(self) -> Verdict:
        return Verdict.REGISTERED

    @property
    def ok(self) -> bool:
        return True

    def exit_code(self) -> int:  # a method is not written out
        return 0

    def reasons(self) -> list[str]:
        return []


def test_a_report_shaped_like_any_verdict_becomes_json() -> None:
    when = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)
    report = Report((Signature("A Supervisor", when, b"\x01\xff"),), anchor=Path("/x"))
    document = verify_document(Path("r.pdf"), report, EmbeddedData({"schema": "s"}))
    text = json.dumps(document)
    back = json.loads(text)
    verdict = back["verdict"]
    assert verdict["verdict"] == "intact, registered signer"
    assert verdict["ok"] is True
    assert "exit_code" not in verdict
    assert verdict["signatures"][0] == {
        "signer": "A Supervisor",
        "when": "2026-03-01T10:00:00+00:00",
        "digest": "01ff",
    }
    assert verdict["anchor"] == "/x"
    assert back["embedded_data"] == {"schema": "s"}
    assert back["embedded_data_problem"] is None
