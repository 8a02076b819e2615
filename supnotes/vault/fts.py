"""Keep the full-text index in step with the records.

The index has one row per record (rowid = ``record.n``): ``body`` holds all
its text (answers, case discussions, decisions, actions, reviews' notes,
attendees, comments, addenda), ``children`` its child references. Every
bulk write (import, demo) calls :func:`reindex` inside the same transaction;
an edit (autosave) calls :func:`mark_changed`, which only queues the record
in ``fts_pending`` in the same transaction, and :func:`catch_up` rebuilds the
queued rows before any search. So the index never disagrees with what was
committed by the time anyone searches, and autosave stays cheap.
"""

from __future__ import annotations

import json

from supnotes.vault.connection import Connection

# The highlight markers (see supnotes.vault.search) must never occur in the
# indexed text itself, or a snippet could not be read back unambiguously.
_MARKER_FREE = str.maketrans({"\x02": " ", "\x03": " "})

_PARTS_SQL = """
SELECT value FROM answer WHERE record_id = :id
UNION ALL SELECT json_array(update_text, childs_voice, worries, working_well, analysis,
                            decision, rationale)
          FROM case_discussion WHERE record_id = :id
UNION ALL SELECT json_array(decision, rationale, decided_by) FROM decision WHERE record_id = :id
UNION ALL SELECT json_array(text, owner) FROM action WHERE raised_in = :id
UNION ALL SELECT json_array(name) FROM attendee WHERE record_id = :id
UNION ALL SELECT json_array(note) FROM action_review WHERE record_id = :id
UNION ALL SELECT json_array(reason, text) FROM addendum WHERE record_id = :id
"""

_CHILDREN_SQL = """
SELECT child_ref FROM case_discussion WHERE record_id = :id
UNION SELECT child_ref FROM decision WHERE record_id = :id
UNION SELECT child_ref FROM action WHERE raised_in = :id AND child_ref IS NOT NULL
"""


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


def record_text(conn: Connection, record_id: str) -> tuple[str, str]:
    """The (body, children) text the index holds for a record."""
    parts: list[str] = []
    header = conn.execute(
        "SELECT reference, comments_text FROM record WHERE id = ?",
        (record_id,),
    ).fetchone()
    if header is not None:
        parts.extend(_texts(list(header)))
    for (value,) in conn.execute(_PARTS_SQL, {"id": record_id}).fetchall():
        parts.extend(_texts(json.loads(value)))
    children = sorted(r[0] for r in conn.execute(_CHILDREN_SQL, {"id": record_id}).fetchall())
    body = "\n".join(parts).translate(_MARKER_FREE)
    return body, " ".join(children).translate(_MARKER_FREE)


