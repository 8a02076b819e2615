"""A supervision record as printed: domain record → :class:`PrintableRecord`.

One function per output: the supervision-file copy, one child-record
extract per child discussed, and a signed addendum. Which sections and list
entries go where is decided by :mod:`supnotes.domain.outputs`; this module
only says how each kind of answer reads on paper.

Empty answers print as "Not recorded." in the supervision-file copy (the
reader sees the question was asked); an extract leaves out anything empty,
so a child's record is never padded with blank headings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from supnotes.domain.actions import Action
from supnotes.domain.content import RecordContent
from supnotes.domain.outputs import (
    ExtractIncomplete,
    SectionView,
    child_record_extract,
    entries_about,
    sections_for,
)
from supnotes.domain.records import Addendum, AnswerValue, RecordKind
from supnotes.domain.templates import Field, FieldKind, Template
from supnotes.pdf.field_names import SUPERVISEE_FIELD, SUPERVISOR_FIELD
from supnotes.pdf.printable import (
    DEFAULT_MARKING,
    AddendumCitation,
    Block,
    FieldRow,
    Heading,
    Paragraph,
    PrintableRecord,
    SignatureBlock,
    Table,
)
from supnotes.pdf.record_parts import (
    answer_text,
    duration,
    list_blocks,
    long_date,
    short_date,
    when,
)

SUPERVISION_FILE_AUDIENCE = "Supervision file copy"
NOT_RECORDED = ""  # the renderer prints an empty paragraph as "Not recorded."
SUPERVISOR_STATEMENT = "This is an accurate record of the supervision I gave."


@dataclass(frozen=True)
class Signatory:
    """Who signs a block and when (``None``: not yet signed)."""

    name: str
    role: str = ""
    signed_at: datetime | None = None
    statement: str = ""
    drawn_signature_png: bytes | None = None


@dataclass(frozen=True)
class RecordSheet:
    """Everything needed to print one record, gathered by the caller (a service).

    ``people`` maps worker ids to names, so person answers and action owners
    print as names. ``supervisee`` is None for a group session.
    """

    template: Template
    content: RecordContent
    supervisor: Signatory
    supervisee: Signatory | None
    organisation: str = ""
    marking: str = DEFAULT_MARKING
    fingerprint: str = ""
    reviewed_actions: Mapping[str, Action] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)
    draft: bool = False


def _field_blocks(
    item: Field,
    answer: AnswerValue,
    entries: Sequence[object],
    sheet: RecordSheet,
    *,
    keep_empty: bool,
) -> list[Block]:
    """An answer or a list; an empty one prints "Not recorded." or is left out."""
    if item.kind.is_list:
        if entries:
            # keep_empty is the file copy's; an extract is one child's, so no Child column
            return list_blocks(item, entries, sheet.people, child_column=keep_empty)
        return [Paragraph(item.label, NOT_RECORDED)] if keep_empty else []
    text = answer_text(item, answer, sheet.people)
    if not text and not keep_empty:
        return []
    if item.kind is FieldKind.TEXT:
        return [Paragraph(item.label, text)]
    return [FieldRow(item.label, text or "Not recorded.")]


def section_blocks(
    views: Sequence[SectionView], sheet: RecordSheet, *, keep_empty: bool
) -> list[Block]:
    blocks: list[Block] = []
    for view in views:
        body = [
            b
            for f in view.fields
            for b in _field_blocks(f.field, f.answer, f.entries, sheet, keep_empty=keep_empty)
        ]
        if body or keep_empty:
            blocks.append(Heading(view.section.title))
            blocks += body
    return blocks


# -- header and signatures ----------------------------------------------------------


def _meta(sheet: RecordSheet) -> list[FieldRow]:
    record = sheet.content.record
    rows = []
    if sheet.supervisee is not None:
        role = f", {sheet.supervisee.role}" if sheet.supervisee.role else ""
        rows.append(FieldRow("Supervisee", sheet.supervisee.name + role))
    role = f", {sheet.supervisor.role}" if sheet.supervisor.role else ""
    rows.append(FieldRow("Supervisor", sheet.supervisor.name + role))
    rows.append(FieldRow("Date", long_date(record.held_on)))
    if record.start_time is not None and record.end_time is not None:
        minutes = record.duration_minutes
        length = "" if minutes is None else f" ({duration(minutes)})"
        rows.append(
            FieldRow("Time", f"{record.start_time:%H:%M}\u2013{record.end_time:%H:%M}{length}")
        )
    if record.next_date is not None:
        rows.append(FieldRow("Next supervision", long_date(record.next_date)))
    rows.append(FieldRow("Template", f"{record.template_id}, version {record.template_version}"))
    return rows


def signatures(sheet: RecordSheet) -> list[Block]:
    fields = not sheet.draft
    blocks: list[Block] = [Heading("Signatures")]
    supervisee = sheet.supervisee
    if supervisee is not None:
        blocks.append(
            SignatureBlock(
                role="Supervisee",
                name=supervisee.name,
                signed_at=when(supervisee.signed_at),
                statement=supervisee.statement,
                drawn_signature_png=supervisee.drawn_signature_png,
                field_name=SUPERVISEE_FIELD if fields else "",
            )
        )
    supervisor = sheet.supervisor
    blocks.append(
        SignatureBlock(
            role="Supervisor",
            name=supervisor.name,
            signed_at=when(supervisor.signed_at),
            statement=supervisor.statement or SUPERVISOR_STATEMENT,
            field_name=SUPERVISOR_FIELD if fields else "",
        )
    )
    return blocks


def _comments(sheet: RecordSheet) -> list[Block]:
    comments = sheet.content.record.comments
    if sheet.supervisee is None:
        return []
    agrees = {True: "Agrees with the record", False: "Does not agree with the record"}
    blocks: list[Block] = [Heading("Supervisee's comments")]
    if comments.agrees is not None:
        blocks.append(FieldRow("Agreement", agrees[comments.agrees]))
    blocks.append(Paragraph("", comments.text))
    return blocks


def _document(sheet: RecordSheet, audience: str, blocks: list[Block]) -> PrintableRecord:
    record = sheet.content.record
    return PrintableRecord(
        title=sheet.template.title,
        kind=record.kind.label,
        record_ref=record.reference,
        version="1",
        organisation=sheet.organisation,
        audience=audience,
        marking=sheet.marking or DEFAULT_MARKING,
        draft=sheet.draft,
        meta=_meta(sheet),
        certificate_fingerprint=sheet.fingerprint,
        blocks=tuple(blocks),
        record_id=record.id,
    )


# -- the three documents -----------------------------------------------------------


def supervision_file_copy(sheet: RecordSheet) -> PrintableRecord:
    """Everything but private sections, the supervisee's comments, and signatures."""
    views = sections_for(sheet.template, sheet.content, reviewed_actions=sheet.reviewed_actions)
    blocks = section_blocks(views, sheet, keep_empty=True)
    blocks += _comments(sheet)
    blocks += _addenda_list(sheet.content.addenda)
    blocks += signatures(sheet)
    return _document(sheet, SUPERVISION_FILE_AUDIENCE, blocks)


