"""The hub's schema on PostgreSQL, and its roles.

Append-only is enforced twice by the database itself: the roles are granted
no UPDATE, DELETE or TRUNCATE, and triggers refuse them for every role,
the tables' owner included (only a superuser can disable a trigger).
The receipt time and the sender are set by a trigger (``now()`` and
``session_user``), whatever the client sent, and the trigger checks the
content against its SHA-256 and the id against kind, target and hash.
"""

from __future__ import annotations

from supnotes.hub.migrations import HubMigration, checked

GROUP_ROLES = {
    "supervisor": "supnotes_supervisor",
    "records-officer": "supnotes_records_officer",
    "hr": "supnotes_hr",
    "psw": "supnotes_psw",
    "admin": "supnotes_admin",
}

_APPEND_ONLY_TABLES = ("deposit", "intake_decision", "signer")

# A deposit's state is its latest decision: a refusal can be reconsidered
# (the register changed), an acceptance is final; history is never rewritten.
_CURRENT = """
    CREATE VIEW current_decision AS
    SELECT i.deposit_id, i.decision, i.reason, i.decided_at, i.decided_by
      FROM intake_decision i
     WHERE i.n = (SELECT max(j.n) FROM intake_decision j WHERE j.deposit_id = i.deposit_id)
    """

