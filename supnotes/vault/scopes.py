"""Which records belong to a worker or concern a child, as non-correlated subqueries.

Each is a ``SELECT`` of record ids, run once per query from indexed lookups
and used as ``r.id IN (...)``. The correlated form it replaces (``r.worker_id
= ? OR EXISTS (SELECT ... WHERE a.record_id = r.id ...)``) checked every
record in the vault, so opening a worker grew with the vault instead of with
that worker's records. ``tests/vault/test_query_plans.py`` keeps it out.
"""

from __future__ import annotations

#: A worker's records: their own and the groups they attended. Parameters: the
#: worker's id, twice (:func:`worker_params`).
WORKER_RECORD_IDS = (
    "SELECT id FROM record WHERE worker_id = ? "
    "UNION SELECT record_id FROM attendee WHERE worker_id = ?"
)

#: Records that discuss a child, decide about them or raise an action for them.
#: Parameters: the child reference, three times (:func:`child_params`).
CHILD_RECORD_IDS = (
    "SELECT record_id FROM case_discussion WHERE child_ref = ? "
    "UNION SELECT record_id FROM decision WHERE child_ref = ? "
    "UNION SELECT raised_in FROM action WHERE child_ref = ?"
)


def worker_params(worker_id: str) -> list[object]:
    return [worker_id, worker_id]


def child_params(child_ref: str) -> list[object]:
    return [child_ref, child_ref, child_ref]
