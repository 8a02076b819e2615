"""Version 3: signing identities, sealed PDFs, drawn signatures, personal words.

Sealed documents are append-only: the bytes that were signed are the bytes
that are exported, for ever, so no row of ``sealed_document`` may change or
go. A supervisee's drawn signature is fixed once its record is signed.
The personal spell-check word list lives here because it holds names.
"""

from __future__ import annotations

from typing import Any

VERSION = 3
DESCRIPTION = "signing identities, sealed documents, drawn signatures, personal words"

_STATEMENTS = [
    """
    CREATE TABLE signing_identity (
        id          TEXT PRIMARY KEY,
        source      TEXT NOT NULL CHECK (source IN ('self-signed', 'organisation')),
        subject     TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        pkcs12      BLOB NOT NULL,        -- PKCS#12, password derived from the data key
        created_at  TEXT NOT NULL,
        retired_at  TEXT                  -- set when replaced; the one without signs
    ) STRICT
    """,
    "CREATE UNIQUE INDEX signing_identity_current ON signing_identity(retired_at IS NULL) "
    "WHERE retired_at IS NULL",
    """
    CREATE TABLE sealed_document (
        id          TEXT PRIMARY KEY,
        record_id   TEXT NOT NULL REFERENCES record(id),
        addendum_id TEXT REFERENCES addendum(id),
        output      TEXT NOT NULL CHECK (output IN ('supervision-file', 'child-record')),
        child_ref   TEXT,
        revision    INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),  -- 2: countersigned
        pdf         BLOB NOT NULL,
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        created_at  TEXT NOT NULL,
        CHECK ((output = 'child-record') = (child_ref IS NOT NULL))
    ) STRICT
    """,
    "CREATE INDEX sealed_document_record ON sealed_document(record_id, addendum_id)",
    "CREATE TRIGGER sealed_document_no_update BEFORE UPDATE ON sealed_document "
    "BEGIN SELECT RAISE(ABORT, 'sealed documents cannot be changed'); END",
    "CREATE TRIGGER sealed_document_no_delete BEFORE DELETE ON sealed_document "
    "BEGIN SELECT RAISE(ABORT, 'sealed documents cannot be deleted'); END",
    """
    CREATE TABLE drawn_signature (
        record_id   TEXT PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,
        png         BLOB NOT NULL,
        captured_at TEXT NOT NULL
    ) STRICT
    """,
    "CREATE TRIGGER drawn_signature_signed_insert BEFORE INSERT ON drawn_signature "
    "WHEN (SELECT status FROM record WHERE id = new.record_id) = 'signed' "
    "BEGIN SELECT RAISE(ABORT, 'signed records cannot be changed; add an addendum'); END",
    "CREATE TRIGGER drawn_signature_signed_update BEFORE UPDATE ON drawn_signature "
    "WHEN (SELECT status FROM record WHERE id = old.record_id) = 'signed' "
    "BEGIN SELECT RAISE(ABORT, 'signed records cannot be changed; add an addendum'); END",
    "CREATE TRIGGER drawn_signature_signed_delete BEFORE DELETE ON drawn_signature "
    "WHEN (SELECT status FROM record WHERE id = old.record_id) = 'signed' "
    "BEGIN SELECT RAISE(ABORT, 'signed records cannot be changed; add an addendum'); END",
    """
    CREATE TABLE personal_word (
        word     TEXT PRIMARY KEY,
        added_at TEXT NOT NULL
    ) STRICT
    """,
]


def apply(conn: Any) -> None:
    for statement in _STATEMENTS:
        conn.execute(statement)
