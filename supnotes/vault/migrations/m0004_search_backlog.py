"""Version 4: a backlog of records whose search-index row is out of date.

Rebuilding a long record's index row costs tens of milliseconds (the whole
record is tokenised twice), too much for every autosave. Edits now add the
record to this backlog in the same transaction, and search brings the index
up to date before it runs, so results never miss a saved word and a crash
cannot lose the backlog.
"""

from __future__ import annotations

from typing import Any

VERSION = 4
DESCRIPTION = "search index backlog for autosaved records"


def apply(conn: Any) -> None:
    conn.execute("CREATE TABLE fts_pending (record_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID")
