"""Version 2: the supervision model, its immutability rules and full-text index.

Signed records are immutable in the database itself: triggers refuse any
change to a signed record or to the rows it owns. Two things stay open after
signing, because practice needs them: an action's progress (status, closing
record, revised due date: a later session reviews it) and whether a decision
has been copied to the child's record. An action whose closing record is
signed is frozen too.
"""

from __future__ import annotations

from typing import Any

from supnotes.vault.connection import compose

VERSION = 2
DESCRIPTION = "supervision model: people, records, lists, templates, search"

SIGNED_MESSAGE = "signed records cannot be changed; add an addendum"

_TABLES = """
CREATE TABLE supervisor_profile (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    name         TEXT NOT NULL,
    role         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    team         TEXT NOT NULL DEFAULT '',
    signing_name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE worker (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    team           TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL,
    stage          TEXT NOT NULL
                   CHECK (stage IN ('asye', 'qualified', 'unqualified', 'manager')),
    frequency_rule TEXT,                      -- JSON; NULL: the default for the stage
    leaving_date   TEXT
) STRICT;

CREATE TABLE caseload_entry (
    worker_id TEXT NOT NULL REFERENCES worker(id) ON DELETE CASCADE,
    on_date   TEXT NOT NULL,
    count     INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (worker_id, on_date)
) STRICT, WITHOUT ROWID;

CREATE TABLE template_snapshot (
    id      TEXT NOT NULL,
    version INTEGER NOT NULL,
    source  TEXT NOT NULL,                    -- the TOML text, so the version renders for ever
    PRIMARY KEY (id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE record (
    n                 INTEGER PRIMARY KEY,    -- rowid of the record's row in record_fts
    id                TEXT NOT NULL UNIQUE,
    reference         TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL CHECK (kind IN ('one-to-one', 'group', 'ad-hoc', 'agreement')),
    template_id       TEXT NOT NULL,
    template_version  INTEGER NOT NULL,
    worker_id         TEXT REFERENCES worker(id),
    held_on           TEXT NOT NULL,
    start_time        TEXT,
    end_time          TEXT,
    next_date         TEXT,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    comments_text     TEXT NOT NULL DEFAULT '',
    comments_agrees   INTEGER CHECK (comments_agrees IN (0, 1)),
    acknowledged_name TEXT NOT NULL DEFAULT '',
    acknowledged_at   TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    signed_at         TEXT,
    sealed_sha256     TEXT,
    FOREIGN KEY (template_id, template_version) REFERENCES template_snapshot(id, version),
    CHECK (kind = 'group' OR worker_id IS NOT NULL),
    CHECK (status = 'draft' OR signed_at IS NOT NULL)
) STRICT;
CREATE INDEX record_worker ON record(worker_id, held_on);
CREATE INDEX record_held ON record(held_on);

CREATE TABLE answer (
    record_id TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    key       TEXT NOT NULL,                  -- "<section_id>.<field_id>"
    value     TEXT NOT NULL,                  -- JSON: text, number, true/false or null
    PRIMARY KEY (record_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_discussion (
    id           TEXT PRIMARY KEY,
    record_id    TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    child_ref    TEXT NOT NULL,
    update_text  TEXT NOT NULL DEFAULT '',
    childs_voice TEXT NOT NULL DEFAULT '',
    worries      TEXT NOT NULL DEFAULT '',
    working_well TEXT NOT NULL DEFAULT '',
    analysis     TEXT NOT NULL DEFAULT '',
    decision     TEXT NOT NULL DEFAULT '',
    rationale    TEXT NOT NULL DEFAULT '',
    review_date  TEXT
) STRICT;
CREATE INDEX case_discussion_record ON case_discussion(record_id, position);
CREATE INDEX case_discussion_child ON case_discussion(child_ref);

CREATE TABLE decision (
    id                     TEXT PRIMARY KEY,
    record_id              TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    position               INTEGER NOT NULL DEFAULT 0,
    child_ref              TEXT NOT NULL,
    decision               TEXT NOT NULL,
    rationale              TEXT NOT NULL DEFAULT '',
    decided_by             TEXT NOT NULL DEFAULT '',
    level                  TEXT NOT NULL,
    decided_on             TEXT,
    not_to_act             INTEGER NOT NULL DEFAULT 0 CHECK (not_to_act IN (0, 1)),
    copied_to_child_record INTEGER NOT NULL DEFAULT 0 CHECK (copied_to_child_record IN (0, 1))
) STRICT;
CREATE INDEX decision_record ON decision(record_id, position);
CREATE INDEX decision_child ON decision(child_ref);

CREATE TABLE attendee (
    id        TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL DEFAULT 0,
    worker_id TEXT REFERENCES worker(id),
    name      TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('chair', 'presenter', 'member'))
) STRICT;
CREATE INDEX attendee_record ON attendee(record_id, position);
CREATE INDEX attendee_worker ON attendee(worker_id);

CREATE TABLE action (
    id             TEXT PRIMARY KEY,
    raised_in      TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL DEFAULT 0,
    text           TEXT NOT NULL,
    owner          TEXT NOT NULL DEFAULT '',
    due_on         TEXT,
    child_ref      TEXT,
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'done', 'carried-forward', 'dropped')),
    closed_in      TEXT REFERENCES record(id) ON DELETE SET NULL,
    revised_due_on TEXT
) STRICT;
CREATE INDEX action_raised ON action(raised_in, position);
CREATE INDEX action_status ON action(status);
CREATE INDEX action_closed ON action(closed_in);
CREATE INDEX action_child ON action(child_ref);

CREATE TABLE action_review (
    record_id    TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,
    action_id    TEXT NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL DEFAULT 0,
    prior_status TEXT NOT NULL,
    outcome      TEXT CHECK (outcome IN ('done', 'carried-forward', 'dropped')),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_id, action_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_review_action ON action_review(action_id);

CREATE TABLE addendum (
    id            TEXT PRIMARY KEY,
    record_id     TEXT NOT NULL REFERENCES record(id),
    reason        TEXT NOT NULL,
    text          TEXT NOT NULL,
    added_on      TEXT NOT NULL,
    cites_sha256  TEXT,
    signed_at     TEXT,
    sealed_sha256 TEXT
) STRICT;
CREATE INDEX addendum_record ON addendum(record_id);

-- One row per record, rowid = record.n; kept in step by the repository layer.
CREATE VIRTUAL TABLE record_fts USING fts5(
    body, children, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
"""