_V1 = (
    "CREATE TABLE hub_version (version integer NOT NULL)",
    "INSERT INTO hub_version VALUES (0)",
    """
    CREATE TABLE signer (
        fingerprint   text PRIMARY KEY CHECK (length(fingerprint) = 95),
        name          text NOT NULL,
        subject       text NOT NULL,
        role          text NOT NULL CHECK (role IN ('supervisor', 'supervisee')),
        der           bytea NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        registered_by text NOT NULL DEFAULT session_user
    )
    """,
    """
    CREATE TABLE deposit (
        id               text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
        kind             text NOT NULL
                         CHECK (kind IN ('supervision-file', 'child-extract',
                                         'figures', 'handover')),
        target           text NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
        record_reference text NOT NULL,
        is_addendum      boolean NOT NULL,
        sha256           text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content          bytea NOT NULL,
        sender           text NOT NULL DEFAULT session_user,
        received_at      timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX deposit_sha256 ON deposit(sha256)",
    "CREATE INDEX deposit_sender ON deposit(sender)",
    "CREATE INDEX deposit_target ON deposit(kind, target)",
    """
    CREATE TABLE intake_decision (
        n          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deposit_id text NOT NULL REFERENCES deposit(id),
        decision   text NOT NULL CHECK (decision IN ('accepted', 'refused')),
        reason     text NOT NULL DEFAULT '',
        decided_at timestamptz NOT NULL DEFAULT now(),
        decided_by text NOT NULL DEFAULT session_user,
        CHECK ((decision = 'refused') = (reason <> ''))
    )
    """,
    """
    CREATE FUNCTION supnotes_deposit_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.received_at := now();
        NEW.sender := session_user;
        IF NEW.sha256 <> encode(sha256(NEW.content), 'hex') THEN
            RAISE EXCEPTION 'the deposit''s content does not match its SHA-256';
        END IF;
        IF NEW.id <> encode(sha256(convert_to(
                NEW.kind || E'\\n' || NEW.target || E'\\n' || NEW.sha256, 'UTF8')), 'hex') THEN
            RAISE EXCEPTION 'the deposit''s id is not the hash of its kind, target and content';
        END IF;
        RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER deposit_stamp BEFORE INSERT ON deposit "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_deposit_stamp()",
    """
    CREATE FUNCTION supnotes_decision_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.decided_at := now();
        NEW.decided_by := session_user;
        IF EXISTS (SELECT 1 FROM intake_decision
                    WHERE deposit_id = NEW.deposit_id AND decision = 'accepted') THEN
            RAISE EXCEPTION 'an accepted deposit is final: no later decision';
        END IF;
        RETURN NEW;
    END $$
    """,
    "CREATE INDEX intake_decision_deposit ON intake_decision(deposit_id, n)",
    _CURRENT,
    "CREATE TRIGGER intake_decision_stamp BEFORE INSERT ON intake_decision "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_decision_stamp()",
    """
    CREATE FUNCTION supnotes_signer_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.registered_at := now();
        NEW.registered_by := session_user;
        RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER signer_stamp BEFORE INSERT ON signer "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_signer_stamp()",
    """
    CREATE FUNCTION supnotes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: its rows cannot be changed or deleted', TG_TABLE_NAME;
    END $$
    """,
    *(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION supnotes_append_only()"
        for table in _APPEND_ONLY_TABLES
    ),
    *(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION supnotes_append_only()"
        for table in _APPEND_ONLY_TABLES
    ),
    # Views run with their owner's privileges (PostgreSQL 15's default), so a
    # role granted a view reads exactly its rows and columns, not the table.
    """
    CREATE VIEW my_deposits AS
    SELECT d.id, d.kind, d.target, d.record_reference, d.received_at,
           i.decision, coalesce(i.reason, '') AS reason
      FROM deposit d LEFT JOIN current_decision i ON i.deposit_id = d.id
     WHERE d.sender = session_user
    """,
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
# Per-worker figures are HR data: row-level security keeps them out of the records
# officer's view of the deposit table (intake of figures is the admin's). The
# tables' owner, and so every view, is not subject to it.
_V2 = (
    "ALTER TABLE deposit ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY deposit_insert ON deposit FOR INSERT "
    "TO supnotes_supervisor, supnotes_admin WITH CHECK (true)",
    "CREATE POLICY deposit_intake ON deposit FOR SELECT TO supnotes_records_officer "
    "USING (kind <> 'figures')",
    "CREATE POLICY deposit_admin ON deposit FOR SELECT TO supnotes_admin USING (true)",
    """
    CREATE VIEW service_figures AS
    SELECT d.id, d.kind, d.target, d.record_reference, d.is_addendum, d.sha256, d.content,
           d.sender, d.received_at
      FROM deposit d JOIN current_decision i ON i.deposit_id = d.id
     WHERE i.decision = 'accepted' AND d.kind = 'figures'
    """,
)

# Version 3: retention. The admin sets years per kind; a deposit past its kind's
# retention may be deleted, with its decisions, only once its audit row is in
# deletion_audit (written first, described by the hub from the deposit itself).
# Only the admin role is granted DELETE; everything else stays append-only.
_PAST = "{d}.received_at < now() - make_interval(years => r.years)"
_V3 = (
    """
    CREATE TABLE retention_setting (
        kind   text PRIMARY KEY CHECK (kind IN ('supervision-file', 'child-extract', 'figures')),
        years  integer NOT NULL CHECK (years BETWEEN 1 AND 100),
        set_at timestamptz NOT NULL DEFAULT now(),
        set_by text NOT NULL DEFAULT session_user
    )
    """,
    """
    CREATE TABLE deletion_audit (
        n                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        deposit_id       text NOT NULL,
        kind             text NOT NULL DEFAULT '',
        target           text NOT NULL DEFAULT '',
        record_reference text NOT NULL DEFAULT '',
        sha256           text NOT NULL DEFAULT '',
        received_at      timestamptz,
        retention_years  integer NOT NULL DEFAULT 0,
        deleted_at       timestamptz NOT NULL DEFAULT now(),
        deleted_by       text NOT NULL DEFAULT session_user
    )
    """,
    """
    CREATE FUNCTION supnotes_retention_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.set_at := now();
        NEW.set_by := session_user;
        RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER retention_setting_stamp BEFORE INSERT OR UPDATE ON retention_setting "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_retention_stamp()",
    f"""
    CREATE FUNCTION supnotes_deletion_audit_stamp() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
        d deposit%ROWTYPE;
        r retention_setting%ROWTYPE;
    BEGIN
        SELECT * INTO d FROM deposit WHERE id = NEW.deposit_id;
        SELECT * INTO r FROM retention_setting WHERE kind = d.kind;
        IF d.id IS NULL OR r.kind IS NULL OR NOT ({_PAST.format(d="d")}) THEN
            RAISE EXCEPTION 'only a deposit past its retention period can be deleted';
        END IF;
        NEW.kind := d.kind;
        NEW.target := d.target;
        NEW.record_reference := d.record_reference;
        NEW.sha256 := d.sha256;
        NEW.received_at := d.received_at;
        NEW.retention_years := r.years;
        NEW.deleted_at := now();
        NEW.deleted_by := session_user;
        RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER deletion_audit_stamp BEFORE INSERT ON deletion_audit "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_deletion_audit_stamp()",
    "CREATE TRIGGER deletion_audit_append_only BEFORE UPDATE OR DELETE ON deletion_audit "
    "FOR EACH ROW EXECUTE FUNCTION supnotes_append_only()",
    "CREATE TRIGGER deletion_audit_no_truncate BEFORE TRUNCATE ON deletion_audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION supnotes_append_only()",
    # The one exemption from append-only: deleting a deposit (or its decisions)
    # that is past retention and already has its audit row. Updates never pass.
    f"""
    CREATE OR REPLACE FUNCTION supnotes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        dep text;
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME IN ('deposit', 'intake_decision') THEN
            dep := coalesce(to_jsonb(OLD) ->> 'deposit_id', to_jsonb(OLD) ->> 'id');
            IF EXISTS (SELECT 1 FROM deletion_audit a
                         JOIN deposit d ON d.id = a.deposit_id
                         JOIN retention_setting r ON r.kind = d.kind
                        WHERE a.deposit_id = dep AND {_PAST.format(d="d")})
               AND (TG_TABLE_NAME = 'intake_decision' OR NOT EXISTS
                    (SELECT 1 FROM intake_decision i WHERE i.deposit_id = dep)) THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION '% is append-only: a row is deleted only past retention, after '
                'its audit row', TG_TABLE_NAME;
        END IF;
        RAISE EXCEPTION '% is append-only: its rows cannot be changed or deleted', TG_TABLE_NAME;
    END $$
    """,
    "CREATE POLICY deposit_retention ON deposit FOR DELETE TO supnotes_admin USING (true)",
)

# Version 4: handovers. HR or admin records which login holds which encryption
# key; a supervisor reads, through my_handovers, only the handover deposits
# addressed to a key registered to their own login (session_user).
_V4 = (
    """
    CREATE TABLE handover_recipient (
        key_fingerprint text PRIMARY KEY CHECK (length(key_fingerprint) BETWEEN 16 AND 200),
        login           text NOT NULL,
        registered_at   timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE TRIGGER handover_recipient_append_only BEFORE UPDATE OR DELETE "
    "ON handover_recipient FOR EACH ROW EXECUTE FUNCTION supnotes_append_only()",
    """
    CREATE VIEW my_handovers AS
    SELECT d.id, d.target, d.record_reference, d.sha256, d.content, d.sender, d.received_at
      FROM deposit d
      JOIN handover_recipient h ON h.key_fingerprint = d.target
     WHERE d.kind = 'handover' AND h.login = session_user
    """,
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
           convert_from(d.content, 'UTF8')::jsonb ->> 'period_start' AS period_start,
           convert_from(d.content, 'UTF8')::jsonb ->> 'period_end' AS period_end,
           coalesce((convert_from(d.content, 'UTF8')::jsonb -> 'highlights')::text, '[]')
               AS highlights
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


def grants() -> tuple[str, ...]:
    """Privileges, applied after every migration (idempotent): each role reads only what it must."""
    r = GROUP_ROLES
    tables = (
        "hub_version, signer, deposit, intake_decision, current_decision, my_deposits, "
        "hr_file, child_inbox, service_figures, retention_setting, deletion_audit, "
        "handover_recipient, my_handovers, service_highlights, waiting_by_kind"
    )
    return (
        f"REVOKE ALL ON {tables} FROM PUBLIC",
        *(f"REVOKE ALL ON {tables} FROM {role}" for role in r.values()),
        *(f"GRANT SELECT ON hub_version TO {role}" for role in r.values()),
        # Supervisor: insert the columns a client may set; read their own states and
        # the register (certificates are handed to everyone who receives records).
        "GRANT INSERT (id, kind, target, record_reference, is_addendum, sha256, content) "
        f"ON deposit TO {r['supervisor']}",
        f"GRANT SELECT ON my_deposits, signer TO {r['supervisor']}",
        # Records officer: intake (read deposits and the register, add decisions), the inboxes.
        "GRANT SELECT ON deposit, signer, intake_decision, current_decision, child_inbox "
        f"TO {r['records-officer']}",
        f"GRANT INSERT (deposit_id, decision, reason) ON intake_decision TO {r['records-officer']}",
        # ... and how many deposits of each kind wait (figures included, as a count only).
        f"GRANT SELECT ON waiting_by_kind TO {r['records-officer']}",
        # HR: the register of signers and the HR file.
        f"GRANT SELECT ON signer, hr_file TO {r['hr']}",
        f"GRANT INSERT (fingerprint, name, subject, role, der) ON signer TO {r['hr']}",
        # Principal social worker: the register and the service-wide figures (per-worker
        # figures are HR data: no other role but admin reads them), and the highlights
        # across teams (counts per team and theme: no worker, child or text in them).
        f"GRANT SELECT ON signer, service_figures, service_highlights TO {r['psw']}",
        # Admin: every read, and what HR and records officers may add.
        f"GRANT SELECT ON {tables} TO {r['admin']}",
        f"GRANT INSERT (fingerprint, name, subject, role, der) ON signer TO {r['admin']}",
        f"GRANT INSERT (deposit_id, decision, reason) ON intake_decision TO {r['admin']}",
        "GRANT INSERT (id, kind, target, record_reference, is_addendum, sha256, content) "
        f"ON deposit TO {r['admin']}",
        # Retention (admin only): the settings, the audit row first, then the deletion,
        # which the triggers allow only past retention and after its audit row.
        f"GRANT INSERT (kind, years), UPDATE (years) ON retention_setting TO {r['admin']}",
        f"GRANT INSERT (deposit_id) ON deletion_audit TO {r['admin']}",
        f"GRANT DELETE ON deposit, intake_decision TO {r['admin']}",
        # Handover: HR or admin says which login holds which encryption key; the
        # supervisor reads only handovers addressed to their own keys.
        f"GRANT INSERT (key_fingerprint, login) ON handover_recipient TO {r['hr']}",
        f"GRANT INSERT (key_fingerprint, login) ON handover_recipient TO {r['admin']}",
        f"GRANT SELECT ON handover_recipient TO {r['hr']}",
        f"GRANT SELECT ON my_handovers TO {r['supervisor']}",
    )
