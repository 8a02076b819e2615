"""Seal a real 6-page record through the service: render, sign, store, lock.

Run by hand: ``uv run pytest tests/bench/test_seal_bench.py -s -p no:randomly``

A generated one-to-one session is lengthened until its supervision-file copy
is 6 pages, then sealed with :func:`seal_record` in a fresh vault each run.
Each vault holds the record twice (a twin with its own ids): the twin is
sealed first, untimed, as a supervisor's earlier seal in the same unlocked
session, so the timed seal is the app's usual one (identity and signer
already loaded). The figures, each beside its floor measured in the same
runs, interleaved:

- the whole seal (file copy + one extract per child + the transaction), and
  the first seal of a session (a fresh vault: the identity made, the signer
  built) for comparison;
- the 6-page copy's own render + sign, inside that seal;
- floors: reportlab laying out the three documents alone (no archival pass,
  no signature), and pyHanko signing the three prebuilt PDFs alone — the
  parts of the seal that are mostly other people's code — in wall and CPU
  time (on a shared machine, CPU time is the steadier comparison);
- a peer: a cold ``soffice --headless --convert-to pdf`` of the same text
  (when LibreOffice is installed), one process per run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.actions import ActionStatus
from supnotes.domain.content import RecordContent
from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.ids import new_id
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.domain.templates import Audience, FieldKind
from supnotes.pdf import render as render_module
from supnotes.pdf.printable import PrintableRecord
from supnotes.pdf.record_view import child_extract, supervision_file_copy
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from supnotes.services import identity as identities
from supnotes.services import sealing
from supnotes.services.exports import sealed_document
from supnotes.services.identity import ensure
from supnotes.services.previews import render_draft_preview
from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.services.sheets import build_sheet
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.records import load_content
from supnotes.vault.vault import Vault
from tests.bench.conftest import report
from tests.pdf.text import pages_text

RUNS = 12
SOFFICE_RUNS = 3
PARAGRAPH = (
    "We went through the assessment line by line and agreed what the evidence shows, "
    "what it does not yet show, and what the worker will ask the school and the health "
    "visitor before the review. "
)
COMMAND = "uv run pytest tests/bench/test_seal_bench.py -s -p no:randomly"


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


def _twin(content: RecordContent) -> RecordContent:
    """The same record under new ids and reference: sealed first, as an earlier seal."""
    rid = new_id()
    record = replace(content.record, id=rid, reference=content.record.reference + "T")
    return RecordContent(
        record,
        case_discussions=tuple(
            replace(d, id=new_id(), record_id=rid) for d in content.case_discussions
        ),
        actions=tuple(replace(a, id=new_id(), raised_in=rid) for a in content.actions),
        decisions=tuple(replace(d, id=new_id(), record_id=rid) for d in content.decisions),
    )


def _vault(folder: Path, demo: DemoVault) -> Vault:
    vault, _ = Vault.create(folder, "a long enough passphrase", kdf_params=TEST_PARAMS)
    write_demo(vault, demo)
    ensure(vault)
    return vault


def _six_pages(tmp_path: Path) -> DemoVault:
    length = 1
    while True:  # lengthen the answers until the file copy runs to 6 pages
        demo = _one_record(length)
        with _vault(tmp_path / f"probe{length}", demo) as vault:
            pages = len(pages_text(render_draft_preview(vault, demo.records[0].record.id)))
        if pages >= 6:
            break
        length += 1
    assert pages == 6, pages
    return demo


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])


def _soffice(tmp_path: Path, runs: int) -> list[float]:
    """Cold LibreOffice conversions of the same text, a fresh process each (profile made first)."""
    from tests.bench.seal_document import write_html

    source = write_html(tmp_path / "lo" / "record.html")
    profile = tmp_path / "lo" / "profile"
    command = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path / "lo" / "out"),
        str(source),
    ]
    env = {**os.environ, "HOME": str(tmp_path / "lo")}
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=300)  # the profile
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, timeout=300)
        timings.append((time.perf_counter() - start) * 1000)
    assert (tmp_path / "lo" / "out" / "record.pdf").stat().st_size > 0
    return timings


@pytest.mark.bench
def test_seal_a_six_page_record(tmp_path: Path) -> None:
    demo = _six_pages(tmp_path)
    content = demo.records[0]
    record_id = content.record.id
    twin = _twin(content)
    with_twin = replace(demo, records=(twin, content))
    acknowledgement = Acknowledgement("Priya Halloran", True, True)
    timings: dict[str, list[float]] = {
        k: [] for k in ("seal", "first", "copy", "layout", "sign", "cpu", "layout_cpu", "sign_cpu")
    }
    real_render, real_sign = render_pdf, sign_pdf
    load_before = _load()

    for run in range(RUNS + 1):
        copy_ms: list[float] = []
        rendered: list[bytes] = []

        def render(doc, _r=real_render, copy_ms=copy_ms, rendered=rendered):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            pdf = _r(doc)
            copy_ms.append((time.perf_counter() - start) * 1000)
            rendered.append(pdf)
            return pdf

        def sign(pdf, identity, _s=real_sign, copy_ms=copy_ms):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            signed = _s(pdf, identity)
            copy_ms[-1] += (time.perf_counter() - start) * 1000
            return signed

        # The first seal of a session: a fresh vault, a new identity.
        with _vault(tmp_path / f"first{run}", demo) as vault:
            start = time.perf_counter()
            seal_record(vault, record_id, acknowledgement)
            first = (time.perf_counter() - start) * 1000

        with _vault(tmp_path / f"run{run}", with_twin) as vault, pytest.MonkeyPatch.context() as mp:
            seal_record(vault, twin.record.id, acknowledgement)  # an earlier seal, untimed
            mp.setattr(sealing, "render_pdf", render)
            mp.setattr(sealing, "sign_pdf", sign)
            start, cpu = time.perf_counter(), time.process_time()
            result = seal_record(vault, record_id, acknowledgement)
            elapsed = (time.perf_counter() - start) * 1000
            cpu_ms = (time.process_time() - cpu) * 1000
            stored = sealed_document(vault, record_id).pdf
            identity = identities.ensure(vault)
            # Floors, interleaved with the seal: reportlab's layout of the same
            # three documents alone, and pyHanko signing the three rendered PDFs.
            sheet_docs = sealing_documents(vault, record_id)
            start, cpu = time.perf_counter(), time.process_time()
            for doc in sheet_docs:
                render_module._layout(doc)
            layout = (time.perf_counter() - start) * 1000
            layout_cpu = (time.process_time() - cpu) * 1000
            start, cpu = time.perf_counter(), time.process_time()
            for pdf in rendered:
                real_sign(pdf, identity)
            signing = (time.perf_counter() - start) * 1000
            signing_cpu = (time.process_time() - cpu) * 1000
        assert len(pages_text(stored)) == 6
        if run:  # the first run warms fonts and imports
            timings["seal"].append(elapsed)
            timings["cpu"].append(cpu_ms)
            timings["first"].append(first)
            timings["copy"].append(copy_ms[0])
            timings["layout"].append(layout)
            timings["sign"].append(signing)
            timings["layout_cpu"].append(layout_cpu)
            timings["sign_cpu"].append(signing_cpu)
    load = f"load {load_before} -> {_load()}"
    extracts = len(result.outputs) - 1
    report(
        f"seal_record, 6-page file copy + {extracts} extracts, stored",
        timings["seal"],
        f"{COMMAND} ({load})",
    )
    report(
        f"seal_record CPU time, 6-page file copy + {extracts} extracts",
        timings["cpu"],
        COMMAND,
    )
    report(
        f"first seal of a session (new identity and signer), 6-page copy + {extracts} extracts",
        timings["first"],
        COMMAND,
    )
    report("render + sign of the 6-page supervision-file copy alone", timings["copy"], COMMAND)
    report(
        f"floor: layout alone of the same {extracts + 1} documents (reportlab, no archival pass)",
        timings["layout"],
        COMMAND,
    )
    report(
        f"floor: pyHanko signing alone of the {extracts + 1} prebuilt PDFs",
        timings["sign"],
        COMMAND,
    )
    report(
        f"floor CPU time: layout alone of the same {extracts + 1} documents",
        timings["layout_cpu"],
        COMMAND,
    )
    report(
        f"floor CPU time: pyHanko signing alone of the {extracts + 1} prebuilt PDFs",
        timings["sign_cpu"],
        COMMAND,
    )
    if shutil.which("soffice") is None:
        print("\npeer: soffice not installed (Debian: libreoffice-writer-nogui); not measured")
    else:
        report(
            "peer: soffice, cold process (--headless --convert-to pdf, the same text as HTML)",
            _soffice(tmp_path, SOFFICE_RUNS),
            f"{COMMAND} (load now {_load()})",
        )


def sealing_documents(vault: Vault, record_id: str) -> list[PrintableRecord]:
    """The printable documents of the sealed record (file copy and the extracts)."""
    with vault.exclusive() as conn:
        content = load_content(conn, record_id)
    identity = identities.ensure(vault)
    with vault.exclusive():
        sheet = build_sheet(
            vault, content, sealed_at=content.record.signed_at, fingerprint=identity.fingerprint
        )
    return [supervision_file_copy(sheet), *(child_extract(sheet, c) for c in content.child_refs)]
