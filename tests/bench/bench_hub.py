"""Benchmark: the hub on a real PostgreSQL: deposit and intake throughput, report time, size.

Run by hand (outside CI): ``uv run pytest tests/bench/bench_hub.py -s``.
``SUPNOTES_HUB_BENCH_DEPOSITS`` sets how many deposits (default 5,000; the
issue's synthetic organisation is 290,000: 300 supervisors, 10 years). One
really sealed PDF's bytes are reused under a distinct target each, so nothing
is signed per deposit; intake is timed on a sample (each is a full
signature check) and the rest accepted in bulk. Figures: 300 supervisors
sending quarterly for 10 years (12,000 sets of 8 workers). Prints, asserts
nothing but that the report read every set.
"""

from __future__ import annotations

import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from supnotes.domain.compliance import Period
from supnotes.domain.service_figures import ServiceFigures, WorkerFigures
from supnotes.hub.address import HubAddress
from supnotes.hub.deposits import NewDeposit
from supnotes.hub.opening import open_store
from supnotes.services import hub_register
from supnotes.services import identity as identities
from supnotes.services.hub_intake import SignatureVerdicts, judge_deposit, register_roots
from supnotes.services.hub_report import build_service_report
from supnotes.vault.repositories.sealed import SealedRepository
from tests.hub import sealed_vault
from tests.hub.postgres_server import postgres_bin, start_server, stop_server

pytestmark = pytest.mark.bench
COMMAND = "uv run pytest tests/bench/bench_hub.py -s"
DEPOSITS = int(os.environ.get("SUPNOTES_HUB_BENCH_DEPOSITS", "5000"))
SUPERVISORS, QUARTERS, SAMPLE = 300, 40, 200


def _figures(n: int, quarter: int) -> bytes:
    start = date(2016, 1, 1) + timedelta(days=91 * quarter)
    return ServiceFigures(
        supervisor=f"Supervisor {n:03d}",
        organisation="Bench Council",
        period_start=start,
        period_end=start + timedelta(days=90),
        made_on=start + timedelta(days=91),
        caseload_warning=20,
        workers=tuple(
            WorkerFigures(
                f"Team {n % 40:02d}",
                f"Worker {n:03d}-{w}",
                "Social Worker",
                3,
                3 - (w % 2),
                3 - (w % 2),
                w == 0,
                w,
                14 + w,
            )
            for w in range(8)
        ),
    ).to_json()


def test_hub_load(tmp_path: Path) -> None:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed")
    sealed_vault.build(tmp_path / "v")
    with sealed_vault.copy_open(tmp_path / "v") as vault:
        certificate = identities.current_certificate(vault)
        record_id = str(vault.query("SELECT record_id FROM sealed_document LIMIT 1")[0][0])
        pdf = SealedRepository(vault).latest(record_id)[0].pdf
    assert certificate is not None
    server = start_server(bin_dir)
    try:
        server.psql("postgres", "CREATE DATABASE bench")
        address = HubAddress.postgresql(server.socket_url("bench"))
        with open_store(address, create=True) as store:
            store.initialise()
            hub_register.register(store, certificate, "supervisor")
            t0 = time.perf_counter()
            for n in range(DEPOSITS):
                store.deposit(
                    NewDeposit("child-extract", f"C-{n:07d}", f"SN-B-{n:07d}", False, pdf), "x"
                )
            deposit_s = time.perf_counter() - t0
            roots = register_roots(store)
            sample = store.received(SAMPLE)
            t0 = time.perf_counter()
            reasons = [judge_deposit(d, roots, store) for d in sample]
            intake_s = (time.perf_counter() - t0) / len(sample)
            assert reasons == [None] * len(sample)
            # As run_intake judges: one verification per distinct content (here all share one).
            verdicts: SignatureVerdicts = {}
            t0 = time.perf_counter()
            cached = [judge_deposit(d, roots, store, verdicts) for d in sample]
            repeated_s = (time.perf_counter() - t0) / len(sample)
            assert cached == [None] * len(sample)
            assert len(verdicts) == 1
            store.rows(
                "INSERT INTO intake_decision(deposit_id, decision) "
                "SELECT id, 'accepted' FROM deposit"
            )
            t0 = time.perf_counter()
            for n in range(SUPERVISORS):
                for q in range(QUARTERS):
                    store.deposit(
                        NewDeposit(
                            "figures",
                            f"S{n:03d} all teams q{q}",
                            f"FIGURES-{q}",
                            False,
                            _figures(n, q),
                        ),
                        "x",
                    )
            figures_s = time.perf_counter() - t0
            store.rows(
                "INSERT INTO intake_decision(deposit_id, decision) SELECT id, 'accepted' "
                "FROM deposit d WHERE NOT EXISTS "
                "(SELECT 1 FROM intake_decision i WHERE i.deposit_id = d.id)"
            )
            t0 = time.perf_counter()
            report = build_service_report(store, Period(date(2016, 1, 1), date(2026, 12, 31)))
            report_s = time.perf_counter() - t0
            assert report.figures_read == SUPERVISORS * QUARTERS
            size = server.psql("postgres", "SELECT pg_database_size('bench')")[0][0]
    finally:
        stop_server(server)
    print(
        f"\nhub load: {DEPOSITS:,} deposits of {len(pdf):,} bytes: "
        f"{DEPOSITS / deposit_s:,.0f} deposits/s (one transaction each)"
        f"\n  intake: {intake_s * 1000:.1f} ms per deposit (sample of {SAMPLE}; full "
        f"signature check), {1 / intake_s:,.1f} deposits/s; 290,000 would take "
        f"{290_000 * intake_s / 3600:.1f} h on one core"
        f"\n  intake of repeated content (verified once per run): {repeated_s * 1000:.1f} ms "
        "per deposit (hash, id and duplicate check only)"
        f"\n  figures: {SUPERVISORS * QUARTERS:,} sets deposited in {figures_s:.1f} s; "
        f"hub report over 10 years: {report_s:.2f} s, {len(report.lines)} lines"
        f"\n  database size: {int(str(size)) / 1e6:,.0f} MB "
        f"({int(str(size)) / DEPOSITS / 1e3:.1f} kB per deposit with figures)"
        f"\n  measured with: SUPNOTES_HUB_BENCH_DEPOSITS={DEPOSITS} {COMMAND}"
    )
