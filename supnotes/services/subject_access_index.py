"""The subject-access pack's index, as a PDF through the records' rendering layer.

Like the compliance report, it is a :class:`PrintableRecord` laid out by
:func:`supnotes.pdf.render.render_pdf`: the same fonts, styles, protective
marking and page footer, PDF/A-4f, with its printed tables attached as data
(``audience.output`` ``"subject-access-index"``). It is not signed: it is a
list made for one request, and it says so.
"""

from __future__ import annotations

from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP
from supnotes.domain.subject_access import (
    JSON_NAME,
    MASKINGS_NAME,
    README_NAME,
    SEALED_FOLDER,
    WITHHELD_REASON,
    PackPlan,
)
from supnotes.pdf.printable import FieldRow, Heading, Paragraph, PrintableRecord, Table
from supnotes.pdf.record_data import SUBJECT_ACCESS_INDEX

TITLE = "Subject access: index of records"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _day(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def printable(
    plan: PackPlan,
    *,
    made_on: str,
    reference: str,
    organisation: str,
    marking: str,
    supervisor: str,
) -> PrintableRecord:
    """The index of ``plan``: records, sealed copies, withheld copies, maskings."""
    meta = (
        FieldRow("Worker", plan.worker_name),
        FieldRow("Made on", _day(made_on)),
        FieldRow("Made by", supervisor or "The supervisor"),
        FieldRow(
            "Records",
            f"{_count(plan.records, 'record', 'records')}, "
            f"{_count(len(plan.rows) - plan.records, 'addendum', 'addenda')}",
        ),
        FieldRow(
            "Signed copies",
            f"{len(plan.included)} in this pack, {len(plan.withheld)} withheld for review",
        ),
        FieldRow(
            "Private notes",
            f"Included, as chosen ({INCLUDE_PRIVATE_HELP})"
            if plan.include_private
            else "Left out (not chosen)",
        ),
        FieldRow(
            "Third parties",
            f"Masked in group records ({len(plan.maskings)} fields)"
            if plan.masked
            else "Not masked (chosen)",
        ),
    )
    blocks: list[Heading | Paragraph | Table] = [
        Heading("What this pack holds"),
        Paragraph(
            "",
            f"This index; the signed supervision-file copies exactly as stored ({SEALED_FOLDER}); "
            f"the same records as data ({JSON_NAME}, SupNotes export format version 2); the "
            f"maskings for review ({MASKINGS_NAME}); and {README_NAME}, which says how to "
            "check each signature with 'supnotes verify'.",
        ),
        Heading("Records"),
        Table(
            "",
            ("Date", "Reference", "Kind", "Status", "Signed copy in this pack"),
            [
                [
                    _day(r.held_on),
                    r.reference,
                    r.kind + (f" ({r.detail})" if r.detail else ""),
                    r.status,
                    r.in_pack,
                ]
                for r in plan.rows
            ],
            weights=(1.05, 1.35, 2.35, 1.3, 1.45),
            kind="subject-access-records",
        ),
        Heading("Signed copies in this pack"),
        Table(
            "",
            ("Reference", "Copy", "SHA-256"),
            [[s.record_reference, s.what, s.sha256] for s in plan.included],
            weights=(1.3, 1.7, 4.1),
            kind="subject-access-sealed",
            hash_columns=(2,),
        ),
    ]
    if plan.withheld:
        blocks += [
            Heading("Withheld for review"),
            Paragraph(
                "",
                f"Each of these signed copies {WITHHELD_REASON}. The organisation decides, "
                "record by record, whether to release it; the record's content is in "
                f"{JSON_NAME}, masked.",
            ),
            Table(
                "",
                ("Reference", "Copy", "SHA-256"),
                [[s.record_reference, s.what, s.sha256] for s in plan.withheld],
                weights=(1.3, 1.7, 4.1),
                kind="subject-access-withheld",
                hash_columns=(2,),
            ),
        ]
    blocks.append(Heading("Maskings"))
    if plan.maskings:
        blocks += [
            Paragraph(
                "",
                "In group records, each child reference and each other person's name was "
                "replaced by a token, the same one throughout the pack. The masked values are "
                "not in this pack; a reviewer finds them in SupNotes under the reference.",
            ),
            Table(
                "",
                ("Reference", "Where in the record", "What was masked", "Shown as"),
                [[m.reference, m.where, m.what, m.token] for m in plan.maskings],
                weights=(1.3, 2.5, 1.8, 1.05),
                kind="subject-access-maskings",
            ),
        ]
    else:
        blocks.append(
            Paragraph(
                "",
                "Nothing was masked."
                if plan.masked
                else "Third parties were not masked for this pack (chosen when it was made).",
            )
        )
    blocks += [
        Heading("Checking the signatures"),
        Paragraph(
            "",
            'Run: supnotes verify "sealed/<file>.pdf". It says whether the file is intact and '
            "unchanged since it was signed, who signed it, and the SHA-256 of each signed "
            "revision, to compare with the list above. This index is not signed.",
        ),
    ]
    return PrintableRecord(
        title=TITLE,
        kind="Every record about the worker, for a subject access request",
        record_ref=reference,
        version=made_on,
        organisation=organisation,
        audience=f"Subject access pack: {plan.worker_name}",
        marking=marking or "OFFICIAL-SENSITIVE",
        meta=meta,
        blocks=tuple(blocks),
        output=SUBJECT_ACCESS_INDEX,
    )


def to_pdf(plan: PackPlan, **details: str) -> bytes:
    """The index as PDF/A-4f with its data attached (imports reportlab when called)."""
    from supnotes.pdf.render import render_pdf

    return render_pdf(printable(plan, **details))
