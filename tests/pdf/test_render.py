"""The rendered record, read back by independent readers."""

from __future__ import annotations

import re
from io import BytesIO

from pypdf import PdfReader

from supnotes.pdf.printable import Heading, Paragraph, PrintableRecord, SignatureBlock, Table
from supnotes.pdf.render import render_pdf
from tests.pdf.sample import (
    CHILD_A,
    ESCAPE_PROBE,
    SUPERVISOR,
    WORKER,
    addendum_record,
    sample_record,
    tiny_png,
)
from tests.pdf.text import pages_text, pdftotext
from tests.tools import missing


def test_every_page_has_marking_organisation_ref_and_page_x_of_y(rendered: bytes) -> None:
    pages = pages_text(rendered)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE" in text
        assert "Cyngor Sir Glanrafon" in text
        assert "Record SN-2025-000142" in text
        assert "version 1" in text
        assert f"Page {number} of {len(pages)}" in text


def test_headings_names_and_values_survive_extraction(rendered: bytes) -> None:
    text = "\n".join(pages_text(rendered))
    for expected in (
        "Supervision record",
        "Formal one-to-one supervision",
        "Supervision file copy",
        "Agenda and review of previous actions",
        f"Case discussion: {CHILD_A}",
        SUPERVISOR,  # Polish
        WORKER,  # Welsh
        "Dŵr",
        "Ελένη Παπαδοπούλου",
        "Юлия Кузнецова",
        "Supervisee's comments",
        "Not recorded.",
        "End of record SN-2025-000142",
    ):
        assert expected in text, expected


def test_poppler_reads_the_same_names(rendered: bytes) -> None:
    text = pdftotext(rendered)
    if text is None:
        missing("pdftotext (poppler-utils) is not installed")
    for expected in (SUPERVISOR, WORKER, "Gwŷn", "Page 1 of", "OFFICIAL-SENSITIVE"):
        assert expected in text


def test_markup_is_printed_as_text_and_nul_bytes_are_dropped(rendered: bytes) -> None:
    text = " ".join(" ".join(pages_text(rendered)).split())
    # The sample's NUL sat between the probe and " and a NUL byte was here."
    assert ESCAPE_PROBE + " and a NUL byte was here." in text


def test_actions_table_repeats_its_header_row_on_each_page() -> None:
    rows = [[f"Action number {n} " + "word " * 30, "Owner", "1 Apr"] for n in range(60)]
    doc = PrintableRecord(
        title="Many actions",
        kind="",
        record_ref="R-1",
        version="2",
        organisation="Org",
        audience="Supervision file copy",
        blocks=[Table("Actions", ["Action", "Owner", "Due"], rows, weights=[6, 2, 1])],
    )
    pages = pages_text(render_pdf(doc))
    assert len(pages) > 2
    for text in pages:
        assert re.search(r"Action\s+Owner\s+Due", text), text[:300]
    joined = "\n".join(pages)
    assert "Action number 0 " in joined
    assert "Action number 59 " in joined


def test_hostile_text_does_not_break_layout() -> None:
    hostile = (
        "<para><b>x</font>&amp;&#0;\x00\x01\x1b[31m"
        + "A" * 5000
        + "\n" * 50
        + "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        + "\U0010ffff 中文 हिन्दी"
    )
    doc = PrintableRecord(
        title=hostile[:200],
        kind=hostile[:50],
        record_ref="<ref>",
        version="&",
        organisation=hostile[:80],
        audience=hostile[:40],
        blocks=[
            Heading(hostile),
            Paragraph(hostile, hostile),
            Table(hostile[:10], [hostile[:20], ""], [[hostile, hostile], []]),
            SignatureBlock("Role", hostile[:100], "", hostile, drawn_signature_png=b"not a png"),
        ],
    )
    pdf = render_pdf(doc)
    text = "\n".join(pages_text(pdf))
    assert "<para><b>x</font>&amp;&#0;" in text
    assert "Page 1 of" in text


def test_right_to_left_names_and_emoji_render_without_error() -> None:
    doc = PrintableRecord(
        title="عائشہ خان",
        kind="",
        record_ref="R-2",
        version="1",
        organisation="Org",
        audience="Extract for the child's record: C-1",
        blocks=[
            Paragraph("Urdu", "عائشہ خان " * 60),
            Paragraph("Mixed", "Met محمد and عائشہ خان at school 😊👍🏽👨‍👩‍👧 ✅"),
        ],
    )
    text = "\n".join(pages_text(render_pdf(doc)))
    assert "Met" in text
    assert "at school" in text


def test_draft_has_watermark_and_no_signature_fields() -> None:
    draft = render_pdf(sample_record(draft=True, filler=0))
    pages = pages_text(draft)
    assert all("DRAFT" in text and "not signed" in text for text in pages)
    assert "/Sig" not in draft.decode("latin-1")


def test_final_has_no_watermark_and_two_signature_fields(rendered: bytes) -> None:
    assert not any("DRAFT" in text for text in pages_text(rendered))
    fields = PdfReader(BytesIO(rendered)).get_fields() or {}
    assert {"Supervisor", "Supervisee"} <= set(fields)
    assert all(fields[name].get("/FT") == "/Sig" for name in ("Supervisor", "Supervisee"))


def test_signature_fields_sit_on_the_page_with_their_block(rendered: bytes) -> None:
    reader = PdfReader(BytesIO(rendered))
    last = reader.pages[-1]
    names = {annot.get_object().get("/T") for annot in last.get("/Annots", [])}
    assert {"Supervisor", "Supervisee"} <= names
    assert SUPERVISOR in (last.extract_text() or "")


def test_metadata_is_in_xmp_only_with_this_outputs_own_title(rendered: bytes) -> None:
    reader = PdfReader(BytesIO(rendered))
    # PDF/A-4 (ISO 19005-4, 6.1.3): no document information dictionary.
    assert reader.metadata is None
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {
        "x-default": "Supervision record \u2014 Supervision file copy \u2014 SN-2025-000142"
    }
    assert xmp.dc_creator == [SUPERVISOR]


def test_addendum_cites_the_original_hash() -> None:
    text = "\n".join(pages_text(render_pdf(addendum_record())))
    assert "ab" * 32 in text.replace("\n", "")
    assert "SN-2025-000142, version 1" in text


def test_drawn_signature_is_embedded_as_an_image() -> None:
    doc = PrintableRecord(
        title="t",
        kind="",
        record_ref="R",
        version="1",
        organisation="O",
        audience="A",
        blocks=[SignatureBlock("Supervisee", WORKER, "today", "I agree", tiny_png())],
    )
    reader = PdfReader(BytesIO(render_pdf(doc)))
    assert len(reader.pages[0].images) == 1


def test_six_page_record_is_about_six_pages() -> None:
    assert len(pages_text(render_pdf(sample_record(filler=3)))) == 6
