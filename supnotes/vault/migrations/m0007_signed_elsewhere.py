"""Version 5: records signed in another vault, imported without their sealed PDFs.

A record imported from an export that does not carry its sealed PDFs
(format version 1, or a version 2 JSON taken out of its zip) gets the status
``signed-elsewhere``: it is locked exactly like a signed record, but it is
not "signed" here, because the signed copy is held elsewhere.

Two changes:

- the ``record.status`` CHECK constraint allows the new value. SQLite cannot
  alter a constraint, and rebuilding ``record`` would cascade-delete every
  row that refers to it (foreign keys are on, and cannot be turned off inside
  the migration's transaction). So the constraint is widened in place with
  the procedure SQLite documents for changing CHECK constraints
  (``writable_schema``, then a schema version bump), in the same transaction:
  every existing row already satisfies the wider constraint.
- every trigger that locks a signed record (migrations 2 and 3) is dropped
  and created again with ``status IN ('signed', 'signed-elsewhere')``.
- one change stays open to a record signed elsewhere: becoming ``signed``,
  with nothing else changed, once its sealed supervision-file copy (the
  PDF whose SHA-256 it cites) is in the vault, when the zip that carries its
  PDFs is imported later.
"""

from __future__ import annotations

from typing import Any

from supnotes.vault.connection import compose
from supnotes.vault.migrations import m0002_supervision_model as m0002

VERSION = 7
DESCRIPTION = "records signed elsewhere: imported signed records without their sealed PDFs"

_OLD_CHECK = "CHECK (status IN ('draft', 'signed'))"
_NEW_CHECK = "CHECK (status IN ('draft', 'signed', 'signed-elsewhere'))"
_LOCKED = "IN ('signed', 'signed-elsewhere')"


def _widen_status_check(conn: Any) -> None:
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'record'"
    ).fetchone()
    sql = str(row[0])
    if sql.count(_OLD_CHECK) != 1:
        raise RuntimeError("the record table's status constraint is not the one migration 2 made")
    (schema_version,) = conn.execute("PRAGMA schema_version").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'record'",
            (sql.replace(_OLD_CHECK, _NEW_CHECK),),
        )
        conn.execute(f"PRAGMA schema_version = {int(schema_version) + 1:d}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


def locked_trigger_sql(sql: str) -> str:
    """A trigger's SQL with every "is signed" test made "is signed here or elsewhere"."""
    return sql.replace("status = 'signed'", f"status {_LOCKED}").replace(
        ") = 'signed'", f") {_LOCKED}"
    )


def _relock_triggers(conn: Any) -> None:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()
    for name, sql in rows:
        new_sql = locked_trigger_sql(str(sql))
        if new_sql == sql:
            continue
        conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute(new_sql)


_RECORD_UPDATE = (
    "CREATE TRIGGER record_signed_update BEFORE UPDATE ON record "
    "WHEN old.status {locked} AND NOT ({unchanged} AND ("
    "(new.status IS old.status AND (old.sealed_sha256 IS NULL "
    "OR new.sealed_sha256 IS old.sealed_sha256)) "
    "OR (old.status = 'signed-elsewhere' AND new.status = 'signed' "
    "AND new.sealed_sha256 IS old.sealed_sha256 AND EXISTS (SELECT 1 FROM sealed_document d "
    "WHERE d.record_id = old.id AND d.output = 'supervision-file' AND d.addendum_id IS NULL "
    "AND d.revision = 1 AND d.sha256 = old.sealed_sha256)))) "
    "BEGIN SELECT RAISE(ABORT, '{message}'); END"
)


def _record_update_trigger() -> str:
    others = [c for c in m0002._RECORD_COLUMNS if c != "status"]
    return compose(
        _RECORD_UPDATE,
        locked=_LOCKED,
        unchanged=" AND ".join(f"new.{c} IS old.{c}" for c in others),
        message=m0002.SIGNED_MESSAGE,
    )


def apply(conn: Any) -> None:
    _widen_status_check(conn)
    _relock_triggers(conn)
    conn.execute("DROP TRIGGER record_signed_update")
    conn.execute(_record_update_trigger())
