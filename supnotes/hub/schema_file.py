"""The embedded SQLite hub's schema: the same tables, append-only by triggers alone.

There are no roles (whoever can open the file reads everything), the
sender is the name the client gives, and the receipt time is the writing
machine's clock: ``docs/organisation.md`` says so plainly.
"""

from __future__ import annotations

from supnotes.hub.migrations import HubMigration, checked

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_APPEND_ONLY_TABLES = ("deposit", "intake_decision", "signer")


def _abort(message: str) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


_V1 = (
    f"""
    CREATE TABLE signer (
        fingerprint   TEXT PRIMARY KEY CHECK (length(fingerprint) = 95),
        name          TEXT NOT NULL,
        subject       TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('supervisor', 'supervisee')),
        der           BLOB NOT NULL,
        registered_at TEXT NOT NULL DEFAULT ({_NOW}),
        registered_by TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    f"""
    CREATE TABLE deposit (
        id               TEXT PRIMARY KEY CHECK (length(id) = 64),
        kind             TEXT NOT NULL
                         CHECK (kind IN ('supervision-file', 'child-extract',
                                         'figures', 'handover')),
        target           TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
        record_reference TEXT NOT NULL,
        is_addendum      INTEGER NOT NULL CHECK (is_addendum IN (0, 1)),
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        content          BLOB NOT NULL,
        sender           TEXT NOT NULL,
        received_at      TEXT NOT NULL DEFAULT ({_NOW})
    ) STRICT
    """,
    "CREATE INDEX deposit_sha256 ON deposit(sha256)",
    "CREATE INDEX deposit_sender ON deposit(sender)",
    "CREATE INDEX deposit_target ON deposit(kind, target)",
    f"""
    CREATE TABLE intake_decision (
        n          INTEGER PRIMARY KEY,
        deposit_id TEXT NOT NULL REFERENCES deposit(id),
        decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'refused')),
        reason     TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL DEFAULT ({_NOW}),
        decided_by TEXT NOT NULL DEFAULT '',
        CHECK ((decision = 'refused') = (reason <> ''))
    ) STRICT
    """,
    "CREATE INDEX intake_decision_deposit ON intake_decision(deposit_id, n)",
    """
    CREATE VIEW current_decision AS
    SELECT i.deposit_id, i.decision, i.reason, i.decided_at, i.decided_by
      FROM intake_decision i
     WHERE i.n = (SELECT max(j.n) FROM intake_decision j WHERE j.deposit_id = i.deposit_id)
    """,
    "CREATE TRIGGER intake_accepted_final BEFORE INSERT ON intake_decision "  # noqa: S608
    "WHEN EXISTS (SELECT 1 FROM intake_decision WHERE deposit_id = new.deposit_id "
    "AND decision = 'accepted') " + _abort("an accepted deposit is final: no later decision"),
    # The receipt time is the file's default; a client that brings its own is refused.
    "CREATE TRIGGER deposit_own_time BEFORE INSERT ON deposit "
    "WHEN abs(julianday(new.received_at) - julianday('now')) * 86400 > 60 "
    + _abort("the hub sets the receipt time, not the client"),
    *(
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        + _abort(f"{table} is append-only: its rows cannot be changed or deleted")
        for table in _APPEND_ONLY_TABLES
    ),
    *(
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        + _abort(f"{table} is append-only: its rows cannot be changed or deleted")
        for table in _APPEND_ONLY_TABLES
    ),
    """
    CREATE VIEW hr_file AS
    SELECT d.id, d.kind, d.target, d.record_reference, d.is_addendum, d.sha256, d.content,
           d.sender, d.received_at
      FROM deposit d JOIN current_decision i ON i.deposit_id = d.id
     WHERE i.decision = 'accepted' AND d.kind = 'supervision-file'
    """,
    """
    CREATE VIEW child_inbox AS
    SELECT d.id, d.kind, d.target, d.record_reference, d.is_addendum, d.sha256, d.content,
           d.sender, d.received_at
      FROM deposit d JOIN current_decision i ON i.deposit_id = d.id
     WHERE i.decision = 'accepted' AND d.kind = 'child-extract'
    """,
)

# Version 2: service-wide figures (deposit kind "figures"), read only through this view.
_V2 = (
    """
    CREATE VIEW service_figures AS
    SELECT d.id, d.kind, d.target, d.record_reference, d.is_addendum, d.sha256, d.content,
           d.sender, d.received_at
      FROM deposit d JOIN current_decision i ON i.deposit_id = d.id
     WHERE i.decision = 'accepted' AND d.kind = 'figures'
    """,
)

MIGRATIONS = checked(
    (
        HubMigration(1, "deposits, intake decisions, register of signers", _V1),
        HubMigration(2, "service-wide figures", _V2),
    )
)
