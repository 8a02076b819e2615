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
    "CREATE TRIGGER intake_accepted_final BEFORE INSERT ON intake_decision "
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

# Version 3: retention. Admin sets years per kind; a deposit past its kind's
# retention may be deleted, with its decisions, only once its audit row is in
# deletion_audit (written first). Everything else stays append-only.
_PAST = (
    "julianday({d}.received_at) < julianday('now', '-' || "
    "(SELECT r.years FROM retention_setting r WHERE r.kind = {d}.kind) || ' years')"
)
_AUDITED = (
    "EXISTS (SELECT 1 FROM deletion_audit a JOIN deposit d ON d.id = a.deposit_id "
    "WHERE a.deposit_id = {id} AND " + _PAST.format(d="d") + ")"
)
_V3 = (
    f"""
    CREATE TABLE retention_setting (
        kind   TEXT PRIMARY KEY
               CHECK (kind IN ('supervision-file', 'child-extract', 'figures')),
        years  INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
        set_at TEXT NOT NULL DEFAULT ({_NOW}),
        set_by TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    f"""
    CREATE TABLE deletion_audit (
        n                INTEGER PRIMARY KEY,
        deposit_id       TEXT NOT NULL,
        kind             TEXT NOT NULL DEFAULT '',
        target           TEXT NOT NULL DEFAULT '',
        record_reference TEXT NOT NULL DEFAULT '',
        sha256           TEXT NOT NULL DEFAULT '',
        received_at      TEXT NOT NULL DEFAULT '',
        retention_years  INTEGER NOT NULL DEFAULT 0,
        deleted_at       TEXT NOT NULL DEFAULT ({_NOW}),
        deleted_by       TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    "CREATE TRIGGER deletion_audit_past_retention BEFORE INSERT ON deletion_audit "
    "WHEN NOT EXISTS (SELECT 1 FROM deposit d WHERE d.id = new.deposit_id AND "
    + _PAST.format(d="d")
    + ") "
    + _abort("only a deposit past its retention period can be deleted"),
    "CREATE TRIGGER deletion_audit_describes AFTER INSERT ON deletion_audit BEGIN "
    "UPDATE deletion_audit SET (kind, target, record_reference, sha256, received_at, "
    "retention_years) = (SELECT d.kind, d.target, d.record_reference, d.sha256, d.received_at, "
    "(SELECT r.years FROM retention_setting r WHERE r.kind = d.kind) FROM deposit d "
    "WHERE d.id = new.deposit_id) WHERE n = new.n; END",
    "CREATE TRIGGER deletion_audit_no_update BEFORE UPDATE ON deletion_audit "
    "WHEN old.kind <> '' "
    + _abort("deletion_audit is append-only: its rows cannot be changed or deleted"),
    "CREATE TRIGGER deletion_audit_no_delete BEFORE DELETE ON deletion_audit "
    + _abort("deletion_audit is append-only: its rows cannot be changed or deleted"),
    "DROP TRIGGER deposit_no_delete",
    "CREATE TRIGGER deposit_no_delete BEFORE DELETE ON deposit "
    "WHEN NOT " + _AUDITED.format(id="old.id") + " "
    "OR EXISTS (SELECT 1 FROM intake_decision i WHERE i.deposit_id = old.id) "
    + _abort("deposit is append-only: a row is deleted only past retention, after its audit row"),
    "DROP TRIGGER intake_decision_no_delete",
    "CREATE TRIGGER intake_decision_no_delete BEFORE DELETE ON intake_decision "
    "WHEN NOT "
    + _AUDITED.format(id="old.deposit_id")
    + " "
    + _abort(
        "intake_decision is append-only: a row is deleted only with its deposit past retention"
    ),
)

# Version 4: which login receives handovers addressed to which encryption-key
# fingerprint. The file has no logins: the reader names the key itself, and
# nothing stops anyone who can open the file reading every handover (they are
# encrypted to their receiver, so they read ciphertext).
_V4 = (
    f"""
    CREATE TABLE handover_recipient (
        key_fingerprint TEXT PRIMARY KEY CHECK (length(key_fingerprint) BETWEEN 16 AND 200),
        login           TEXT NOT NULL,
        registered_at   TEXT NOT NULL DEFAULT ({_NOW})
    ) STRICT
    """,
    """
    CREATE VIEW my_handovers AS
    SELECT d.id, d.target, d.record_reference, d.sha256, d.content, d.sender, d.received_at
      FROM deposit d WHERE d.kind = 'handover'
    """,
    "CREATE TRIGGER handover_recipient_no_update BEFORE UPDATE ON handover_recipient "
    + _abort("handover_recipient is append-only"),
    "CREATE TRIGGER handover_recipient_no_delete BEFORE DELETE ON handover_recipient "
    + _abort("handover_recipient is append-only"),
)

# Version 5: highlights across teams. Figures (format version 2) carry the
# period's highlights as counts per team, collection and practice theme, never
# text; this view gives them without the per-worker figures beside them (a
# team-level read). Intake has checked every accepted set against the format.
# And waiting_by_kind: how many deposits of each kind await intake.
_V5 = (
    """
    CREATE VIEW service_highlights AS
    SELECT d.id, d.sender, d.target, d.received_at,
           json_extract(CAST(d.content AS TEXT), '$.period_start') AS period_start,
           json_extract(CAST(d.content AS TEXT), '$.period_end') AS period_end,
           coalesce(json_extract(CAST(d.content AS TEXT), '$.highlights'), '[]') AS highlights
      FROM deposit d JOIN current_decision i ON i.deposit_id = d.id
     WHERE i.decision = 'accepted' AND d.kind = 'figures'
    """,
    # How many deposits of each kind await intake: a count, so that a records
    # officer's intake can say figures wait for an admin's without reading them.
    """
    CREATE VIEW waiting_by_kind AS
    SELECT d.kind, count(*) AS waiting
      FROM deposit d
     WHERE NOT EXISTS (SELECT 1 FROM intake_decision i WHERE i.deposit_id = d.id)
     GROUP BY d.kind
    """,
)

MIGRATIONS = checked(
    (
        HubMigration(1, "deposits, intake decisions, register of signers", _V1),
        HubMigration(2, "service-wide figures", _V2),
        HubMigration(3, "retention settings and audited deletion", _V3),
        HubMigration(4, "handover recipients", _V4),
        HubMigration(5, "highlights across teams; counts awaiting intake", _V5),
    )
)
