"""Hand a sealed record out: the stored signed bytes, or a watermarked draft preview."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from supnotes.domain.trail import TrailKind
from supnotes.pdf.export import export_signed
from supnotes.services import trail
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.sealed import (
    CHILD_RECORD,
    SUPERVISION_FILE,
    SealedDocument,
    SealedRepository,
)
from supnotes.vault.vault import Vault


class NotSealed(Exception):
    """There is no sealed document for what was asked (a draft, or no such child)."""


@dataclass(frozen=True)
class Output:
    """One thing a sealed record can be exported as, for menus and the CLI."""

    output: str
    child_ref: str | None = None
    addendum_id: str | None = None

    @property
    def label(self) -> str:
        if self.addendum_id is not None:
            if self.child_ref is not None:
                return f"signed addendum for the child's record: {self.child_ref}"
            return "signed addendum"
        if self.child_ref is None:
            return "Supervision-file copy"
        return f"Extract for the child's record: {self.child_ref}"


def sealed_document(
    vault: Vault,
    record_id: str,
    child_ref: str | None = None,
    addendum_id: str | None = None,
    revision: int | None = None,
) -> SealedDocument:
    """A stored document: the newest revision, or revision ``revision`` when given.

    Revision 1 is the file as the supervisor sealed it, whose SHA-256 the
    record and its addenda cite; revision 2 is the same bytes with the
    supervisee's counter-signature appended.
    """
    output = CHILD_RECORD if child_ref is not None else SUPERVISION_FILE
    repository = SealedRepository(vault)
    found = repository.find(record_id, output, child_ref, addendum_id)
    if found is None:
        if addendum_id is not None:
            where = "the supervision file" if child_ref is None else f"the record of {child_ref}"
            raise NotSealed(f"this addendum was not issued to {where}")
        if child_ref is not None:
            raise NotSealed(f"this record has no sealed extract for {child_ref}")
        raise NotSealed("this record is not sealed yet: only signed records can be exported")
    if revision is None or revision == found.revision:
        return found
    for doc in repository.all_for(record_id):
        key = (doc.output, doc.child_ref, doc.addendum_id, doc.revision)
        if key == (output, child_ref, addendum_id, revision):
            return doc
    raise NotSealed(
        f"there is no revision {revision} of this document: its revisions run 1 to {found.revision}"
    )


def outputs(vault: Vault, record_id: str) -> list[Output]:
    """The sealed documents of a record: the file copy, each extract, each addendum."""
    return [
        Output(d.output, d.child_ref, d.addendum_id)
        for d in SealedRepository(vault).latest(record_id)
    ]


def export_sealed(
    vault: Vault,
    record_id: str,
    path: Path,
    *,
    child_ref: str | None = None,
    addendum_id: str | None = None,
    revision: int | None = None,
) -> SealedDocument:
    """Write the stored signed bytes to ``path`` atomically; never re-renders.

    The act is recorded in the access trail once the file is written.
    """
    document = sealed_document(vault, record_id, child_ref, addendum_id, revision)
    export_signed(path, document.pdf, document.sha256)
    trail.record_if_writable(
        vault,
        TrailKind.EXPORT_PDF,
        record_ref=reference_of(vault, record_id),
        audience=audience_of(child_ref, addendum_id, revision),
        child_ref=child_ref,
        destination=path,
    )
    return document


def reference_of(vault: Vault, record_id: str) -> str:
    """The record's reference (SN-…), as the trail names it."""
    return RecordRepository(vault).header(record_id).reference


def audience_of(
    child_ref: str | None, addendum_id: str | None = None, revision: int | None = None
) -> str:
    """Who a sealed document is for, in the trail's words (never its content)."""
    words = "supervision file" if child_ref is None else "child's record"
    if addendum_id is not None:
        words = f"addendum, {words}"
    if revision is not None:
        words += f", revision {revision}"
    return words
