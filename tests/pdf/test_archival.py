"""PDF/A-4f: what can be checked without veraPDF, on rendered, signed and counter-signed files."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO
from xml.etree import ElementTree

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from supnotes.pdf.archival import Description, describe, xmp_packet
from supnotes.pdf.embedded import read_record_data
from supnotes.pdf.identity import SigningIdentity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from supnotes.pdf.verify import verify_pdf
from tests.pdf.conformance import conformance, failures
from tests.pdf.sample import CHILD_A, SUPERVISOR, addendum_record, sample_record
from tests.tools import need_command


def test_rendered_record_passes_every_check(rendered: bytes) -> None:
    assert failures(rendered) == []


def test_signed_record_passes_every_check_and_its_signature_holds(signed: bytes) -> None:
    assert failures(signed) == []
    report = verify_pdf(signed)
    assert report.ok, report.reasons()


def test_countersigned_record_still_passes(countersigned: bytes) -> None:
    assert failures(countersigned) == []
    assert verify_pdf(countersigned).ok


def test_a_draft_is_archival_too_but_carries_no_data() -> None:
    draft = render_pdf(sample_record(draft=True, filler=0))
    assert failures(draft, with_data=False) == []
    assert read_record_data(draft).data is None


def test_the_checks_catch_a_plain_reportlab_file() -> None:
    out = BytesIO()
    canvas = Canvas(out)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "A PDF made the ordinary way")
    canvas.save()
    failed = {check for check, ok, _ in conformance(out.getvalue()) if not ok}
    assert "header is %PDF-2.0 at byte 0 with a binary comment" in failed
    assert "XMP pdfaid part 4, rev 2020, conformance F" in failed
    assert "every font embedded (pages and signature appearances)" in failed
    assert "OutputIntent GTS_PDFA1 with an embedded RGB ICC profile" in failed
    assert any(c.startswith("catalogue /AF") for c in failed)
    assert any(c.startswith("Info dictionary holds only") for c in failed)


def test_xmp_and_header_agree_after_signing(countersigned: bytes) -> None:
    assert countersigned.startswith(b"%PDF-2.0\n")
    with pikepdf.open(BytesIO(countersigned)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "4"
        assert meta["pdfaid:rev"] == "2020"
        assert meta["dc:title"].endswith("SN-2025-000142")
        assert "/Info" not in pdf.trailer


def test_the_attached_data_survives_signing_unchanged(
    rendered: bytes, signed: bytes, countersigned: bytes
) -> None:
    before = read_record_data(rendered).data
    assert before is not None
    assert read_record_data(signed).data == before
    assert read_record_data(countersigned).data == before


def _pdffonts(pdf: bytes) -> list[list[str]]:
    exe = need_command("pdffonts", "poppler-utils")
    done = subprocess.run([exe, "-"], input=pdf, capture_output=True, check=False)
    if done.returncode != 0:  # older poppler cannot read stdin
        pytest.fail(done.stderr.decode())
    lines = done.stdout.decode().splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


@pytest.mark.parametrize("which", ["signed", "countersigned"])
def test_pdffonts_lists_every_font_embedded(which: str, request: pytest.FixtureRequest) -> None:
    rows = _pdffonts(request.getfixturevalue(which))
    assert rows
    for row in rows:
        name = row[0]
        # columns from the right: object id (2), uni, sub, emb
        emb = row[-5]
        assert emb == "yes", row
        assert not name.startswith(("Helvetica", "Courier", "Times")), row
    # the signature stamp's font is among them: a CID font from the Noto subset
    assert any("Identity-H" in " ".join(r) for r in rows)


def test_each_output_has_its_own_title_subject_and_author() -> None:
    copy = sample_record(filler=0)
    extract = replace(
        copy, audience=f"Extract for the child's record: {CHILD_A}", child_ref=CHILD_A
    )
    addendum = addendum_record()
    described = [describe(d) for d in (copy, extract, addendum)]
    assert len({d.title for d in described}) == 3
    assert all(d.author == SUPERVISOR for d in described)
    assert CHILD_A in described[1].subject
    assert CHILD_A in described[1].keywords
    assert CHILD_A not in described[0].subject
    assert "child-record extract" in described[1].keywords
    assert "addendum" in described[2].keywords


def test_a_signed_addendum_passes_and_its_data_cites_the_original(
    supervisor: SigningIdentity,
) -> None:
    pdf = sign_pdf(render_pdf(addendum_record()), supervisor)
    assert failures(pdf) == []
    data = read_record_data(pdf).data
    assert data is not None
    assert data["audience"]["output"] == "addendum"
    assert data["cited_hashes"][0]["sha256"] == "ab" * 32


def test_the_xmp_holds_any_text_a_record_prints() -> None:
    hostile = Description(
        title='Notes <b>&amp; "quotes" \u0000\u0007 \ud800 bell',
        subject="عائشہ خان & Zoë > 1 < 2",
        author="Siân <Gwŷn>",
        keywords="a; b & c; ]]> <!-- -->",
    )
    packet = xmp_packet(hostile, datetime(2026, 3, 14, 16, 5, tzinfo=UTC))
    ElementTree.fromstring(packet)  # well-formed
    pdf = pikepdf.new()
    pdf.Root.Metadata = pdf.make_stream(packet)
    meta = pdf.open_metadata()
    assert meta["dc:title"] == 'Notes <b>&amp; "quotes"   bell'
    assert meta["dc:description"] == hostile.subject
    assert meta["dc:creator"] == [hostile.author]
    assert meta["pdf:Keywords"] == hostile.keywords
    assert meta["xmp:CreateDate"] == "2026-03-14T16:05:00+00:00"
    assert (meta["pdfaid:part"], meta["pdfaid:rev"], meta["pdfaid:conformance"]) == (
        "4",
        "2020",
        "F",
    )
