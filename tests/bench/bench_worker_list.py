"""Benchmark: the worker list and a thread on a 10-year vault (60 workers, ~15,000 records).

Run by hand (not part of the default suite):

    uv run pytest tests/bench/bench_worker_list.py -s

Demo years are shifted back in time and their workers folded onto one pool
of 60, so each worker has a long history. Prints figures; asserts nothing.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.domain.demo import build_demo
from supnotes.domain.people import Worker
from supnotes.domain.template_loader import default_library
from supnotes.ui.views.worker_model import NEXT_DUE, WorkerFilterProxy, WorkerTableModel
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.overview import OverviewRepository
from supnotes.vault.repositories.thread import ThreadRepository
from supnotes.vault.vault import Vault
from tests.bench.bench_search import _renumber
from tests.bench.conftest import report

pytestmark = pytest.mark.bench
POOL = 60
TARGET = 15_000


def _build(vault: Vault) -> int:
    library = default_library()
    pool: list[Worker] = []
    total = 0
    today = date.today()
    for year in range(200):
        demo = build_demo(library, today=today - timedelta(days=365 * year), seed=year)
        mapping: dict[str, Worker] = {}
        for index, worker in enumerate(demo.workers):
            slot = (year * len(demo.workers) + index) % POOL
            if len(pool) <= slot:
                pool.append(replace(worker, id=f"w{slot:03d}", name=f"{worker.name} {slot}"))
            mapping[worker.id] = pool[slot]
        records = tuple(_renumber(c, mapping, year) for c in demo.records)
        write_demo(vault, replace(demo, workers=tuple(pool), records=records))
        total += len(records)
        if total >= TARGET:
            return total
    return total


def test_worker_list_load(tmp_path: Path, qapp: object) -> None:
    vault, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with vault:
        started = time.perf_counter()
        total = _build(vault)
        print(
            f"\n{total} records for {POOL} workers built in {time.perf_counter() - started:.0f} s"
        )
        today = date.today()
        loads, models, threads = [], [], []
        model = WorkerTableModel()
        proxy = WorkerFilterProxy()
        proxy.setSourceModel(model)
        proxy.sort(NEXT_DUE)
        for _ in range(20):
            t0 = time.perf_counter()
            standings = OverviewRepository(vault).standings(today)
            t1 = time.perf_counter()
            model.set_standings(standings, today)
            t2 = time.perf_counter()
            ThreadRepository(vault).for_worker(standings[0].worker.id)
            t3 = time.perf_counter()
            loads.append((t1 - t0) * 1000)
            models.append((t2 - t1) * 1000)
            threads.append((t3 - t2) * 1000)
        command = "uv run pytest tests/bench/bench_worker_list.py -s"
        report(f"worker overview query ({len(standings)} workers)", loads, command)
        report("worker model reset + sorted proxy", models, command)
        report("one worker's thread", threads, command)
