"""Benchmark: the held rule's last-held query against the old one-to-one-only query.

Run by hand: ``uv run pytest tests/bench/bench_held_query.py -s``. Builds the
worker-list benchmark's 10-year vault (60 workers, ~15,000 records) and
times both queries on it; the old query is the floor. Prints, asserts nothing.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.held import LAST_HELD, held_parameters
from supnotes.vault.vault import Vault
from tests.bench.bench_worker_list import _build
from tests.bench.conftest import report

pytestmark = pytest.mark.bench
COMMAND = "uv run pytest tests/bench/bench_held_query.py -s"
# Before the held rule: the latest one-to-one of any status, content or none.
FLOOR = (
    "SELECT w.id, (SELECT r.held_on FROM record r WHERE r.worker_id = w.id "
    "AND r.held_on <= ? AND r.kind = 'one-to-one' ORDER BY r.held_on DESC LIMIT 1) FROM worker w"
)


def test_last_held_query(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with vault:
        total = _build(vault)
        today = date.today()
        params = held_parameters(vault, today)
        floor, held = [], []
        for _ in range(30):
            t0 = time.perf_counter()
            vault.query(FLOOR, (today.isoformat(),))
            t1 = time.perf_counter()
            vault.query(LAST_HELD, params)
            t2 = time.perf_counter()
            floor.append((t1 - t0) * 1000)
            held.append((t2 - t1) * 1000)
        print(f"\n{total} records")
        report("floor: latest one-to-one, any", floor, COMMAND)
        report("held rule: latest held and latest signed", held, COMMAND)
