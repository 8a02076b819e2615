"""Render + sign (+ write) a 6-page record: the brief's bar is under 1 s on 2 cores.

Run by hand: ``uv run pytest tests/bench/test_pdf_bench.py -s``
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from supnotes.pdf.identity import create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from supnotes.vault.atomic import write_atomic
from tests.pdf.sample import SUPERVISOR, sample_record
from tests.pdf.text import pages_text

RUNS = 10


@pytest.mark.bench
def test_render_and_sign_six_pages(tmp_path: Path) -> None:
    identity = create_identity(SUPERVISOR, "Team Manager", "Cyngor Sir Glanrafon")
    record = sample_record(filler=3)
    assert len(pages_text(render_pdf(record))) == 6  # also warms fonts and caches
    render_s, sign_s, total_s = [], [], []
    for n in range(RUNS):
        start = time.perf_counter()
        pdf = render_pdf(record)
        rendered = time.perf_counter()
        signed = sign_pdf(pdf, identity)
        signed_at = time.perf_counter()
        write_atomic(tmp_path / f"r{n}.pdf", signed)
        done = time.perf_counter()
        render_s.append(rendered - start)
        sign_s.append(signed_at - rendered)
        total_s.append(done - start)

    def line(name: str, values: list[float]) -> str:
        p95 = statistics.quantiles(values, n=20)[-1]
        median = statistics.median(values)
        return f"{name:<22} median {median * 1000:6.0f} ms   p95 {p95 * 1000:6.0f} ms"

    print()
    print(f"6-page record, {RUNS} runs  (uv run pytest tests/bench/test_pdf_bench.py -s)")
    print(line("render", render_s))
    print(line("sign", sign_s))
    print(line("render+sign+write", total_s))
    assert statistics.median(total_s) < 1.0
