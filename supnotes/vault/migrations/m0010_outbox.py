"""Version 10: the outbox to the organisation's hub, the hub's credentials, and the hub log.

- ``outbox``: each sealed document queued for the hub, with the deposit id
  that makes sending idempotent (the same on the laptop and the hub). The
  bytes are not copied: a row points at its ``sealed_document``. ``sent_at``
  is set once, after the hub committed; ``decision`` and ``reason`` are what
  the hub's intake said, as last seen. ``payload`` is for later kinds that
  are not sealed documents (service figures, handover).
- ``hub_connection``: at most one row, the hub's address, login, password
  and CA certificate; inside the encrypted vault, never in a settings file.
- ``hub_log``: what was done with the hub and when (connect, send, pulling
  the register into the vault's trust register); no record content; it only
  grows.
"""

from __future__ import annotations

from typing import Any

VERSION = 10
DESCRIPTION = "outbox to the organisation's hub, the hub's credentials, the hub log"

_STATEMENTS = (
    """
    CREATE TABLE outbox (
        deposit_id        TEXT PRIMARY KEY CHECK (length(deposit_id) = 64),
        kind              TEXT NOT NULL
                          CHECK (kind IN ('supervision-file', 'child-extract', 'figures',
                                          'handover')),
        target            TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
        record_reference  TEXT NOT NULL,
        is_addendum       INTEGER NOT NULL CHECK (is_addendum IN (0, 1)),
        sealed_document_id TEXT REFERENCES sealed_document(id) ON DELETE CASCADE,
        payload           BLOB,
        queued_at         TEXT NOT NULL,
        sent_at           TEXT,
        decision          TEXT CHECK (decision IN ('accepted', 'refused')),
        reason            TEXT NOT NULL DEFAULT '',
        CHECK ((sealed_document_id IS NULL) <> (payload IS NULL))
    ) STRICT
    """,
    "CREATE INDEX outbox_waiting ON outbox(sent_at, queued_at)",
    "CREATE INDEX outbox_document ON outbox(sealed_document_id)",
    """
    CREATE TABLE hub_connection (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        backend   TEXT NOT NULL CHECK (backend IN ('postgresql', 'file')),
        location  TEXT NOT NULL,
        login     TEXT NOT NULL DEFAULT '',
        password  TEXT NOT NULL DEFAULT '',
        ca_pem    BLOB,
        set_at    TEXT NOT NULL
    ) STRICT
    """,
    """
    CREATE TABLE hub_log (
        n      INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        what   TEXT NOT NULL CHECK (what IN ('connect', 'disconnect', 'send', 'pull-register')),
        hub    TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    "CREATE TRIGGER hub_log_no_update BEFORE UPDATE ON hub_log "
    "BEGIN SELECT RAISE(ABORT, 'the hub log cannot be changed'); END",
    "CREATE TRIGGER hub_log_no_delete BEFORE DELETE ON hub_log "
    "BEGIN SELECT RAISE(ABORT, 'the hub log cannot be changed'); END",
)


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
