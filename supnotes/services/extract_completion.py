"""Complete the child extracts sealed before extracts carried all of a child's entries.

Until extracts took every entry tagged with their child, they took only the
``child-record`` sections: in the one-to-one and ASYE templates the actions
agreed for a child (kept in a supervision-file section) and the reviews of
earlier actions never reached the child's record, and an extract could say
"Nothing about this child was recorded" over an action for that child.

Sealed records never change. Instead, for each child whose signed extract
lacks an entry about them, the supervisor issues a signed addendum extract
holding exactly what is missing and citing the original extract's SHA-256.
What is missing is read from the signed extract itself (its printed text),
not assumed from its date: an extract that already holds an entry is never
given it twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from supnotes.domain.content import RecordContent
from supnotes.domain.ids import new_id
from supnotes.domain.outputs import (
    ExtractIncomplete,
    ListEntry,
    ReviewedAction,
    SectionView,
    child_record_extract,
    entry_words,
    keep_entries,
    outside_case_sections,
)
from supnotes.domain.records import Addendum, ChildCitation
from supnotes.pdf.addendum_view import COMPLETING_REASON, completing_extract
from supnotes.pdf.identity import SigningIdentity
from supnotes.pdf.record_parts import short_date
from supnotes.pdf.text import printed_text, squeezed
from supnotes.services import identity as identities
from supnotes.services.sealing import SealingRefused, render_and_sign
from supnotes.services.sheets import build_sheet, signed_sheet
from supnotes.vault.repositories.records import load_content
from supnotes.vault.repositories.sealed import CHILD_RECORD, SealedRepository, commit_addendum
from supnotes.vault.vault import Vault


@dataclass(frozen=True)
class IncompleteExtract:
    """A child's signed extract and the entries about the child it does not carry."""

    record_id: str
    reference: str
    child_ref: str
    extract_sha256: str
    missing: tuple[SectionView, ...]

    @property
    def entry_count(self) -> int:
        return sum(len(f.entries) for s in self.missing for f in s.fields)


def _completed_children(content: RecordContent) -> set[str]:
    return {
        c.child_ref for a in content.addenda if a.reason == COMPLETING_REASON for c in a.children
    }


def _check(vault: Vault, content: RecordContent) -> list[IncompleteExtract]:
    record = content.record
    if not record.is_signed:
        return []
    sealed = SealedRepository(vault)
    done = _completed_children(content)
    found = []
    with vault.exclusive():
        sheet = signed_sheet(vault, content)
    for child_ref in content.child_refs:
        original = sealed.find(record.id, CHILD_RECORD, child_ref)
        if child_ref in done or original is None:
            continue
        try:
            extract = child_record_extract(
                sheet.template, content, child_ref, reviewed_actions=sheet.reviewed_actions
            )
        except ExtractIncomplete:
            continue  # its form has no place to print the entry: nothing can be issued
        candidates = outside_case_sections(extract)
        if not candidates:
            continue
        printed = squeezed(printed_text(original.pdf))

        def absent(entry: ListEntry, printed: str = printed) -> bool:
            words = squeezed(entry_words(entry))
            return bool(words) and words not in printed

        missing = keep_entries(candidates, absent)
        if missing:
            found.append(
                IncompleteExtract(record.id, record.reference, child_ref, original.sha256, missing)
            )
    return found


def incomplete_extracts(vault: Vault, record_id: str) -> list[IncompleteExtract]:
    """The signed extracts of a record that leave out an entry about their child."""
    with vault.exclusive() as conn:
        content = load_content(conn, record_id)
    return _check(vault, content)


def _summary(missing: tuple[SectionView, ...]) -> str:
    """The addendum's text as stored (and searched): one line per entry carried."""
    lines = []
    for view in missing:
        for item in view.fields:
            for entry in item.entries:
                if isinstance(entry, ReviewedAction):
                    outcome = entry.review.outcome or entry.review.prior_status
                    note = f" {entry.review.note}" if entry.review.note else ""
                    lines.append(f"{item.field.label}: {entry.action.text} ({outcome}).{note}")
                else:
                    due = getattr(entry, "due_on", None)
                    when = f" (due {short_date(due)})" if due else ""
                    lines.append(f"{item.field.label}: {entry_words(entry)}{when}")
    return "\n".join(lines)


def complete_extract(
    vault: Vault,
    record_id: str,
    child_ref: str,
    *,
    identity: SigningIdentity | None = None,
    now: datetime | None = None,
) -> Addendum:
    """Issue what ``child_ref``'s signed extract left out, as a signed addendum extract.

    Raises :class:`SealingRefused` (saying why, in plain words) when there is
    nothing to issue: a draft, no extract for that child, or an extract that
    already holds everything (or was completed before).
    """
    with vault.exclusive() as conn:
        content = load_content(conn, record_id)
    record = content.record
    if not record.is_signed:
        raise SealingRefused(f"{record.reference} is not signed: its extracts are made on sealing")
    if child_ref not in content.child_refs:
        raise SealingRefused(f"{record.reference} is not about {child_ref}")
    if child_ref in _completed_children(content):
        raise SealingRefused(
            f"the extract for {child_ref} of {record.reference} was already completed "
            "by an addendum"
        )
    found = next((i for i in _check(vault, content) if i.child_ref == child_ref), None)
    if found is None:
        raise SealingRefused(
            f"the signed extract for {child_ref} of {record.reference} already holds "
            "everything recorded about the child; nothing to issue"
        )
    moment = now or datetime.now(UTC).replace(microsecond=0)
    identity = identity or identities.ensure(vault)
    addendum = Addendum(
        id=new_id(),
        record_id=record_id,
        reason=COMPLETING_REASON,
        text=_summary(found.missing),
        added_on=moment.date(),
        cites_sha256=found.extract_sha256,
        signed_at=moment,
        children=(ChildCitation(child_ref, found.extract_sha256),),
    )
    with vault.exclusive():
        sheet = build_sheet(vault, content, sealed_at=moment, fingerprint=identity.fingerprint)
    number = len(content.addenda) + 1
    doc = completing_extract(
        sheet,
        addendum,
        number,
        child_ref,
        sections=found.missing,
        extract_sha256=found.extract_sha256,
    )
    sealed = render_and_sign(
        doc,
        identity,
        record_id=record_id,
        moment=moment,
        output=CHILD_RECORD,
        child_ref=child_ref,
        addendum_id=addendum.id,
    )
    addendum = replace(addendum, sealed_sha256=sealed.sha256)
    with vault.transaction() as conn:
        commit_addendum(conn, addendum, [sealed])
    return addendum
