"""Seal a real 6-page record through the service: render, sign, store, lock.

Run by hand: ``uv run pytest tests/bench/test_seal_bench.py -s``

A generated one-to-one session is lengthened until its supervision-file copy
is 6 pages, then sealed with :func:`seal_record` in a fresh vault each run:
the figures are the whole seal (file copy + one extract per child + the
transaction), and the 6-page copy's own render + sign.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.actions import ActionStatus
from supnotes.domain.content import RecordContent
from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.domain.templates import Audience, FieldKind
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from supnotes.services import sealing
from supnotes.services.exports import sealed_document
from supnotes.services.identity import ensure
from supnotes.services.previews import render_draft_preview
from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.bench.conftest import report
from tests.pdf.text import pages_text

RUNS = 8
PARAGRAPH = (
    "We went through the assessment line by line and agreed what the evidence shows, "
    "what it does not yet show, and what the worker will ask the school and the health "
    "visitor before the review. "
)
COMMAND = "uv run pytest tests/bench/test_seal_bench.py -s"


def _one_record(length: int) -> DemoVault:
    library = default_library()
    demo = build_demo(library, today=date(2026, 3, 20), history_days=60)
    content = next(
        c for c in demo.records if c.record.kind is RecordKind.ONE_TO_ONE and len(c.child_refs) == 2
    )
    template = library.get(content.record.template_id, content.record.template_version)
    answers = dict(content.record.answers)
    for section, item in template.fields():
        if item.kind is FieldKind.TEXT and section.audience is Audience.SUPERVISION_FILE:
            answers[f"{section.id}.{item.id}"] = PARAGRAPH * length
    record = replace(content.record, answers=answers, status=RecordStatus.DRAFT, signed_at=None)
    single = RecordContent(
        record,
        case_discussions=content.case_discussions,
        actions=tuple(
            replace(a, closed_in=None, status=ActionStatus.OPEN) for a in content.actions
        ),
        decisions=content.decisions,
    )
    return replace(demo, records=(single,))


def _vault(folder: Path, demo: DemoVault) -> Vault:
    vault, _ = Vault.create(folder, "a long enough passphrase", kdf_params=TEST_PARAMS)
    write_demo(vault, demo)
    ensure(vault)
    return vault


@pytest.mark.bench
def test_seal_a_six_page_record(tmp_path: Path) -> None:
    length = 1
    while True:  # lengthen the answers until the file copy runs to 6 pages
        demo = _one_record(length)
        with _vault(tmp_path / f"probe{length}", demo) as vault:
            pages = len(pages_text(render_draft_preview(vault, demo.records[0].record.id)))
        if pages >= 6:
            break
        length += 1
    assert pages == 6, pages
    record_id = demo.records[0].record.id
    acknowledgement = Acknowledgement("Priya Halloran", True, True)
    timings: dict[str, list[float]] = {"seal": [], "copy": []}
    real_render, real_sign = render_pdf, sign_pdf

    for run in range(RUNS):
        copy_ms: list[float] = []

        def render(doc, _r=real_render, copy_ms=copy_ms):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            pdf = _r(doc)
            copy_ms.append((time.perf_counter() - start) * 1000)
            return pdf

        def sign(pdf, identity, _s=real_sign, copy_ms=copy_ms):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            signed = _s(pdf, identity)
            copy_ms[-1] += (time.perf_counter() - start) * 1000
            return signed

        with _vault(tmp_path / f"run{run}", demo) as vault, pytest.MonkeyPatch.context() as mp:
            mp.setattr(sealing, "render_pdf", render)
            mp.setattr(sealing, "sign_pdf", sign)
            start = time.perf_counter()
            result = seal_record(vault, record_id, acknowledgement)
            elapsed = (time.perf_counter() - start) * 1000
            stored = sealed_document(vault, record_id).pdf
        assert len(pages_text(stored)) == 6
        if run:  # the first run warms fonts and imports
            timings["seal"].append(elapsed)
            timings["copy"].append(copy_ms[0])
    report(
        f"seal_record, 6-page file copy + {len(result.outputs) - 1} extracts, stored",
        timings["seal"],
        COMMAND,
    )
    report("render + sign of the 6-page supervision-file copy alone", timings["copy"], COMMAND)
