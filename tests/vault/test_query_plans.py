"""Opening a worker, their export and searching stay indexed lookups (query plans, not timings).

Every SQL statement an operation runs is captured as SQLite runs it (its trace
callback, values filled in) and explained with ``EXPLAIN QUERY PLAN``. No plan
may scan a table of records or their rows: a scan, or a correlated ``EXISTS``
over every record, made opening the busiest worker of a 10-year vault take
195 ms instead of 2, and grows with the vault instead of with the worker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.portability import export_document
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.thread import ThreadRepository
from supnotes.vault.search import SearchFilters, search
from supnotes.vault.vault import Vault

#: What a plan may scan: the full-text index itself (a MATCH), a subquery or CTE
#: it built, the search backlog (read with LIMIT 1), and tables that grow with
#: the workers or templates, never with the records (an export reads them whole).
_ALLOWED_SCANS = re.compile(
    r"SCAN (record_fts VIRTUAL TABLE|\(subquery-\d+\)|best|fts_pending|template_snapshot"
    r"|supervisor_profile|caseload_entry|worker)( |$)"
)


def scans(vault: Vault, sql: str) -> list[str]:
    """What in ``sql`` reads a whole table, or checks each row of one against another.

    An ``EXISTS`` is run once per row of the outer query: over the records of a
    search's matches it grows with the vault even when no table is scanned.
    """
    plan = [str(row[3]) for row in vault.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    found = [line for line in plan if line.startswith("SCAN ") and not _ALLOWED_SCANS.match(line)]
    if re.search(r"\bEXISTS\s*\(", sql, re.IGNORECASE):
        found.append("correlated EXISTS")
    return found


@contextmanager
def statements(vault: Vault) -> Iterator[list[str]]:
    """The SELECT statements run inside the block, as run (values filled in)."""
    seen: list[str] = []
    vault.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        vault.conn.set_trace_callback(None)
    seen[:] = [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


@pytest.fixture
def demo(vault: Vault, library: TemplateLibrary) -> DemoVault:
    built = build_demo(library, today=date(2026, 3, 2), history_days=120)
    write_demo(vault, built)
    return built


def _group_member(demo: DemoVault) -> str:
    """A worker who attended a group (their thread has both kinds of record)."""
    for content in demo.records:
        for attendee in content.attendees:
            if attendee.worker_id is not None:
                return attendee.worker_id
    raise AssertionError("the demo has no group attended by a worker")


def _child(demo: DemoVault) -> str:
    for content in demo.records:
        for discussion in content.case_discussions:
            return discussion.child_ref
    raise AssertionError("the demo discusses no child")


def test_the_check_catches_the_correlated_form(vault: Vault) -> None:
    # The form this guard exists for: it must be flagged, or the guard proves nothing.
    old = (
        "SELECT r.id FROM record r WHERE r.worker_id = 'w' OR EXISTS "
        "(SELECT 1 FROM attendee t WHERE t.record_id = r.id AND t.worker_id = 'w')"
    )
    # (Since migration 13 SQLite scans a covering index of the records: still a scan.)
    found = [line.split(" USING ")[0] for line in scans(vault, old)]
    assert found == ["SCAN r", "correlated EXISTS"]


def _operations(vault: Vault, demo: DemoVault) -> dict[str, Callable[[], object]]:
    worker = _group_member(demo)
    child = _child(demo)
    return {
        "opening a worker": lambda: ThreadRepository(vault).for_worker(worker),
        "a worker's summaries": lambda: RecordRepository(vault).summaries(worker_id=worker),
        "a worker's export": lambda: export_document(vault, worker_id=worker),
        "search, worker filter": lambda: search(vault, "the", SearchFilters(worker_id=worker)),
        "search, child filter": lambda: search(vault, "the", SearchFilters(child_ref=child)),
        "search": lambda: search(vault, "grandmother"),
        "search, prefix": lambda: search(vault, "gr*"),
        "search, phrase": lambda: search(vault, '"court statement"'),
    }


@pytest.mark.parametrize(
    "name",
    [
        "opening a worker",
        "a worker's summaries",
        "a worker's export",
        "search, worker filter",
        "search, child filter",
        "search",
        "search, prefix",
        "search, phrase",
    ],
)
def test_no_plan_scans_the_records(vault: Vault, demo: DemoVault, name: str) -> None:
    operation = _operations(vault, demo)[name]
    with statements(vault) as run:
        assert operation()
    assert run, "nothing was captured"
    found = {sql: scans(vault, sql) for sql in run}
    assert {sql: lines for sql, lines in found.items() if lines} == {}


def test_opening_a_worker_is_one_query_whatever_their_records(
    vault: Vault, demo: DemoVault
) -> None:
    threads = ThreadRepository(vault)
    counts = {}
    for content in demo.records:
        worker = content.record.worker_id
        if worker is None or worker in counts:
            continue
        threads.for_worker(worker)  # template titles are looked up once, then kept
        with statements(vault) as run:
            entries = threads.for_worker(worker)
        counts[worker] = (len(entries), len(run))
    assert len({records for records, _ in counts.values()}) > 1  # workers of several sizes
    assert {queries for _, queries in counts.values()} == {1}
