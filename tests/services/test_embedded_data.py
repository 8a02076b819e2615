"""The data inside a sealed record: read back with pikepdf and pypdf, against the printed text."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pypdf import PdfReader

from supnotes.cli import main
from supnotes.pdf.record_data import FILE_NAME, SCHEMA
from supnotes.services.identity import current_certificate
from supnotes.services.sealing import Acknowledgement, add_addendum, seal_record
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import SealedRepository
from supnotes.vault.vault import Vault
from tests.pdf.conformance import failures
from tests.pdf.text import pages_text, pdftotext

ACK = Acknowledgement("Priya Halloran", True, True, "Agreed.")


def _with_pikepdf(pdf: bytes) -> dict[str, Any]:
    with pikepdf.open(BytesIO(pdf)) as doc:
        (spec,) = list(doc.Root.AF)
        assert spec.AFRelationship == pikepdf.Name.Data
        assert spec.EF.F.Subtype == pikepdf.Name("/application/json")
        data: dict[str, Any] = json.loads(spec.EF.F.read_bytes())
        return data


def _with_pypdf(pdf: bytes) -> dict[str, Any]:
    attachments = PdfReader(BytesIO(pdf)).attachments
    assert list(attachments) == [FILE_NAME]
    (raw,) = attachments[FILE_NAME]
    data: dict[str, Any] = json.loads(raw)
    return data


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_printed(value: str, text: str) -> bool:
    """``value`` is in the page text; a table cell wraps, and its lines are read
    interleaved with its neighbours', so a long value is matched word by word."""
    if _squash(value) in text:
        return True
    return all(_squash(word) in text for word in value.split())


def _printed(data: dict[str, Any]) -> list[str]:
    """The values the page prints, from the parts a receiving system imports."""
    values: list[str] = []
    for row in data["decisions"] + data["actions"] + data["reviewed_actions"]:
        values += [v for k, v in row.items() if k not in ("from", "due_date", "review_date") and v]
    values += [r["printed"] for r in data["review_dates"]]
    values += [s["name"] for s in data["signers"]]
    values += [c["sha256"] for c in data["cited_hashes"] if c["sha256"]]
    values += [data["record"]["reference"], data["audience"]["label"]]
    return [v for v in values if isinstance(v, str)]


def _sealed(vault: Vault, record_id: str) -> list[tuple[str | None, bytes]]:
    return [(d.child_ref, d.pdf) for d in SealedRepository(vault).latest(record_id)]


def test_every_output_carries_its_data_as_printed(vault: Vault, session_id: str) -> None:
    seal_record(vault, session_id, ACK)
    content = RecordRepository(vault).get(session_id)
    children = set(content.child_refs)
    outputs = _sealed(vault, session_id)
    assert len(outputs) == 1 + len(children)
    seen_actions = 0
    titles = set()
    for child_ref, pdf in outputs:
        with pikepdf.open(BytesIO(pdf)) as doc:
            meta = doc.open_metadata()
            titles.add(meta["dc:title"])
            assert content.record.reference in meta["dc:title"]
            assert (child_ref or "Supervision file copy") in meta["dc:description"]
            assert meta["dc:creator"] == [_with_pypdf(pdf)["signers"][-1]["name"]]
        data = _with_pikepdf(pdf)
        assert _with_pypdf(pdf) == data
        assert data["schema"] == SCHEMA
        assert data["record"]["id"] == session_id
        assert data["record"]["reference"] == content.record.reference
        assert data["audience"]["child"] == child_ref
        assert data["audience"]["output"] == ("child-record" if child_ref else "supervision-file")
        assert data["signers"][-1]["role"] == "Supervisor"
        assert data["signers"][-1]["certificate_sha256"]
        text = _squash("\n".join(pages_text(pdf)))
        poppler = pdftotext(pdf)
        for value in _printed(data):
            assert _is_printed(value, text), value
            if poppler is not None:
                assert _is_printed(value, _squash(poppler)), value
        seen_actions += len(data["actions"])
        if child_ref is not None:
            others = children - {child_ref}
            dumped = json.dumps(data)
            assert not any(other in dumped for other in others)
            assert all(row.get("child") in (child_ref, "", None) for row in data["actions"])
        assert failures(pdf) == []
    assert seen_actions, "the session's actions should appear in some output's data"
    assert len(titles) == len(outputs), "each output has its own title"


