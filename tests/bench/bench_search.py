"""Benchmark: full-text search p95 over a generated vault of ~15,000 records.

Run by hand (not part of the default suite):

    uv run pytest tests/bench/bench_search.py -s

It prints figures and asserts nothing. Building the vault takes a while.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import build_demo
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.domain.template_loader import default_library
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.search import search
from supnotes.vault.vault import Vault

pytestmark = pytest.mark.bench
QUERIES = ["grandmother", "viab*", '"court statement"', "exploitation risk", "Nain", "cafe"]


def test_search_p95(tmp_path: Path) -> None:
    library = default_library()
    vault, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    started = time.perf_counter()
    total = 0
    with vault:
        # Demo years shifted back in time, with fresh ids, until ~15,000 records.
        for year in range(110):
            demo = build_demo(
                library, today=date(2025, 1, 1) - timedelta(days=365 * year), seed=year
            )
            workers = {w.id: replace(w, id=new_id(), name=f"{w.name} {year}") for w in demo.workers}
            demo = replace(
                demo,
                workers=tuple(workers.values()),
                records=tuple(_renumber(c, workers, year) for c in demo.records),
            )
            write_demo(vault, demo)
            total += len(demo.records)
            if total >= 15_000:
                break
        built = time.perf_counter() - started
        timings = []
        for _ in range(20):
            for query in QUERIES:
                t0 = time.perf_counter()
                search(vault, query)
                timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"\n{total} records built in {built:.1f}s")
    print(f"search: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms (bar: 50 ms)")


def _renumber(content: RecordContent, workers: dict[str, Worker], year: int) -> RecordContent:
    """Give a generated record fresh ids so many demo years can share a vault."""
    rid = new_id()
    record = replace(
        content.record,
        id=rid,
        reference=f"B{year:03d}-{content.record.reference}",
        worker_id=None
        if content.record.worker_id is None
        else workers[content.record.worker_id].id,
    )
    action_ids = {a.id: new_id() for a in content.actions}
    return RecordContent(
        record=record,
        case_discussions=tuple(
            replace(x, id=new_id(), record_id=rid) for x in content.case_discussions
        ),
        actions=tuple(
            replace(a, id=action_ids[a.id], raised_in=rid, closed_in=None) for a in content.actions
        ),
        decisions=tuple(replace(x, id=new_id(), record_id=rid) for x in content.decisions),
        attendees=tuple(
            replace(x, id=new_id(), record_id=rid, worker_id=None) for x in content.attendees
        ),
    )
