"""Version 8: retention (audit trail, audited deletion of signed records) and good practice.

Signed records, their rows and their sealed PDFs are locked by triggers
(versions 2, 3 and 5). Retention review must be able to delete them, and
nothing else may. This migration re-creates only the *delete* triggers with
one exemption: the record's id is in ``retention_purge``. A row goes into
``retention_purge`` only if an audit entry naming the record's reference was
written first (a trigger checks it), and the deletion removes its marker
before it commits, so the exemption exists only inside that one transaction.

The audit trail holds no personal content (kind, reference, when, by whom,
which rule) and can only grow.

The full-text index gets FTS5's ``secure-delete`` option, so a deleted
record's words are overwritten in the index's segments rather than only
marked deleted.

``good_practice`` holds the marks a supervisor puts on a record or on one of
its case discussions, each with a short note. A mark is an annotation, not
part of the signed record, so it can be added or removed after signing; it
goes with its record (ON DELETE CASCADE).
"""

from __future__ import annotations

from typing import Any

from supnotes.vault.connection import compose

VERSION = 8
DESCRIPTION = (
    "retention: audit trail, audited deletion of signed records, secure FTS deletes; "
    "good-practice marks"
)

SIGNED_MESSAGE = "signed records cannot be changed; add an addendum"
# Locked statuses, as version 7 made them: a record signed elsewhere is locked too.
_LOCKED = "IN ('signed', 'signed-elsewhere')"


def _raise(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _not_purged(record_expr: str) -> str:
    return compose(
        "NOT EXISTS (SELECT 1 FROM retention_purge p WHERE p.record_id = {ref})", ref=record_expr
    )


def _signed(record_expr: str) -> str:
    return compose(
        "(SELECT status FROM record WHERE id = {ref}) {locked}", ref=record_expr, locked=_LOCKED
    )


_TABLES = (
    """
    CREATE TABLE retention_audit (
        n           INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        reference   TEXT NOT NULL,
        was_signed  INTEGER NOT NULL CHECK (was_signed IN (0, 1)),
        deleted_at  TEXT NOT NULL,
        deleted_by  TEXT NOT NULL,
        rule        TEXT NOT NULL
    ) STRICT
    """,
    "CREATE TRIGGER retention_audit_no_update BEFORE UPDATE ON retention_audit "
    + _raise("the retention audit trail cannot be changed"),
    "CREATE TRIGGER retention_audit_no_delete BEFORE DELETE ON retention_audit "
    + _raise("the retention audit trail cannot be changed"),
    "CREATE TABLE retention_purge (record_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID",
    """
    CREATE TABLE good_practice (
        id                 TEXT PRIMARY KEY,
        record_id          TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
        case_discussion_id TEXT REFERENCES case_discussion(id) ON DELETE CASCADE,
        note               TEXT NOT NULL CHECK (length(trim(note)) BETWEEN 1 AND 280),
        marked_on          TEXT NOT NULL
    ) STRICT
    """,
    "CREATE UNIQUE INDEX good_practice_once ON good_practice(record_id, "
    "coalesce(case_discussion_id, ''))",
    compose(
        "CREATE TRIGGER retention_purge_needs_audit BEFORE INSERT ON retention_purge "
        "WHEN NOT EXISTS (SELECT 1 FROM retention_audit a JOIN record r "
        "ON r.reference = a.reference AND r.kind = a.kind WHERE r.id = new.record_id) {abort}",
        abort=_raise("a record is deleted for retention only after its audit entry is written"),
    ),
)

# (table, record id expression) of each delete trigger on rows a record owns.
_OWNED = (
    ("answer", "old.record_id"),
    ("case_discussion", "old.record_id"),
    ("decision", "old.record_id"),
    ("attendee", "old.record_id"),
    ("action_review", "old.record_id"),
    ("action", "old.raised_in"),
    ("drawn_signature", "old.record_id"),
)


def _delete_triggers() -> list[tuple[str, str]]:
    """(name, CREATE statement) of each delete trigger, now with the exemption."""
    made = [
        (
            "record_signed_delete",
            "CREATE TRIGGER record_signed_delete BEFORE DELETE ON record "
            f"WHEN old.status {_LOCKED} AND {_not_purged('old.id')} {_raise(SIGNED_MESSAGE)}",
        ),
        (
            "addendum_signed_delete",
            "CREATE TRIGGER addendum_signed_delete BEFORE DELETE ON addendum "
            f"WHEN old.signed_at IS NOT NULL AND {_not_purged('old.record_id')} "
            f"{_raise('signed addenda cannot be deleted')}",
        ),
        (
            "addendum_child_no_delete",
            compose(
                "CREATE TRIGGER addendum_child_no_delete BEFORE DELETE ON addendum_child "
                "WHEN {free} {abort}",
                free=_not_purged("(SELECT record_id FROM addendum WHERE id = old.addendum_id)"),
                abort=_raise("signed addenda cannot be deleted"),
            ),
        ),
        (
            "sealed_document_no_delete",
            "CREATE TRIGGER sealed_document_no_delete BEFORE DELETE ON sealed_document "
            f"WHEN {_not_purged('old.record_id')} {_raise('sealed documents cannot be deleted')}",
        ),
    ]
    for table, ref in _OWNED:
        name = f"{table}_signed_delete"
        made.append(
            (
                name,
                compose(
                    "CREATE TRIGGER {name} BEFORE DELETE ON {table} "
                    "WHEN {signed} AND {free} {abort}",
                    name=name,
                    table=table,
                    signed=_signed(ref),
                    free=_not_purged(ref),
                    abort=_raise(SIGNED_MESSAGE),
                ),
            )
        )
    return made


# When the record that closed an action is deleted, the action's closed_in
# becomes NULL (ON DELETE SET NULL); that update is allowed only for a purge.
_ACTION_CLOSED = (
    "CREATE TRIGGER action_closed_update BEFORE UPDATE ON action "
    "WHEN old.closed_in IS NOT NULL AND "
    + _signed("old.closed_in")
    + " AND "
    + _not_purged("old.closed_in")
    + " AND NOT (new.status IS old.status AND new.closed_in IS old.closed_in "
    "AND new.revised_due_on IS old.revised_due_on) " + _raise(SIGNED_MESSAGE)
)


def apply(conn: Any) -> None:
    for statement in _TABLES:
        conn.execute(statement)
    for name, create in _delete_triggers():
        conn.execute(compose("DROP TRIGGER {name}", name=name))
        conn.execute(create)
    conn.execute("DROP TRIGGER action_closed_update")
    conn.execute(_ACTION_CLOSED)
    conn.execute("INSERT INTO record_fts(record_fts, rank) VALUES ('secure-delete', 1)")
