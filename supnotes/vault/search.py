"""Full-text search over every record, safe for whatever the user types.

Typed text never reaches FTS5 as syntax. :func:`match_expression` turns it
into a conjunction of double-quoted terms: a ``"quoted phrase"`` stays a
phrase (an unclosed quote runs to the end), a trailing ``*`` makes a term a
prefix, and everything else (``AND``, ``OR``, ``NOT``, ``NEAR``, brackets,
colons, lone ``*``) is an ordinary word.

Snippets mark matched words with :data:`HIGHLIGHT_START` (``\\x02``) and
:data:`HIGHLIGHT_END` (``\\x03``); the index never contains those characters
(see :mod:`supnotes.vault.fts`), so a UI can turn them into bold safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.vault import fts, scopes, snippets
from supnotes.vault.connection import compose
from supnotes.vault.vault import Vault

_T = TypeVar("_T")

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = snippets.TOKENS
#: Without filters, at most this many of the newest matching records are ranked.
RANK_WINDOW = 2000


@dataclass(frozen=True, slots=True)
class SearchFilters:
    worker_id: str | None = None
    child_ref: str | None = None
    kind: RecordKind | None = None
    template_id: str | None = None
    status: RecordStatus | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    record_id: str
    reference: str
    held_on: date
    kind: RecordKind
    status: RecordStatus
    people: str
    snippet: str  # with HIGHLIGHT_START/END around matched words
    score: float  # bm25: lower is better


def _terms(text: str) -> list[tuple[str, bool]]:
    """Split typed text into (term, is_prefix) pairs; phrases are single terms."""
    terms: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end
            phrase = text[i + 1 : end]
            i = end + 1
            prefix = i < n and text[i] == "*"
            if prefix:
                i += 1
            terms.append((phrase, prefix))
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        prefix = word.endswith("*")
        terms.append((word.rstrip("*"), prefix))
    return terms


def _has_token(term: str) -> bool:
    # Like FTS5's unicode61: letters and digits make tokens, the rest separates.
    return any(ch.isalnum() for ch in term)


def match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for typed text, or None when it has nothing to search for."""
    parts = []
    for term, prefix in _terms(text.replace("\x00", " ")):
        if not _has_token(term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted + ("*" if prefix else ""))
    return " ".join(parts) if parts else None


def bring_index_up_to_date(vault: Vault) -> None:
    """Re-index records edited since the last search (see :mod:`supnotes.vault.fts`).

    A vault opened read-only (a full or read-only drive) is searched as indexed.
    """
    if not vault.read_only and fts.has_backlog(vault.conn):
        with vault.transaction() as conn:
            fts.catch_up(conn)


def tidy_index(vault: Vault) -> bool:
    """One bounded merge of the index's edit segments, when enough wait (off the UI thread).

    An edit's re-index merges nothing (see :func:`supnotes.vault.fts.reindex_edited`),
    so the first search after it does not pay for merging; this does that work
    instead, in its own short transaction. The autosave worker runs it after a
    batch. True when it merged something.

    A merge writes a few hundred pages to the write-ahead log, most of what
    fills it: they are copied into the database here (a passive checkpoint),
    so the log's automatic checkpoint (at 1,000 pages, with an fsync of the
    whole file) seldom falls on a re-index or an autosave's commit.
    """
    if vault.read_only:
        return False
    with vault.exclusive() as conn:  # most batches: nothing due, no transaction
        if not fts.tidy_due(conn):
            return False
    with vault.transaction() as conn:
        merged = fts.tidy(conn)
    if merged:
        with vault.exclusive() as conn:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return merged


