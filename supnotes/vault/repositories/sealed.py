"""Sealed PDFs (append-only) and the supervisee's drawn signature.

A sealed document is the exact signed bytes handed out for ever: rows are
only ever added (DB triggers refuse UPDATE and DELETE). A countersignature
adds a row with a higher ``revision``; readers take the highest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from supnotes.domain.records import Addendum, Record
from supnotes.vault import fts
from supnotes.vault.connection import Connection, compose
from supnotes.vault.repositories.rows import (
    ADDENDUM_CHILD_COLUMNS,
    ADDENDUM_COLUMNS,
    addendum_child_params,
    addendum_params,
    iso_datetime,
    opt_int,
    parse_datetime,
    placeholders,
)
from supnotes.vault.vault import Vault

SUPERVISION_FILE = "supervision-file"
CHILD_RECORD = "child-record"

_COLUMNS = "id, record_id, addendum_id, output, child_ref, revision, pdf, sha256, created_at"


def _blob(value: object) -> bytes:
    assert isinstance(value, bytes | memoryview), type(value)
    return bytes(value)


@dataclass(frozen=True, slots=True)
class SealedDocument:
    id: str
    record_id: str
    output: str  # SUPERVISION_FILE or CHILD_RECORD
    pdf: bytes
    sha256: str
    created_at: datetime
    child_ref: str | None = None
    addendum_id: str | None = None
    revision: int = 1


def _from_row(row: tuple[object, ...]) -> SealedDocument:
    created = parse_datetime(str(row[8]))
    assert created is not None
    return SealedDocument(
        id=str(row[0]),
        record_id=str(row[1]),
        addendum_id=None if row[2] is None else str(row[2]),
        output=str(row[3]),
        child_ref=None if row[4] is None else str(row[4]),
        revision=int(str(row[5])),
        pdf=_blob(row[6]),
        sha256=str(row[7]),
        created_at=created,
    )


def insert_sealed(conn: Connection, documents: list[SealedDocument]) -> None:
    """Add sealed documents inside the caller's transaction."""
    conn.executemany(
        compose("INSERT INTO sealed_document({c}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", c=_COLUMNS),
        [
            (
                d.id,
                d.record_id,
                d.addendum_id,
                d.output,
                d.child_ref,
                d.revision,
                d.pdf,
                d.sha256,
                iso_datetime(d.created_at),
            )
            for d in documents
        ],
    )


def latest_of(documents: list[SealedDocument]) -> list[SealedDocument]:
    """The highest revision of each (addendum, output, child), in stored order."""
    best: dict[tuple[str | None, str, str | None], SealedDocument] = {}
    for doc in documents:
        key = (doc.addendum_id, doc.output, doc.child_ref)
        if key not in best or doc.revision > best[key].revision:
            best[key] = doc
    return list(best.values())


def write_drawn_signature(conn: Connection, record_id: str, png: bytes, at: datetime) -> None:
    conn.execute(
        "INSERT INTO drawn_signature(record_id, png, captured_at) VALUES (?, ?, ?) "
        "ON CONFLICT(record_id) DO UPDATE SET png = excluded.png, "
        "captured_at = excluded.captured_at",
        (record_id, png, iso_datetime(at)),
    )


def commit_seal(
    conn: Connection,
    record: Record,
    documents: list[SealedDocument],
    drawn_png: bytes | None,
) -> bool:
    """Store a seal in the caller's transaction: comments, drawing, PDFs, signed status.

    ``record`` carries the acknowledgement and ``signed_at``; the first
    document is the supervision-file copy whose hash the record keeps.
    False (nothing done) if the record is no longer a draft.
    """
    assert record.signed_at is not None
    assert documents
    c = record.comments
    changed = conn.execute(
        "UPDATE record SET comments_text = ?, comments_agrees = ?, acknowledged_name = ?, "
        "acknowledged_at = ? WHERE id = ? AND status = 'draft'",
        (
            c.text,
            opt_int(c.agrees),
            c.acknowledged_name,
            iso_datetime(c.acknowledged_at),
            record.id,
        ),
    ).rowcount
    if changed != 1:
        return False
    if drawn_png:
        write_drawn_signature(conn, record.id, drawn_png, record.signed_at)
    fts.reindex_edited(conn, record.id)
    insert_sealed(conn, documents)
    conn.execute(
        "UPDATE record SET status = 'signed', signed_at = ?, updated_at = ?, "
        "sealed_sha256 = ? WHERE id = ?",
        (
            iso_datetime(record.signed_at),
            iso_datetime(record.signed_at),
            documents[0].sha256,
            record.id,
        ),
    )
    return True


def commit_addendum(conn: Connection, addendum: Addendum, documents: list[SealedDocument]) -> None:
    """Store a signed addendum, the children it concerns and its sealed PDFs.

    In the caller's transaction: the supervision-file copy (if any) and one
    addendum extract per child the addendum concerns.
    """
    conn.execute(
        compose(
            "INSERT INTO addendum({c}) VALUES ({marks})",
            c=ADDENDUM_COLUMNS,
            marks=placeholders(ADDENDUM_COLUMNS),
        ),
        addendum_params(addendum),
    )
    conn.executemany(
        compose(
            "INSERT INTO addendum_child({c}) VALUES ({marks})",
            c=ADDENDUM_CHILD_COLUMNS,
            marks=placeholders(ADDENDUM_CHILD_COLUMNS),
        ),
        addendum_child_params(addendum),
    )
    insert_sealed(conn, documents)


class SealedRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def all_for(self, record_id: str) -> list[SealedDocument]:
        """Every stored revision for a record and its addenda, oldest first."""
        return [
            _from_row(r)
            for r in self._vault.query(
                compose(
                    "SELECT {c} FROM sealed_document WHERE record_id = ? "
                    "ORDER BY created_at, revision, rowid",
                    c=_COLUMNS,
                ),
                (record_id,),
            )
        ]

    def latest(self, record_id: str) -> list[SealedDocument]:
        """The current document of each output, addenda included."""
        return latest_of(self.all_for(record_id))

    def find(
        self,
        record_id: str,
        output: str = SUPERVISION_FILE,
        child_ref: str | None = None,
        addendum_id: str | None = None,
    ) -> SealedDocument | None:
        for doc in self.latest(record_id):
            if (doc.output, doc.child_ref, doc.addendum_id) == (output, child_ref, addendum_id):
                return doc
        return None

    def drawn_signature(self, record_id: str) -> bytes | None:
        found = self._vault.query(
            "SELECT png FROM drawn_signature WHERE record_id = ?", (record_id,)
        )
        return _blob(found[0][0]) if found else None
