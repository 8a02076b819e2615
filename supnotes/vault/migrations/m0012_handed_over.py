"""Version 12: a worker handed over to another supervisor.

When the giver makes a handover package, the worker is marked handed over:
the day, and to whom (the receiver's encryption-key fingerprint, and a name
when the giver gave one). The retention rule treats that day like a leaving
date, so the giver's copy comes up for review under the organisation's
period. One row per worker (the latest handover); the row goes with its
worker. It stays on this laptop: the export does not carry it.
"""

from __future__ import annotations

from typing import Any

VERSION = 12
DESCRIPTION = "workers handed over to another supervisor (date and receiver)"

_STATEMENTS = (
    """
    CREATE TABLE worker_handover (
        worker_id       TEXT PRIMARY KEY REFERENCES worker(id) ON DELETE CASCADE,
        handed_over_on  TEXT NOT NULL,
        to_fingerprint  TEXT NOT NULL,
        to_name         TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