def _record_filters(f: SearchFilters) -> tuple[list[str], list[object]]:
    """SQL conditions on the ``record`` row (aliased ``r``) and their parameters."""
    where: list[str] = []
    params: list[object] = []
    if f.worker_id is not None:
        where.append(compose("r.id IN ({ids})", ids=scopes.WORKER_RECORD_IDS))
        params += scopes.worker_params(f.worker_id)
    if f.child_ref is not None:
        where.append(compose("r.id IN ({ids})", ids=scopes.CHILD_RECORD_IDS))
        params += scopes.child_params(f.child_ref)
    for column, value in (
        ("r.kind", f.kind),
        ("r.template_id", f.template_id),
        ("r.status", f.status),
    ):
        if value is not None:
            where.append(compose("{column} = ?", column=column))
            params.append(str(value))
    if f.date_from is not None:
        where.append("r.held_on >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to is not None:
        where.append("r.held_on <= ?")
        params.append(f.date_to.isoformat())
    return where, params


def _newest_window(vault: Vault, expression: str) -> int | None:
    """The lowest rowid among the newest :data:`RANK_WINDOW` matches (None: fewer match).

    Rowids grow as records are written, so this walks the index newest first
    without scoring anything.
    """
    rows = vault.query(
        "SELECT rowid FROM record_fts WHERE record_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, RANK_WINDOW - 1),
    )
    return int(str(rows[0][0])) if rows else None


def search(
    vault: Vault,
    text: str,
    filters: SearchFilters | None = None,
    *,
    limit: int = 50,
    snippets_for: int | None = None,
) -> list[SearchHit]:
    """Records matching ``text``, best first, with highlighted snippets.

    With no filter, a word so common that it matches thousands of records is
    ranked among the newest :data:`RANK_WINDOW` of them only: scoring every
    match is what made such searches slow, and a filter (date, worker,
    kind…) or another word reaches the older ones.

    ``snippets_for``: only the best this many hits get their snippet now (the
    others an empty one, see :func:`fill_snippets`): a snippet needs the
    record's whole text read and decrypted, and a page of results shows
    only the first few dozen rows.
    """
    expression = match_expression(text)
    if expression is None:
        return []
    bring_index_up_to_date(vault)
    where, params = _record_filters(filters or SearchFilters())
    if where:
        ranked_from = "record_fts JOIN record r ON r.n = record_fts.rowid"
    else:
        # Without a filter the ranking needs no join: bm25 over the index alone.
        ranked_from = "record_fts"
        lowest = _newest_window(vault, expression)
        if lowest is not None:
            where, params = ["record_fts.rowid >= ?"], [lowest]
    # Rank first, then cut snippets for the rows kept, from a bounded window
    # around their matches (see supnotes.vault.snippets).
    sql = compose(
        "WITH best AS (SELECT record_fts.rowid AS n, bm25(record_fts) AS score "
        "FROM {ranked_from} "
        "WHERE {where} ORDER BY score LIMIT ?) "
        "SELECT r.id, r.reference, r.held_on, r.kind, r.status, "
        "coalesce(w.name, (SELECT group_concat(name, ', ') FROM "
        "(SELECT name FROM attendee a WHERE a.record_id = r.id ORDER BY position)), ''), "
        "best.n, best.score "
        "FROM best JOIN record r ON r.n = best.n LEFT JOIN worker w ON w.id = r.worker_id "
        "ORDER BY best.score, r.held_on DESC",
        ranked_from=ranked_from,
        where=" AND ".join(["record_fts MATCH ?", *where]),
    )
    rows = vault.query(sql, (expression, *params, limit))
    numbers = [int(str(r[6])) for r in rows]
    cut = _snippets(vault, text, expression, numbers[:snippets_for])
    return [
        SearchHit(
            record_id=str(r[0]),
            reference=str(r[1]),
            held_on=date.fromisoformat(str(r[2])),
            kind=RecordKind(str(r[3])),
            status=RecordStatus(str(r[4])),
            people=str(r[5]),
            snippet=cut.get(n, ""),
            score=float(str(r[7])),
        )
        for r, n in zip(rows, numbers, strict=True)
    ]


def fill_snippets(vault: Vault, text: str, record_ids: list[str]) -> dict[str, str]:
    """The snippets :func:`search` left empty, by record id (as it would have cut them)."""
    expression = match_expression(text)
    if expression is None or not record_ids:
        return {}
    numbers: dict[int, str] = {}
    for chunk in _chunks(record_ids):
        marks = ", ".join("?" * len(chunk))
        for n, record_id in vault.query(
            compose("SELECT n, id FROM record WHERE id IN ({marks})", marks=marks), tuple(chunk)
        ):
            numbers[int(str(n))] = str(record_id)
    cut = _snippets(vault, text, expression, list(numbers))
    return {numbers[n]: snippet for n, snippet in cut.items()}


def _chunks(items: list[_T], size: int = 500) -> list[list[_T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _snippets(vault: Vault, text: str, expression: str, numbers: list[int]) -> dict[int, str]:
    """Snippets of the records numbered ``numbers`` (``record.n``), by number."""
    finder = snippets.finder(snippets.terms(_searched_terms(text)))
    found: dict[int, str] = {}
    for chunk in _chunks(numbers):
        marks = ", ".join("?" * len(chunk))
        bodies = vault.query(
            compose("SELECT rowid, body FROM record_fts WHERE rowid IN ({marks})", marks=marks),
            tuple(chunk),
        )
        for n, body in bodies:
            found[int(str(n))] = _snippet(vault, finder, str(body), expression, int(str(n)))
    return found


def _searched_terms(text: str) -> list[tuple[str, bool]]:
    return [(t, p) for t, p in _terms(text.replace("\x00", " ")) if _has_token(t)]


def _snippet(
    vault: Vault, finder: snippets.Finder | None, body: str, expression: str, n: int
) -> str:
    cut = (
        None
        if finder is None
        else snippets.cut(body, finder, HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS)
    )
    if cut is not None:
        return cut
    # The match is where the bounded cut does not look (child references, or
    # letters it does not fold): FTS5 tokenises this one record itself.
    rows = vault.query(
        "SELECT snippet(record_fts, -1, ?, ?, ?, ?) FROM record_fts "
        "WHERE record_fts MATCH ? AND rowid = ?",
        (HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS, SNIPPET_TOKENS, expression, n),
    )
    return str(rows[0][0]) if rows else ""


def plain_snippet(snippet: str, start: str = "[", end: str = "]") -> str:
    """A snippet with the highlight markers replaced, on one line."""
    text = snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end)
    return " ".join(text.split())
