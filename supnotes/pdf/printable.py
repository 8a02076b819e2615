"""A record as it is printed: a neutral model the renderer lays out.

The caller (the sealing flow) maps a record and its template into one
:class:`PrintableRecord` per audience: which sections go in, in what order,
with which headings, is decided there. The renderer only lays out what it is
given, so the same model serves export, print and preview.

All text is plain text (no markup): the renderer escapes it and keeps line
breaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class Heading:
    """A section heading (``level`` 1) or a sub-heading, e.g. one child's case (2)."""

    text: str
    level: int = 1
    # The child a case-discussion heading opens, so the embedded data can
    # group what follows under that child (see supnotes.pdf.record_data).
    child_ref: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A labelled block of long text, e.g. a field's answer; ``label`` may be empty."""

    label: str
    text: str


@dataclass(frozen=True)
class FieldRow:
    """A short labelled value on one line, e.g. ``Review date: 14 March 2025``."""

    label: str
    value: str


@dataclass(frozen=True)
class Table:
    """Actions, decisions or attendees; ``rows`` are lists of cell texts."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    # Relative widths of the columns; equal widths when empty.
    weights: Sequence[float] = ()
    # What the rows are ("decisions", "actions", "reviewed-actions",
    # "attendees", "addenda"), for the embedded data; empty for other tables.
    kind: str = ""
    # Columns holding hashes: printed in monospace on one line, never wrapped.
    hash_columns: Sequence[int] = ()


@dataclass(frozen=True)
class SignatureBlock:
    """Who signs, in what capacity, what they say, and their drawn mark.

    ``field_name`` names the empty PDF signature field placed in the block
    (``"Supervisor"`` or ``"Supervisee"``); empty for a block that is only
    printed (e.g. an acknowledgement typed without a digital signature).
    """

    role: str
    name: str
    signed_at: str
    statement: str
    drawn_signature_png: bytes | None = None
    field_name: str = ""


@dataclass(frozen=True)
class AddendumCitation:
    """An addendum's reference to the signed record it amends."""

    original_ref: str
    original_version: str
    original_sha256: str
    reason: str
    dated: str
    # What is amended, in words: "record", or "extract for the child's record".
    amends: str = "record"


Block = Heading | Paragraph | FieldRow | Table | SignatureBlock | AddendumCitation


@dataclass(frozen=True)
class PrintableRecord:
    """Everything printed on a record, in reading order.

    ``meta`` rows appear in the summary box under the title (worker,
    supervisor, date, time, duration, template id and version...).
    ``audience`` says which copy this is, e.g. ``"Supervision file copy"`` or
    ``"Extract for the child's record: C-104233"``.
    """

    title: str
    kind: str
    record_ref: str
    version: str
    organisation: str
    audience: str
    marking: str = DEFAULT_MARKING
    draft: bool = False
    meta: Sequence[FieldRow] = ()
    certificate_fingerprint: str = ""
    blocks: Sequence[Block] = field(default_factory=tuple)
    # Not printed as such, but carried in the embedded data and metadata:
    # the vault's id of the record, and the child an extract is for.
    record_id: str = ""
    child_ref: str = ""
    # Which document this is when it is not a record's own copy, e.g.
    # "compliance-report" (supnotes.pdf.record_data.COMPLIANCE_REPORT); empty:
    # worked out from the blocks (file copy, child's extract, addendum).
    output: str = ""
