"""A long record: no decision or action row is cut by a page break, hashes never wrap.

Read back per page with pypdf, per line with poppler's pdftotext, and the
fonts with pdffonts.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from supnotes.pdf.printable import (
    AddendumCitation,
    FieldRow,
    Heading,
    Paragraph,
    PrintableRecord,
    Table,
)
from supnotes.pdf.render import render_pdf
from tests.pdf.text import pages_text
from tests.tools import need_command

FINGERPRINT = ":".join(f"{n:02X}" for n in range(32))
SHA = "0123456789abcdef" * 4


def _long_record() -> PrintableRecord:
    """Decisions and actions of uneven length, over many pages, every row bracketed."""
    decisions = [
        [
            f"C-{n:04d}",
            f"ROWSTART{n:03d} " + "keep the plan under review " * (1 + n % 7),
            "because the evidence shows " * (1 + (n * 3) % 5) + " (decision not to act)",
            f"Helen Marchbank, 1 Apr 2026 ROWEND{n:03d}",
        ]
        for n in range(70)
    ]
    actions = [
        [
            f"ACTSTART{n:03d} " + "visit and write up " * (2 + n % 9),
            "C-0001",
            "Priya Halloran",
            f"1 May 2026 ACTEND{n:03d}",
        ]
        for n in range(70)
    ]
    return PrintableRecord(
        title="A long record",
        kind="One-to-one supervision",
        record_ref="SN-2026-0999",
        version="1",
        organisation="Northmoor Council",
        audience="Supervision file copy",
        meta=[FieldRow("Date", "Friday 20 March 2026")],
        certificate_fingerprint=FINGERPRINT,
        blocks=[
            Heading("Case discussions"),
            Paragraph("Update", "A long discussion. " * 120),
            Table(
                "Management decisions",
                ["Child", "Decision", "Rationale", "By"],
                decisions,
                weights=[1.6, 4, 4, 2],
            ),
            Heading("Actions"),
            Table(
                "Actions agreed", ["Action", "Child", "Owner", "Due"], actions, [5, 1.6, 2.2, 1.5]
            ),
            Heading("Addenda"),
            Table(
                "",
                ["Dated", "Reason", "SHA-256 of the addendum"],
                [["1 Apr 2026", "Wrong review date", SHA]],
                weights=[1.3, 2.4, 6.3],
                hash_columns=[2],
            ),
            AddendumCitation("SN-2026-0999", "1", SHA, "Wrong date", "Wednesday 1 April 2026"),
        ],
    )


def _page_of(pages: list[str], marker: str) -> int:
    found = [n for n, text in enumerate(pages) if marker in text]
    assert len(found) == 1, (marker, found)
    return found[0]


def test_no_decision_or_action_row_is_split_across_pages() -> None:
    pages = pages_text(render_pdf(_long_record()))
    assert len(pages) >= 6
    row_pages = set()
    for start, end in [("ROWSTART", "ROWEND"), ("ACTSTART", "ACTEND")]:
        for n in range(70):
            first = _page_of(pages, f"{start}{n:03d}")
            assert first == _page_of(pages, f"{end}{n:03d}"), f"row {start}{n} split"
            row_pages.add(first)
    assert len(row_pages) >= 4  # the tables really did cross page breaks


def test_a_row_taller_than_a_page_still_prints() -> None:
    huge = "ENORMOUS " + "word " * 3000 + " FINISH"
    doc = PrintableRecord(
        title="t",
        kind="",
        record_ref="R-1",
        version="1",
        organisation="Org",
        audience="Supervision file copy",
        blocks=[Table("Decisions", ["Child", "Decision"], [["C-1", huge]])],
    )
    text = "\n".join(pages_text(render_pdf(doc)))
    assert "ENORMOUS" in text
    assert "FINISH" in text


def test_hashes_print_on_one_line_in_an_embedded_monospace_font(tmp_path: Path) -> None:
    pdftotext = need_command("pdftotext", "poppler-utils")
    pdffonts = need_command("pdffonts", "poppler-utils")
    pdf = render_pdf(_long_record())
    lines = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    # the fingerprint, the addenda table's hash and the citation's hash
    assert len(re.findall(re.escape(FINGERPRINT), lines)) == 1
    assert len(re.findall(SHA, lines)) == 2
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
    mono = [line for line in fonts.splitlines() if "NotoSansMono" in line]
    assert mono, fonts
    assert all(" yes " in line for line in mono), mono  # embedded (and subset)