_RECORD_COLUMNS = [
    *("n", "id", "reference", "kind", "template_id", "template_version", "worker_id"),
    *("held_on", "start_time", "end_time", "next_date", "status", "comments_text"),
    *("comments_agrees", "acknowledged_name", "acknowledged_at", "created_at", "updated_at"),
    "signed_at",
]


def _raise(message: str = SIGNED_MESSAGE) -> str:
    return f"BEGIN SELECT RAISE(ABORT, '{message}'); END"


def _unchanged(columns: list[str]) -> str:
    return " AND ".join(f"new.{c} IS old.{c}" for c in columns)


def _signed(record_ref: str) -> str:
    return compose("(SELECT status FROM record WHERE id = {ref}) = 'signed'", ref=record_ref)


def _owned_row_triggers(table: str, record_column: str, updatable: list[str]) -> list[str]:
    """Refuse inserts, updates and deletes of rows owned by a signed record.

    ``updatable`` columns may still change after signing.
    """
    columns = _COLUMNS[table]
    frozen = [c for c in columns if c not in updatable]
    return [
        compose(
            "CREATE TRIGGER {table}_signed_insert BEFORE INSERT ON {table} WHEN {new} {abort}",
            table=table,
            new=_signed("new." + record_column),
            abort=_raise(),
        ),
        compose(
            "CREATE TRIGGER {table}_signed_update BEFORE UPDATE ON {table} "
            "WHEN ({old} OR {new}) AND NOT ({unchanged}) {abort}",
            table=table,
            old=_signed("old." + record_column),
            new=_signed("new." + record_column),
            unchanged=_unchanged(frozen),
            abort=_raise(),
        ),
        compose(
            "CREATE TRIGGER {table}_signed_delete BEFORE DELETE ON {table} WHEN {old} {abort}",
            table=table,
            old=_signed("old." + record_column),
            abort=_raise(),
        ),
    ]


