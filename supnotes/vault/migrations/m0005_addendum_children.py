"""Version 5: the children an addendum concerns, and the extract it amends for each.

An addendum that concerns a child is issued to that child's record as well,
as a signed addendum extract citing the SHA-256 of the extract it amends.
The rows are written with the (already signed) addendum, in one
transaction, and never change afterwards.
"""

from __future__ import annotations

from typing import Any

VERSION = 5
DESCRIPTION = "children an addendum concerns, each with the extract it amends"

_STATEMENTS = (
    """
    CREATE TABLE addendum_child (
        addendum_id  TEXT NOT NULL REFERENCES addendum(id),
        child_ref    TEXT NOT NULL CHECK (trim(child_ref) <> ''),
        cites_sha256 TEXT NOT NULL,
        position     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (addendum_id, child_ref)
    ) STRICT, WITHOUT ROWID
    """,
    "CREATE TRIGGER addendum_child_no_update BEFORE UPDATE ON addendum_child "
    "BEGIN SELECT RAISE(ABORT, 'signed addenda cannot be changed'); END",
    "CREATE TRIGGER addendum_child_no_delete BEFORE DELETE ON addendum_child "
    "BEGIN SELECT RAISE(ABORT, 'signed addenda cannot be deleted'); END",
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