def extract_audience(child_ref: str) -> str:
    return f"Extract for the child's record: {child_ref}"


EXTRACT_TITLE = "Case direction"
EXTRACT_STATEMENT = (
    "This extract holds everything recorded about this child in this session, and it is accurate."
)
NOTHING_RECORDED = "Nothing about this child was recorded in this session."
_EXTRACT_KIND = {
    RecordKind.ONE_TO_ONE: "Given in supervision",
    RecordKind.GROUP: "Given in group supervision",
    RecordKind.AD_HOC: "Management decision",
    RecordKind.AGREEMENT: "From a supervision agreement",
}


def extract_meta(sheet: RecordSheet, child_ref: str) -> list[FieldRow]:
    """The extract's header: the child, the record, the date, the worker, the decision-maker.

    Nothing of the worker's own supervision: no template (its title can say
    "ASYE/NQSW"), no stage or role of the worker, no session times, no next
    supervision date.
    """
    record = sheet.content.record
    rows = [
        FieldRow("Child", child_ref),
        FieldRow("Record", record.reference),
        FieldRow("Date", long_date(record.held_on)),
    ]
    if record.worker_id is not None:
        name = sheet.people.get(record.worker_id) or (
            sheet.supervisee.name if sheet.supervisee is not None else ""
        )
        rows.append(FieldRow("Allocated worker", name))
    elif sheet.content.presenter is not None:
        rows.append(FieldRow("Case presented by", sheet.content.presenter.name))
    role = f", {sheet.supervisor.role}" if sheet.supervisor.role else ""
    rows.append(FieldRow("Decision-maker", sheet.supervisor.name + role))
    return rows


