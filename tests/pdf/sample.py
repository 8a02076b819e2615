"""A representative record for tests, the benchmark and the screenshots."""

from __future__ import annotations

import struct
import zlib

from supnotes.pdf.printable import (
    AddendumCitation,
    FieldRow,
    Heading,
    Paragraph,
    PrintableRecord,
    SignatureBlock,
    Table,
)

SUPERVISOR = "Łucja Wąsowska"
WORKER = "Siân Gwŷn"
CHILD_A = "C-104233"
CHILD_B = "C-200871"
URDU_NAME = "عائشہ خان"
ARABIC_NAME = "محمد"
ESCAPE_PROBE = "Mum said <b>not bold</b> & <script>alert(1)</script> then left"
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6

_REFLECTION = (
    "We talked through the home visit on Tuesday and what the worker saw in the kitchen. "
    "The worker described feeling uneasy when the younger child went quiet as the partner "
    "came in, and we thought together about what that might mean and what else would need "
    "to be true for the worry to hold. We agreed the next visit should be unannounced and "
    "that the school's designated safeguarding lead should be asked about attendance. "
)


def tiny_png() -> bytes:
    """A 40x12 PNG with a diagonal stroke: a stand-in for a drawn signature."""
    width, height = 40, 12
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            on = abs(y - (x * height // width)) < 2
            row += bytes([0, 0, 0] if on else [255, 255, 255])
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def signature_blocks(*, with_fields: bool = True) -> list[SignatureBlock]:
    return [
        SignatureBlock(
            role="Supervisee",
            name=WORKER,
            signed_at="14 March 2025, 16:05",
            statement="I have read this record. I agree with it.",
            drawn_signature_png=tiny_png(),
            field_name="Supervisee" if with_fields else "",
        ),
        SignatureBlock(
            role="Supervisor",
            name=SUPERVISOR,
            signed_at="14 March 2025, 16:12",
            statement="This is an accurate record of the supervision I gave.",
            field_name="Supervisor" if with_fields else "",
        ),
    ]


def sample_record(*, draft: bool = False, filler: int = 4) -> PrintableRecord:
    """A formal one-to-one supervision record of about ``2 + filler`` pages."""
    blocks: list[object] = [
        Heading("Agenda and review of previous actions"),
        Table(
            "Actions from the last supervision",
            ["Action", "Owner", "Due", "Status"],
            [
                ["Chase the CAMHS referral for " + CHILD_A, WORKER, "7 Mar 2025", "Done"],
                ["Book the ASYE reflective log review", SUPERVISOR, "10 Mar 2025", "Carried"],
                ["Visit with interpreter for " + URDU_NAME, WORKER, "12 Mar 2025", "Done"],
            ],
            weights=[5, 2.5, 1.6, 1.4],
        ),
        Heading("Wellbeing and support"),
        Paragraph(
            "How are you?",
            "Tired after the court week but sleeping better.\nOne line\nand the next line.",
        ),
        Heading(f"Case discussion: {CHILD_A}"),
        FieldRow("Child", CHILD_A),
        FieldRow("Family names", f"{URDU_NAME} and {ARABIC_NAME} (mother and uncle)"),
        FieldRow("Review date", "11 April 2025"),
        Paragraph("Update", ESCAPE_PROBE + "\x00 and a NUL byte was here."),
        Paragraph("Child's voice", "“I like it when Nana picks me up” 😊 👍🏽"),
        Paragraph("Analysis", _REFLECTION * 3),
        Paragraph("Decision", "Remain on a child protection plan; no change to contact."),
        Paragraph("Rationale", "Risks unchanged since conference. " + LONG_WORD),
        Paragraph("Notes in Greek and Cyrillic", "Ελένη Παπαδοπούλου, Юлия Кузнецова"),
        Paragraph("Empty answer", ""),
        Table(
            "Decisions",
            ["Decision", "Rationale", "By"],
            [["Unannounced visit within 10 working days", _REFLECTION, SUPERVISOR]],
            weights=[3, 5, 2],
        ),
    ]
    for n in range(filler):
        blocks.append(Heading(f"Case discussion: {CHILD_B}-{n}"))
        blocks.append(Paragraph("Update", _REFLECTION * 4))
        blocks.append(Paragraph("Analysis", _REFLECTION * 2))
    blocks += [
        Heading("Actions"),
        Table(
            "",
            ["Action", "Owner", "Due"],
            [[f"Action {n}: {_REFLECTION[:90]}", WORKER, "1 Apr 2025"] for n in range(12)],
            weights=[6, 2.5, 1.5],
        ),
        Heading("Supervisee's comments"),
        Paragraph("", "Dw i'n cytuno. Dŵr — I agree with the plan.\n\nDiolch."),
        Heading("Signatures"),
        *signature_blocks(with_fields=not draft),
    ]
    return PrintableRecord(
        title="Supervision record",
        kind="Formal one-to-one supervision",
        record_ref="SN-2025-000142",
        version="1",
        organisation="Cyngor Sir Glanrafon — Children's Services",
        audience="Supervision file copy",
        draft=draft,
        meta=[
            FieldRow("Supervisee", f"{WORKER}, Social Worker (ASYE)"),
            FieldRow("Supervisor", f"{SUPERVISOR}, Team Manager"),
            FieldRow("Date", "Friday 14 March 2025"),
            FieldRow("Time", "14:00\u201315:30 (1 h 30 min)"),
            FieldRow("Template", "one-to-one, version 3"),
        ],
        certificate_fingerprint="6F:1B:1D:27:CA:D1:7D:2E:F1:B4:B7:D2:2B:FD:2D:70:"
        "4D:6C:06:16:E7:47:9A:DD:F6:5F:7D:FA:82:71:47:5B",
        blocks=blocks,  # type: ignore[arg-type]
    )


def addendum_record() -> PrintableRecord:
    return PrintableRecord(
        title="Addendum",
        kind="Correction to a signed supervision record",
        record_ref="SN-2025-000142-A1",
        version="1",
        organisation="Cyngor Sir Glanrafon — Children's Services",
        audience="Supervision file copy",
        blocks=[
            AddendumCitation(
                original_ref="SN-2025-000142",
                original_version="1",
                original_sha256="ab" * 32,
                reason="Wrong review date recorded",
                dated="20 March 2025",
            ),
            Paragraph("Addendum", "The review date is 18 April 2025, not 11 April 2025."),
            signature_blocks()[1],
        ],
    )
