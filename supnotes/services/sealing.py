"""Seal a record: acknowledgement, render, sign, store, lock — all or nothing.

Rendering and signing (the slow part) happen first, in memory, from the
record as it will be stored. Only then does one vault transaction write the
supervisee's comments and drawn signature, every sealed PDF and the signed
status with the supervision-file copy's SHA-256. If rendering, signing or
the transaction fails (disk full, a trigger), nothing is stored and the
record stays a draft that can be sealed again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from supnotes.domain.content import RecordContent
from supnotes.domain.ids import new_id
from supnotes.domain.outputs import ExtractIncomplete
from supnotes.domain.records import (
    Addendum,
    ChildCitation,
    RecordStatus,
    SuperviseeComments,
)
from supnotes.pdf.addendum_view import addendum_extract
from supnotes.pdf.export import sha256_hex
from supnotes.pdf.identity import SigningIdentity, from_pkcs12
from supnotes.pdf.printable import PrintableRecord
from supnotes.pdf.record_view import (
    addendum_document,
    child_extract,
    supervision_file_copy,
)
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import countersign, sign_pdf
from supnotes.services import identity as identities
from supnotes.services.sheets import build_sheet
from supnotes.vault.repositories.records import load_content
from supnotes.vault.repositories.sealed import (
    CHILD_RECORD,
    SUPERVISION_FILE,
    SealedDocument,
    SealedRepository,
    commit_addendum,
    commit_seal,
    insert_sealed,
)
from supnotes.vault.vault import Vault

Progress = Callable[[str], None]


class SealingRefused(Exception):
    """The record cannot be sealed as asked; the message says why, in plain words."""


@dataclass(frozen=True)
class Acknowledgement:
    """What the supervisee said before the supervisor seals."""

    typed_name: str
    has_read: bool
    agrees: bool | None
    comments: str = ""
    drawn_signature_png: bytes | None = None
    at: datetime | None = None

    def problems(self) -> list[str]:
        found = []
        if not self.typed_name.strip():
            found.append("the supervisee has not typed their name")
        if not self.has_read:
            found.append("the supervisee has not confirmed they have read the record")
        if self.agrees is None:
            found.append("the supervisee has not said whether they agree")
        if self.agrees is False and not self.comments.strip():
            found.append("a supervisee who disagrees needs to say why in their comments")
        return found


@dataclass(frozen=True)
class SealedOutput:
    output: str
    child_ref: str | None
    sha256: str
    pages_bytes: int


@dataclass(frozen=True)
class SealResult:
    record_id: str
    reference: str
    sealed_sha256: str
    outputs: tuple[SealedOutput, ...]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _note(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def seal_record(
    vault: Vault,
    record_id: str,
    acknowledgement: Acknowledgement | None,
    *,
    identity: SigningIdentity | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> SealResult:
    """Sign and lock a draft, storing its supervision-file copy and child extracts.

    ``acknowledgement`` is required for a record with a supervisee and must be
    None for a group session (its attendees do not sign). Safe to call from a
    worker thread: the vault serialises the one write transaction.
    """
    with vault.exclusive() as conn:  # no half-done autosave from the UI thread
        content = load_content(conn, record_id)
    record = content.record
    if record.status is not RecordStatus.DRAFT:
        raise SealingRefused(f"{record.reference} is already signed; add an addendum instead")
    moment = now or _now()
    slips = record.problems_before_sealing(moment.astimezone().date())
    if slips:
        raise SealingRefused("; ".join(slips).capitalize())
    drawn = None
    if record.worker_id is not None:
        if acknowledgement is None:
            raise SealingRefused("the supervisee's acknowledgement comes before sealing")
        problems = acknowledgement.problems()
        if problems:
            raise SealingRefused("; ".join(problems).capitalize())
        drawn = acknowledgement.drawn_signature_png
        comments = SuperviseeComments(
            text=acknowledgement.comments,
            agrees=acknowledgement.agrees,
            acknowledged_name=acknowledgement.typed_name.strip(),
            acknowledged_at=acknowledgement.at or moment,
        )
        record = replace(record, comments=comments)
    record = replace(record, status=RecordStatus.SIGNED, signed_at=moment)
    content = replace(content, record=record)

    _note(progress, "Preparing the signing key…")
    identity = identity or identities.ensure(vault)
    with vault.exclusive():
        sheet = build_sheet(
            vault,
            content,
            sealed_at=moment,
            drawn_signature_png=drawn,
            fingerprint=identity.fingerprint,
        )
    _note(progress, "Rendering and signing the supervision-file copy…")
    documents = [
        render_and_sign(supervision_file_copy(sheet), identity, record_id=record_id, moment=moment)
    ]
    for child_ref in content.child_refs:
        _note(progress, f"Rendering and signing the extract for {child_ref}…")
        try:
            doc = child_extract(sheet, child_ref)
        except ExtractIncomplete as exc:
            raise SealingRefused(str(exc)) from None
        documents.append(
            render_and_sign(
                doc,
                identity,
                record_id=record_id,
                moment=moment,
                output=CHILD_RECORD,
                child_ref=child_ref,
            )
        )
    main = documents[0]

    _note(progress, "Storing the signed record…")
    with vault.transaction() as conn:
        if not commit_seal(conn, record, documents, drawn):
            raise SealingRefused(f"{record.reference} was signed elsewhere meanwhile")
    return SealResult(
        record_id=record_id,
        reference=record.reference,
        sealed_sha256=main.sha256,
        outputs=tuple(SealedOutput(d.output, d.child_ref, d.sha256, len(d.pdf)) for d in documents),
    )


def render_and_sign(
    doc: PrintableRecord,
    identity: SigningIdentity,
    *,
    record_id: str,
    moment: datetime,
    output: str = SUPERVISION_FILE,
    child_ref: str | None = None,
    addendum_id: str | None = None,
) -> SealedDocument:
    """Render ``doc``, certify it with ``identity``, and hash the signed bytes."""
    pdf = sign_pdf(render_pdf(doc), identity)
    return SealedDocument(
        id=new_id(),
        record_id=record_id,
        output=output,
        child_ref=child_ref,
        addendum_id=addendum_id,
        pdf=pdf,
        sha256=sha256_hex(pdf),
        created_at=moment,
    )


def countersign_record(
    vault: Vault, record_id: str, supervisee_pkcs12: bytes, password: bytes
) -> SealedOutput:
    """The supervisee signs the supervision-file copy with their own certificate.

    The signature is an incremental update, stored as revision 2: revision 1
    (whose SHA-256 the record and any addenda cite) stays in the vault, and
    its bytes are the start of revision 2's.
    """
    supervisee = from_pkcs12(supervisee_pkcs12, password)
    sealed = SealedRepository(vault)
    current = sealed.find(record_id, SUPERVISION_FILE)
    if current is None:
        raise SealingRefused("only a sealed record can be counter-signed")
    if current.revision > 1:
        raise SealingRefused("this record has already been counter-signed")
    pdf = countersign(current.pdf, supervisee)
    doc = replace(
        current,
        id=new_id(),
        pdf=pdf,
        sha256=sha256_hex(pdf),
        revision=current.revision + 1,
        created_at=_now(),
    )
    with vault.transaction() as conn:
        insert_sealed(conn, [doc])
    return SealedOutput(doc.output, None, doc.sha256, len(pdf))


def add_addendum(
    vault: Vault,
    record_id: str,
    reason: str,
    text: str,
    *,
    child_refs: Sequence[str] = (),
    added_on: date | None = None,
    identity: SigningIdentity | None = None,
    now: datetime | None = None,
) -> Addendum:
    """A signed amendment to a sealed record, citing the original's SHA-256.

    ``child_refs`` are the children it concerns: it is issued to each one's
    record too, as a signed addendum extract citing the SHA-256 of that
    child's signed extract. The addendum row, its children and every sealed
    PDF are written in one transaction, the row already signed: an unsigned
    or half-issued addendum is never left behind.
    """
    if not reason.strip() or not text.strip():
        raise SealingRefused("an addendum needs a reason and its text")
    with vault.exclusive() as conn:
        content = load_content(conn, record_id)
    record = content.record
    if record.status is RecordStatus.SIGNED_ELSEWHERE:
        raise SealingRefused(
            "this record's signed copy is held elsewhere: add the addendum in the vault that "
            "holds it"
        )
    if not record.is_signed or not record.sealed_sha256:
        raise SealingRefused("only a sealed record takes addenda; edit the draft instead")
    citations = _child_citations(vault, content, child_refs)
    moment = now or _now()
    identity = identity or identities.ensure(vault)
    addendum = Addendum(
        id=new_id(),
        record_id=record_id,
        reason=reason.strip(),
        text=text,
        added_on=added_on or moment.date(),
        cites_sha256=record.sealed_sha256,
        signed_at=moment,
        children=citations,
    )
    with vault.exclusive():
        sheet = build_sheet(vault, content, sealed_at=moment, fingerprint=identity.fingerprint)
    number = len(content.addenda) + 1
    doc = addendum_document(sheet, addendum, number, record.sealed_sha256)
    documents = [
        render_and_sign(doc, identity, record_id=record_id, moment=moment, addendum_id=addendum.id)
    ]
    for citation in citations:
        extract = addendum_extract(
            sheet, addendum, number, citation.child_ref, citation.cites_sha256
        )
        documents.append(
            render_and_sign(
                extract,
                identity,
                record_id=record_id,
                moment=moment,
                output=CHILD_RECORD,
                child_ref=citation.child_ref,
                addendum_id=addendum.id,
            )
        )
    addendum = replace(addendum, sealed_sha256=documents[0].sha256)
    with vault.transaction() as conn:
        commit_addendum(conn, addendum, documents)
    return addendum


def _child_citations(
    vault: Vault, content: RecordContent, child_refs: Sequence[str]
) -> tuple[ChildCitation, ...]:
    """For each child named, the signed extract the addendum amends."""
    sealed = SealedRepository(vault)
    citations = []
    for child_ref in dict.fromkeys(c.strip() for c in child_refs):
        extract = sealed.find(content.record.id, CHILD_RECORD, child_ref)
        if child_ref not in content.child_refs or extract is None:
            raise SealingRefused(
                f"{content.record.reference} has no signed extract for {child_ref}: "
                "an addendum can only be issued to the children the record is about"
            )
        citations.append(ChildCitation(child_ref, extract.sha256))
    return tuple(citations)