def extract_document(
    sheet: RecordSheet, child_ref: str, blocks: list[Block], *, title: str, kind: str
) -> PrintableRecord:
    """A document for one child's record: the extract header, ``blocks``, as given."""
    return PrintableRecord(
        title=title,
        kind=kind,
        record_ref=sheet.content.record.reference,
        version="1",
        organisation=sheet.organisation,
        audience=extract_audience(child_ref),
        marking=sheet.marking or DEFAULT_MARKING,
        draft=sheet.draft,
        meta=extract_meta(sheet, child_ref),
        certificate_fingerprint=sheet.fingerprint,
        blocks=tuple(blocks),
        record_id=sheet.content.record.id,
        child_ref=child_ref,
    )


def supervisor_signature(sheet: RecordSheet, statement: str) -> list[Block]:
    supervisor = replace(sheet.supervisor, statement=statement)
    return signatures(replace(sheet, supervisee=None, supervisor=supervisor))


def child_extract(sheet: RecordSheet, child_ref: str) -> PrintableRecord:
    """Everything recorded about one child: never wellbeing, private notes or other children.

    The supervisee block is left out: the supervisee's comments are about the
    whole session and belong to the supervision file.
    """
    extract = child_record_extract(
        sheet.template, sheet.content, child_ref, reviewed_actions=sheet.reviewed_actions
    )
    blocks = section_blocks(extract.sections, sheet, keep_empty=False)
    if not blocks:
        # child_record_extract already refuses to drop an entry; this keeps the
        # one sentence that says "nothing" from ever being printed over one.
        if entries_about(sheet.content, child_ref, sheet.reviewed_actions):
            raise ExtractIncomplete(f"the extract for {child_ref} came out empty")
        blocks = [Paragraph("", NOTHING_RECORDED)]
    blocks += supervisor_signature(sheet, EXTRACT_STATEMENT)
    kind = _EXTRACT_KIND[sheet.content.record.kind]
    return extract_document(sheet, child_ref, blocks, title=EXTRACT_TITLE, kind=kind)


def _addenda_list(addenda: Sequence[Addendum]) -> list[Block]:
    signed = [a for a in addenda if a.signed_at is not None]
    if not signed:
        return []
    return [
        Heading("Addenda"),
        Table(
            "",
            ["Dated", "Reason", "SHA-256 of the addendum"],
            [[short_date(a.added_on), a.reason, a.sealed_sha256 or ""] for a in signed],
            weights=[1.3, 2.4, 6.3],
            hash_columns=[2],
            kind="addenda",
        ),
    ]


def addendum_reference(record_ref: str, number: int) -> str:
    return f"{record_ref}-A{number}"


def addendum_document(
    sheet: RecordSheet, addendum: Addendum, number: int, original_sha256: str
) -> PrintableRecord:
    """A signed amendment that cites the original by reference, version and SHA-256."""
    record = sheet.content.record
    blocks: list[Block] = [
        AddendumCitation(
            original_ref=record.reference,
            original_version="1",
            original_sha256=original_sha256,
            reason=addendum.reason,
            dated=long_date(addendum.added_on),
        ),
        Paragraph("Addendum", addendum.text),
        Heading("Signature"),
        SignatureBlock(
            role="Supervisor",
            name=sheet.supervisor.name,
            signed_at=when(sheet.supervisor.signed_at),
            statement="This addendum amends the signed record cited above.",
            field_name=SUPERVISOR_FIELD,
        ),
    ]
    return PrintableRecord(
        title="Addendum",
        kind=f"Amendment to a signed record ({record.kind.label.lower()})",
        record_ref=addendum_reference(record.reference, number),
        version="1",
        organisation=sheet.organisation,
        audience=SUPERVISION_FILE_AUDIENCE,
        marking=sheet.marking or DEFAULT_MARKING,
        meta=(
            *(
                [FieldRow("Supervisee", sheet.supervisee.name)]
                if sheet.supervisee is not None
                else []
            ),
            FieldRow("Supervisor", sheet.supervisor.name),
            FieldRow("Original record date", long_date(record.held_on)),
            *(
                [FieldRow("Also issued to the records of", ", ".join(addendum.child_refs))]
                if addendum.child_refs
                else []
            ),
        ),
        certificate_fingerprint=sheet.fingerprint,
        blocks=tuple(blocks),
        record_id=record.id,
    )