def reindex(conn: Connection, record_id: str) -> None:
    """Replace a record's row in the index (or drop it when the record is gone)."""
    row = conn.execute("SELECT n FROM record WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return
    (n,) = row
    conn.execute("DELETE FROM record_fts WHERE rowid = ?", (n,))
    body, children = record_text(conn, record_id)
    conn.execute(
        "INSERT INTO record_fts(rowid, body, children) VALUES (?, ?, ?)", (n, body, children)
    )


def mark_changed(conn: Connection, record_id: str) -> None:
    """Queue ``record_id`` for re-indexing (call inside the edit's transaction)."""
    conn.execute("INSERT OR IGNORE INTO fts_pending(record_id) VALUES (?)", (record_id,))


_SECURE_DELETE = "INSERT INTO record_fts(record_fts, rank) VALUES ('secure-delete', ?)"
_AUTOMERGE = "INSERT INTO record_fts(record_fts, rank) VALUES ('automerge', ?)"
_MERGE = "INSERT INTO record_fts(record_fts, rank) VALUES ('merge', ?)"

#: FTS5's own ``automerge`` default, kept for bulk writes (import, demo); an
#: edit's re-index runs with it off (see :func:`reindex_edited`).
AUTOMERGE = 4
#: FTS5's ``crisismerge`` default: an index level holding this many segments is
#: merged whole at the next write, whatever ``automerge`` says. It bounds how
#: many edit segments can wait for :func:`tidy` (and what a search reads).
CRISIS_MERGE = 16
#: :func:`tidy` merges once this many edit segments wait at level 0 (FTS5's
#: ``usermerge`` default: the fewest a ``merge`` step will merge on one level).
TIDY_AT = 4
#: Leaf pages one :func:`tidy` step writes at most: what FTS5's automerge would
#: have done for about four edits' re-indexing on a 30-year vault (64 pages of
#: work per level for every 64 pages written, 6 levels, ~9 pages per edit).
TIDY_PAGES = 256


def catch_up(conn: Connection) -> int:
    """Re-index every queued record (inside a write transaction); how many there were.

    The edited records' old rows are replaced with FTS5's ``secure-delete``
    off, and it is on again before the transaction ends (a failure rolls both
    back): overwriting each of a long record's terms in every segment took
    0.5-1.7 s on a 10-year vault, and the first search after an edit waited
    for it. Deleting a record still overwrites its terms. The earlier wording
    an edit leaves in older segments (unsearchable, in the encrypted file,
    until FTS5 merges them or a retention deletion's ``optimize``) is weighed
    in docs/security.md ("The search index and edits").
    """
    pending = [str(r[0]) for r in conn.execute("SELECT record_id FROM fts_pending").fetchall()]
    if pending:
        reindex_edited(conn, *pending)
    conn.execute("DELETE FROM fts_pending")
    return len(pending)


def reindex_edited(conn: Connection, *record_ids: str) -> None:
    """Re-index records whose text was edited (inside a write transaction).

    ``secure-delete`` is off while their old rows are replaced and on again
    before the transaction ends; see :func:`catch_up` for why. Sealing uses it
    too: the sealed wording replaces the draft's, as an edit does.

    ``automerge`` is off for the replacement too: FTS5 writes the new rows as
    one small segment and merges nothing. With it on, every 64 leaf pages
    written (about seven edits) made one re-index pay a merge step of 64 pages
    per index level (~400 pages on a 30-year vault), inside the user's first
    search after the edit. :func:`tidy` does that merging off the user's wait
    (the autosave worker runs it); FTS5's crisis merge (:data:`CRISIS_MERGE`)
    still bounds the segments if it never runs. FTS5 writes the pending rows
    when a setting changes, so they are written here, before ``automerge`` is
    back on, not at commit.
    """
    conn.execute(_SECURE_DELETE, (0,))
    conn.execute(_AUTOMERGE, (0,))
    for record_id in record_ids:
        reindex(conn, record_id)
    conn.execute(_AUTOMERGE, (AUTOMERGE,))
    conn.execute(_SECURE_DELETE, (1,))


def _varint(data: bytes, at: int) -> tuple[int, int]:
    """SQLite's variable-length integer at ``at``: (value, where the next one starts)."""
    value = 0
    for i in range(8):
        byte = data[at + i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + i + 1
    return (value << 8) | data[at + 8], at + 9


def segments_per_level(conn: Connection) -> list[int]:
    """How many segments each level of the index holds, level 0 (the newest) first.

    Read from FTS5's structure record (row 10 of ``record_fts_data``): a
    4-byte cookie, an optional version-2 marker, then varints: levels,
    segments, write counter (and, in version 2, an origin counter), then per
    level its merge in progress, its segment count and each segment's fields.
    """
    row = conn.execute("SELECT block FROM record_fts_data WHERE id = 10").fetchone()
    if row is None or not row[0]:
        return []
    data = bytes(row[0])
    version_2 = data[4:8] == b"\xff\x00\x00\x01"
    at = 8 if version_2 else 4
    levels, at = _varint(data, at)
    for _ in range(3 if version_2 else 2):  # segments, write counter, origin counter
        _, at = _varint(data, at)
    counts: list[int] = []
    fields = 8 if version_2 else 3  # id, first and last page (v2: origins, tombstones, entries)
    for _ in range(levels):
        _, at = _varint(data, at)  # a merge in progress: its input segment count
        total, at = _varint(data, at)
        counts.append(total)
        for _ in range(total * fields):
            _, at = _varint(data, at)
    return counts


def tidy_due(conn: Connection) -> bool:
    """True when :data:`TIDY_AT` or more edit segments wait at level 0 (a read)."""
    levels = segments_per_level(conn)
    return bool(levels) and levels[0] >= TIDY_AT


def tidy(conn: Connection, pages: int = TIDY_PAGES) -> bool:
    """One bounded step of FTS5's merging, once :data:`TIDY_AT` edit segments wait.

    Inside a write transaction. FTS5 chooses what to merge (level 0's
    segments first, then any merge in progress) and writes at most about
    ``pages`` leaf pages. True when it merged something.
    """
    if not tidy_due(conn):
        return False
    before = conn.total_changes
    conn.execute(_MERGE, (pages,))
    return bool(conn.total_changes - before >= 2)


def has_backlog(conn: Connection) -> bool:
    return conn.execute("SELECT 1 FROM fts_pending LIMIT 1").fetchone() is not None


def drop(conn: Connection, record_n: int) -> None:
    conn.execute("DELETE FROM record_fts WHERE rowid = ?", (record_n,))
