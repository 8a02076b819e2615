"""Version 9: the access trail — one row per act that took content out of the vault.

The table holds no note content: the kind of act, when, the record's
reference, the audience, a child reference for an extract, and the
destination as a bare file name. Rows can be added and never changed or
removed (triggers), so the trail survives everything but the loss of the
vault itself; it goes with the vault into every backup.
"""

from __future__ import annotations

from typing import Any

VERSION = 9
DESCRIPTION = "access trail: what left the vault, when and where to (append-only)"

_MESSAGE = "the access trail cannot be changed"

_STATEMENTS = (
    """
    CREATE TABLE access_trail (
        n            INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
        record_ref   TEXT,
        audience     TEXT,
        child_ref    TEXT,
        destination  TEXT CHECK (destination IS NULL OR (instr(destination, '/') = 0
                                 AND instr(destination, char(92)) = 0))
    ) STRICT
    """,
    "CREATE INDEX access_trail_at ON access_trail(at)",
    f"CREATE TRIGGER access_trail_no_update BEFORE UPDATE ON access_trail "
    f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER access_trail_no_delete BEFORE DELETE ON access_trail "
    f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
