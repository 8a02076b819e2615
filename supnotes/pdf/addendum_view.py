"""Addenda issued to a child's record: an amendment, or the content an extract left out.

An addendum that concerns a child reaches that child's record as a signed
addendum extract, with the extract's own header (the child, the record, the
worker, the decision-maker: nothing of the worker's own supervision) and a
citation of the SHA-256 of the extract it amends. The file-copy addendum
(:func:`supnotes.pdf.record_view.addendum_document`) keeps citing the
supervision-file copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from supnotes.domain.outputs import SectionView
from supnotes.domain.records import Addendum
from supnotes.pdf.printable import AddendumCitation, Block, Heading, Paragraph, PrintableRecord
from supnotes.pdf.record_parts import long_date
from supnotes.pdf.record_view import (
    RecordSheet,
    addendum_reference,
    extract_document,
    section_blocks,
    supervisor_signature,
)

AMENDS_EXTRACT = "extract"
COMPLETING_REASON = (
    "The signed extract left out what was recorded about this child outside the case "
    "discussions (such as the actions agreed). This addendum carries it, from the record "
    "as it was signed."
)


def _citation(
    sheet: RecordSheet, addendum: Addendum, child_ref: str, extract_sha256: str
) -> AddendumCitation:
    return AddendumCitation(
        original_ref=f"{sheet.content.record.reference} (extract for {child_ref})",
        original_version="1",
        original_sha256=extract_sha256,
        reason=addendum.reason,
        dated=long_date(addendum.added_on),
        amends=AMENDS_EXTRACT,
    )


def _document(
    sheet: RecordSheet, number: int, child_ref: str, blocks: list[Block], kind: str
) -> PrintableRecord:
    doc = extract_document(sheet, child_ref, blocks, title="Addendum", kind=kind)
    # The header's date is the original record's; the addendum's own is in its citation.
    meta = [
        replace(row, label="Original record date") if row.label == "Date" else row
        for row in doc.meta
    ]
    return replace(
        doc,
        meta=meta,
        record_ref=addendum_reference(sheet.content.record.reference, number),
    )


def addendum_extract(
    sheet: RecordSheet, addendum: Addendum, number: int, child_ref: str, extract_sha256: str
) -> PrintableRecord:
    """An addendum as issued to one child's record, citing that child's signed extract."""
    blocks: list[Block] = [
        _citation(sheet, addendum, child_ref, extract_sha256),
        Paragraph("Addendum", addendum.text),
        Heading("Signature"),
        *supervisor_signature(sheet, "This addendum amends the signed extract cited above.")[1:],
    ]
    return _document(
        sheet, number, child_ref, blocks, "Amendment to an extract for the child's record"
    )


def completing_extract(
    sheet: RecordSheet,
    addendum: Addendum,
    number: int,
    child_ref: str,
    *,
    sections: Sequence[SectionView],
    extract_sha256: str,
) -> PrintableRecord:
    """What a signed extract left out about its child, as a signed addendum citing it."""
    body = section_blocks(sections, sheet, keep_empty=False)
    if not body:
        raise ValueError(f"nothing was left out of the extract for {child_ref}")
    blocks: list[Block] = [
        _citation(sheet, addendum, child_ref, extract_sha256),
        *body,
        Heading("Signature"),
        *supervisor_signature(sheet, "This addendum completes the signed extract cited above.")[1:],
    ]
    return _document(
        sheet, number, child_ref, blocks, "Completes an extract for the child's record"
    )
