"""Version 5: the vault's own trust register.

The certificates the supervisor has registered as trusted: imported from
the organisation's register, or one certificate whose fingerprint they
checked with its owner. A row is only ever made by such an explicit act;
signing or counter-signing a record never adds one. The supervisor's own
signing identities (``signing_identity``) count as registered without a row
here: making or importing one is itself the act (see ``docs/trust.md``).
"""

from __future__ import annotations

from typing import Any

VERSION = 6
DESCRIPTION = "trust register: certificates registered as trusted"


def apply(conn: Any) -> None:
    conn.execute(
        """
        CREATE TABLE trusted_certificate (
            fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 95),  -- SHA-256, AB:CD:…
            subject     TEXT NOT NULL,
            der         BLOB NOT NULL,
            how         TEXT NOT NULL
                        CHECK (how IN ('organisation register', 'checked with owner')),
            source      TEXT NOT NULL,  -- the file it was imported from
            added_at    TEXT NOT NULL
        ) STRICT, WITHOUT ROWID
        """
    )