def test_review_dates_and_decisions_are_structured(vault: Vault, demo: Any) -> None:
    with_review = next(
        c
        for c in demo.records
        if any(d.review_date is not None and d.decision for d in c.case_discussions)
        and c.record.worker_id is not None
    )
    seal_record(vault, with_review.record.id, ACK)
    _, pdf = _sealed(vault, with_review.record.id)[0]
    data = _with_pikepdf(pdf)
    case = next(d for d in with_review.case_discussions if d.review_date and d.decision)
    dates = {(r["child"], r["date"]) for r in data["review_dates"]}
    assert (case.child_ref, case.review_date.isoformat()) in dates
    decided = [d for d in data["decisions"] if d["child"] == case.child_ref]
    assert any(d["decision"] == case.decision for d in decided)


def test_an_addendum_cites_the_original_hash_in_its_data(vault: Vault, session_id: str) -> None:
    sealed = seal_record(vault, session_id, ACK)
    addendum = add_addendum(vault, session_id, "Wrong review date", "It is 18 April.")
    document = SealedRepository(vault).find(session_id, addendum_id=addendum.id)
    assert document is not None
    data = _with_pypdf(document.pdf)
    assert data["audience"]["output"] == "addendum"
    assert data["cited_hashes"][0]["sha256"] == sealed.sealed_sha256
    assert _with_pikepdf(document.pdf) == data


def _pem(certificate: x509.Certificate | None) -> bytes:
    assert certificate is not None
    return certificate.public_bytes(serialization.Encoding.PEM)


def test_verify_json_prints_the_verdict_with_the_data(
    vault: Vault, session_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seal_record(vault, session_id, ACK)
    _, pdf = _sealed(vault, session_id)[0]
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    register = tmp_path / "register.pem"
    register.write_bytes(_pem(current_certificate(vault)))
    assert main(["verify", "--json", "--trust", str(register), str(path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["format"] == "supnotes-verify"
    assert printed["verdict"]["verdict"] == "registered"
    assert printed["verdict"]["exit_code"] == 0
    assert printed["verdict"]["signatures"][0]["intact"] is True
    assert printed["embedded_data"] == _with_pikepdf(pdf)
    assert printed["embedded_data_problem"] is None

    damaged = bytearray(pdf)
    at = pdf.index(b"/Type /Page") + 1 if b"/Type /Page" in pdf else len(pdf) // 3
    damaged[at] ^= 0x01
    path.write_bytes(bytes(damaged))
    assert main(["verify", "--json", "--trust", str(register), str(path)]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed["verdict"]["verdict"] == "altered"
    assert printed["verdict"]["exit_code"] == 1
    assert printed["verdict"]["reasons"]


def test_verify_json_says_when_a_file_has_no_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from supnotes.pdf.identity import create_identity

    # A record sealed before the data was attached: stripped here with pikepdf.
    from supnotes.pdf.render import render_pdf
    from supnotes.pdf.sign import sign_pdf
    from tests.pdf.sample import sample_record

    with pikepdf.open(BytesIO(render_pdf(sample_record(filler=0)))) as doc:
        del doc.Root.AF
        del doc.Root.Names
        out = BytesIO()
        doc.save(out)
    path = tmp_path / "old.pdf"
    identity = create_identity("A Supervisor", "", "")
    path.write_bytes(sign_pdf(out.getvalue(), identity))
    # Intact, but no register given: exit 3, and the JSON still says what it found.
    assert main(["verify", "--json", str(path)]) == 3
    printed = json.loads(capsys.readouterr().out)
    assert printed["embedded_data"] is None
    assert "no record data" in printed["embedded_data_problem"]
