"""Retention review and deletion (with its VACUUM) on a year of generated records.

Run by hand: ``uv run pytest tests/bench/test_retention_bench.py -s``

Each run builds a fresh vault with a year of records (not sealed: no PDFs, so
the file is small and VACUUM is at its cheapest; sealed PDFs make it grow with
the vault), gives one worker a leaving date long ago, then times the review
and the deletion of that worker's records, which ends with a WAL checkpoint,
VACUUM and another checkpoint. The floor printed beside is the review alone.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.services import retention
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.bench.conftest import report

RUNS = 3
COMMAND = "uv run pytest tests/bench/test_retention_bench.py -s"


def test_review_and_delete(tmp_path: Path) -> None:
    demo = build_demo(default_library(), today=date(2026, 3, 20), history_days=365)
    reviews: list[float] = []
    deletions: list[float] = []
    for run in range(RUNS):
        vault, _ = Vault.create(
            tmp_path / f"v{run}", "a long enough passphrase", kdf_params=TEST_PARAMS
        )
        with vault:
            write_demo(vault, demo)
            (worker_id,) = vault.query("SELECT worker_id FROM record WHERE kind = 'one-to-one'")[0]
            with vault.transaction() as conn:
                conn.execute(
                    "UPDATE worker SET leaving_date = '2018-01-01' WHERE id = ?", (worker_id,)
                )
            started = time.perf_counter()
            due = retention.review(vault)
            reviewed = time.perf_counter()
            retention.delete(vault, due)
            done = time.perf_counter()
            assert due
            reviews.append((reviewed - started) * 1000)
            deletions.append((done - reviewed) * 1000)
    report("retention review (floor)", reviews, COMMAND)
    report(f"delete {len(due)} records incl. VACUUM", deletions, COMMAND)
