"""Before/after figures for search, opening a worker and unlock after an unclean exit.

Run by hand on a vault built by ``tests.bench.perfdata_vault`` or the bench generator:

    uv run python -m tests.bench.perfdata_measure VAULT --passphrase PASS \
        [--what search,worker,window,crash]

Prints p50/p95 per measure; asserts nothing. ``crash`` marks the vault as
left open (what an unclean exit leaves) and times the unlock; it needs the
vault writable.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from supnotes.vault import instance
from supnotes.vault.paths import VaultPaths
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.thread import ThreadRepository
from supnotes.vault.search import SearchFilters, search
from supnotes.vault.vault import Unlock, Vault

#: Typical queries: common and rare words, a child reference, a name, a phrase, prefixes.
QUERIES = [
    "child",
    "grandmother",
    "viab*",
    "ch*",
    '"court statement"',
    "exploitation risk",
    "placement",
    "nursery police",
]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def line(name: str, samples: list[float]) -> str:
    return (
        f"{name}: n={len(samples)} p50={statistics.median(samples):.1f} ms "
        f"p95={percentile(samples, 95):.1f} ms max={max(samples):.1f} ms"
    )


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def cpu(fn: Callable[[], object], rounds: int) -> list[float]:
    """CPU time of the calling thread: the work itself, whatever else the machine runs."""
    samples = []
    for _ in range(rounds):
        t0 = time.thread_time()
        fn()
        samples.append((time.thread_time() - t0) * 1000)
    return samples


def busiest_worker(vault: Vault) -> tuple[str, int]:
    rows = vault.query(
        "SELECT w, count(*) FROM (SELECT worker_id AS w, id FROM record WHERE worker_id "
        "IS NOT NULL UNION SELECT worker_id, record_id FROM attendee WHERE worker_id IS NOT "
        "NULL) GROUP BY w ORDER BY 2 DESC LIMIT 1"
    )
    return str(rows[0][0]), int(str(rows[0][1]))


def measure_search(vault: Vault, rounds: int) -> None:
    search(vault, "warm")
    for limit in (50, 200):
        samples: list[float] = []
        per: dict[str, list[float]] = {}
        for _ in range(rounds):
            for query in QUERIES:
                t0 = time.perf_counter()
                search(vault, query, limit=limit)
                ms = (time.perf_counter() - t0) * 1000
                samples.append(ms)
                per.setdefault(query, []).append(ms)
        print(line(f"search limit {limit}", samples))
        for query, own in per.items():
            print(f"    {query!r}: p50={statistics.median(own):.1f} p95={percentile(own, 95):.1f}")
    try:  # absent before the second-pass snippets (for before/after runs)
        from supnotes.ui.views.search_view import FIRST_SNIPPETS
    except ImportError:
        _filters(vault, rounds)
        return
    panel: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            t0 = time.perf_counter()
            search(vault, query, limit=200, snippets_for=FIRST_SNIPPETS)
            panel.append((time.perf_counter() - t0) * 1000)
    print(line(f"search limit 200, first {FIRST_SNIPPETS} snippets (the panel's wait)", panel))
    spent: list[float] = []
    for query in QUERIES:

        def panel_search(q: str = query) -> object:
            return search(vault, q, limit=200, snippets_for=FIRST_SNIPPETS)

        spent += cpu(panel_search, rounds)
    print(line("  same, CPU time", spent))
    _filters(vault, rounds)


def _filters(vault: Vault, rounds: int) -> None:
    worker, _ = busiest_worker(vault)
    child = vault.query("SELECT child_ref FROM case_discussion LIMIT 1")[0][0]
    for name, filters in (
        ("worker filter", SearchFilters(worker_id=worker)),
        ("child filter", SearchFilters(child_ref=str(child))),
    ):

        def one(f: SearchFilters = filters) -> object:
            return search(vault, "child", f)

        print(line(f"search 'child' {name}", timed(one, rounds)))


def measure_worker(vault: Vault, rounds: int) -> None:
    worker, count = busiest_worker(vault)
    threads = ThreadRepository(vault)
    threads.for_worker(worker)
    print(line(f"for_worker ({count} records)", timed(lambda: threads.for_worker(worker), rounds)))
    print(line("  same, CPU time", cpu(lambda: threads.for_worker(worker), rounds)))
    records = RecordRepository(vault)
    print(
        line(
            "summaries(worker_id)",
            timed(lambda: records.summaries(worker_id=worker), rounds),
        )
    )


def measure_window(vault: Vault, rounds: int) -> None:
    """From choosing the worker to the records table filled, in a real ThreadPanel."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from supnotes.ui.views.thread_view import ThreadPanel

    app = QApplication.instance() or QApplication([])
    worker, count = busiest_worker(vault)
    panel = ThreadPanel()
    panel.resize(900, 600)
    panel.show()
    panel.bind(vault)
    # Wait in an event loop, not a busy one: spinning would take the GIL and a
    # core from the thread that loads the records.
    loop = QEventLoop()
    panel.loaded.connect(loop.quit)
    samples, spent = [], []
    for index in range(rounds + 1):
        panel.show_worker(None)
        app.processEvents()
        t0, c0 = time.perf_counter(), time.process_time()
        panel.show_worker(worker, "Busiest")
        loop.exec()
        panel.table.viewport().repaint()  # the filled table painted once
        if index:  # the first is a warm-up
            samples.append((time.perf_counter() - t0) * 1000)
            spent.append((time.process_time() - c0) * 1000)
    assert panel.model.rowCount() == count
    print(line(f"select worker -> table filled and painted ({count} records)", samples))
    print(line("  same, CPU time of the process (both threads)", spent))
    panel.close()


def measure_crash(folder: Path, unlock: Unlock, rounds: int) -> None:
    paths = VaultPaths(folder)
    normal, crashed = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        Vault.open(folder, unlock).close()
        normal.append((time.perf_counter() - t0) * 1000)
        instance.mark_open(paths)  # what an unclean exit leaves behind
        t0 = time.perf_counter()
        vault = Vault.open(folder, unlock)
        crashed.append((time.perf_counter() - t0) * 1000)
        vault.close()
    print(line("unlock, normal", normal))
    print(line("unlock after an unclean exit", crashed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--passphrase", default="a long enough passphrase")
    parser.add_argument("--what", default="search,worker,window,crash")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args(argv)
    what = set(args.what.split(","))
    unlock = Unlock(passphrase=args.passphrase)
    if what & {"search", "worker", "window"}:
        with Vault.open(args.folder, unlock) as vault:
            print(f"{vault.query('SELECT count(*) FROM record')[0][0]} records")
            if "search" in what:
                measure_search(vault, args.rounds)
            if "worker" in what:
                measure_worker(vault, args.rounds)
            if "window" in what:
                measure_window(vault, args.rounds)
    if "crash" in what:
        measure_crash(args.folder, unlock, max(2, args.rounds // 10))
    return 0


if __name__ == "__main__":
    sys.exit(main())
