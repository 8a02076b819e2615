"""Opening a worker by its covering index gives the same thread as the query it replaced.

The thread list used to select ``r.id IN (own records UNION attended groups)``
and look every record up in the table; it now reads the worker's own records
from ``record_worker_thread`` and adds the attended groups that are not their
own. Rows, counts and order must not change: compared here, worker by worker,
on a generated vault, including the awkward cases (a record that is both the
worker's own and attended by them, blank and closed actions, same-day records).
"""

from __future__ import annotations

from datetime import date

import pytest

from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault import scopes
from supnotes.vault.connection import compose
from supnotes.vault.demo import write_demo
from supnotes.vault.repositories.overview import _ACTIONS
from supnotes.vault.repositories.rows import OUTSTANDING_ACTION
from supnotes.vault.repositories.thread import _THREAD
from supnotes.vault.vault import Vault

#: The query before migration 13, word for word (without the new trailing ``n``).
_PREVIOUS = compose(
    "SELECT r.id, r.reference, r.held_on, r.kind, r.template_id, r.template_version, r.status, "
    "(SELECT count(*) FROM action a WHERE a.raised_in = r.id AND {outstanding}), "
    "(SELECT count(*) FROM addendum d WHERE d.record_id = r.id) "
    "FROM record r WHERE r.id IN ({ids}) "
    "ORDER BY r.held_on DESC, r.n DESC",
    outstanding=OUTSTANDING_ACTION,
    ids=scopes.WORKER_RECORD_IDS,
)


@pytest.fixture
def demo(vault: Vault, library: TemplateLibrary) -> DemoVault:
    built = build_demo(library, today=date(2026, 3, 2), history_days=400)
    write_demo(vault, built)
    return built


def _threads(vault: Vault) -> dict[str, tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    workers = [str(row[0]) for row in vault.query("SELECT id FROM worker ORDER BY id")]
    return {
        w: (
            [row[:9] for row in vault.query(_THREAD, {"worker": w})],
            vault.query(_PREVIOUS, tuple(scopes.worker_params(w))),
        )
        for w in workers
    }


def test_every_workers_thread_is_the_same_rows_in_the_same_order(
    vault: Vault, demo: DemoVault
) -> None:
    threads = _threads(vault)
    assert sum(1 for new, _ in threads.values() if new) > 3  # several workers with records
    assert any(row[3] == "group" for new, _ in threads.values() for row in new)
    assert {w: new for w, (new, _) in threads.items()} == {
        w: old for w, (_, old) in threads.items()
    }


def test_the_awkward_cases_match_too(vault: Vault, demo: DemoVault) -> None:
    own = vault.query(
        "SELECT r.id, r.worker_id, r.held_on FROM record r WHERE r.worker_id IS NOT NULL "
        "AND r.status = 'draft' ORDER BY r.held_on LIMIT 1"
    )
    assert own, "the demo has no draft to change"
    record_id, worker_id, _ = own[0]
    with vault.transaction() as conn:
        # The worker attends their own record (it must appear once).
        conn.execute(
            "INSERT INTO attendee (id, record_id, position, worker_id, name, role) "
            "VALUES ('att-own', ?, 99, ?, 'Self', 'member')",
            (record_id, worker_id),
        )
        # Actions: one blank (not outstanding), one carried forward, one done.
        for n, (text, status) in enumerate(
            [("   ", "open"), ("carry on", "carried-forward"), ("finished", "done")]
        ):
            conn.execute(
                "INSERT INTO action (id, raised_in, position, text, status) VALUES (?, ?, ?, ?, ?)",
                (f"act-{n}", record_id, 100 + n, text, status),
            )
    new = [row[:9] for row in vault.query(_THREAD, {"worker": worker_id})]
    old = vault.query(_PREVIOUS, (worker_id, worker_id))
    assert [row[0] for row in new].count(record_id) == 1
    assert new == old
    assert all(new_rows == old_rows for new_rows, old_rows in _threads(vault).values())


def test_opening_a_worker_reads_their_own_records_from_the_index_alone(
    vault: Vault, demo: DemoVault
) -> None:
    worker = str(vault.query("SELECT worker_id FROM record WHERE worker_id IS NOT NULL")[0][0])
    plan = [
        str(row[3])
        for row in vault.conn.execute("EXPLAIN QUERY PLAN " + _THREAD, {"worker": worker})
    ]
    assert any("COVERING INDEX record_worker_thread" in line for line in plan), plan
    assert any("INDEX action_outstanding" in line for line in plan), plan


#: The worker list's action counts before migration 13, word for word.
_PREVIOUS_ACTIONS = compose(
    "SELECT r.worker_id, count(*), "
    "sum(coalesce(a.revised_due_on, a.due_on) < ?) "
    "FROM action a JOIN record r ON r.id = a.raised_in "
    "WHERE {outstanding} AND r.worker_id IS NOT NULL "
    "GROUP BY r.worker_id",
    outstanding=OUTSTANDING_ACTION,
)


def test_the_worker_lists_action_counts_match_the_previous_query(
    vault: Vault, demo: DemoVault
) -> None:
    draft = vault.query(
        "SELECT id FROM record WHERE worker_id IS NOT NULL AND status = 'draft' LIMIT 1"
    )
    assert draft, "the demo has no draft to change"
    with vault.transaction() as conn:
        for n, (text, status, due, revised) in enumerate(
            [
                ("  ", "open", "2020-01-01", None),  # blank: not counted
                ("late", "open", "2020-01-01", None),  # overdue
                ("moved", "carried-forward", "2020-01-01", "2099-01-01"),  # revised: not overdue
                ("undated", "open", None, None),
                ("done", "done", "2020-01-01", None),
            ]
        ):
            conn.execute(
                "INSERT INTO action (id, raised_in, position, text, status, due_on, "
                "revised_due_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"act-{n}", draft[0][0], 200 + n, text, status, due, revised),
            )
    for today in ("2026-03-02", "2025-06-01", "2099-12-31"):
        new = sorted(vault.query(_ACTIONS, (today,)))
        assert len(new) > 3
        assert new == sorted(vault.query(_PREVIOUS_ACTIONS, (today,)))
    plan = [str(row[3]) for row in vault.conn.execute("EXPLAIN QUERY PLAN " + _ACTIONS, ("x",))]
    assert not any("action_status" in line for line in plan), plan
