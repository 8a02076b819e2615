"""Version 14: an index of drafts, for clearing empty ones when the app opens a vault.

Each time the app opens a vault it removes the drafts with nothing written in
them (left by a crash or an editor closed untouched: docs/supervision-held.md),
on the unlock's thread, before the main window is built. Finding them read
every record's entry in ``record_worker_thread`` (every page SQLCipher reads is
decrypted): 12-29 ms on the 10-year bench vault, on the path from the unlock to
the first paint, growing with the vault. This partial index holds only the
drafts (a handful), so the same query reads one or two pages.
"""

from __future__ import annotations

from typing import Any

VERSION = 14
DESCRIPTION = "index of draft records"


def apply(conn: Any) -> None:
    conn.execute("CREATE INDEX record_draft ON record(id) WHERE status = 'draft'")