_COLUMNS = {
    "answer": ["record_id", "key", "value"],
    "case_discussion": [
        *("id", "record_id", "position", "child_ref", "update_text", "childs_voice"),
        *("worries", "working_well", "analysis", "decision", "rationale", "review_date"),
    ],
    "decision": [
        *("id", "record_id", "position", "child_ref", "decision", "rationale", "decided_by"),
        *("level", "decided_on", "not_to_act", "copied_to_child_record"),
    ],
    "attendee": ["id", "record_id", "position", "worker_id", "name", "role"],
    "action_review": ["record_id", "action_id", "position", "prior_status", "outcome", "note"],
    "action": [
        *("id", "raised_in", "position", "text", "owner", "due_on", "child_ref", "status"),
        *("closed_in", "revised_due_on"),
    ],
}

_ACTION_PROGRESS = ["status", "closed_in", "revised_due_on"]


def _triggers() -> list[str]:
    triggers = [
        # A signed record changes only to receive its seal, once.
        "CREATE TRIGGER record_signed_update BEFORE UPDATE ON record "
        f"WHEN old.status = 'signed' AND NOT ({_unchanged(_RECORD_COLUMNS)} "
        "AND (old.sealed_sha256 IS NULL OR new.sealed_sha256 IS old.sealed_sha256)) "
        f"{_raise()}",
        f"CREATE TRIGGER record_signed_delete BEFORE DELETE ON record "
        f"WHEN old.status = 'signed' {_raise()}",
        # Addenda amend signed records only, and are fixed once signed themselves.
        compose(
            "CREATE TRIGGER addendum_needs_signed_record BEFORE INSERT ON addendum "
            "WHEN NOT {signed} {abort}",
            signed=_signed("new.record_id"),
            abort=_raise("an addendum amends a signed record; edit the draft instead"),
        ),
        "CREATE TRIGGER addendum_signed_update BEFORE UPDATE ON addendum "
        "WHEN old.signed_at IS NOT NULL AND NOT (new.id IS old.id AND new.record_id IS "
        "old.record_id AND new.reason IS old.reason AND new.text IS old.text AND new.added_on IS "
        "old.added_on AND new.cites_sha256 IS old.cites_sha256 AND new.signed_at IS old.signed_at "
        "AND (old.sealed_sha256 IS NULL OR new.sealed_sha256 IS old.sealed_sha256)) "
        f"{_raise('signed addenda cannot be changed')}",
        "CREATE TRIGGER addendum_signed_delete BEFORE DELETE ON addendum "
        f"WHEN old.signed_at IS NOT NULL {_raise('signed addenda cannot be deleted')}",
        # Once the record that closed an action is signed, its progress is fixed too.
        "CREATE TRIGGER action_closed_update BEFORE UPDATE ON action "
        f"WHEN old.closed_in IS NOT NULL AND {_signed('old.closed_in')} "
        f"AND NOT ({_unchanged(_ACTION_PROGRESS)}) {_raise()}",
    ]
    triggers += _owned_row_triggers("answer", "record_id", [])
    triggers += _owned_row_triggers("case_discussion", "record_id", [])
    triggers += _owned_row_triggers("decision", "record_id", ["copied_to_child_record"])
    triggers += _owned_row_triggers("attendee", "record_id", [])
    triggers += _owned_row_triggers("action_review", "record_id", [])
    triggers += _owned_row_triggers("action", "raised_in", _ACTION_PROGRESS)
    return triggers


def apply(conn: Any) -> None:
    for statement in _TABLES.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    for trigger in _triggers():
        conn.execute(trigger)
