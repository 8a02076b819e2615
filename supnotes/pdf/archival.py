"""Make a rendered record a PDF/A-4f file, before it is signed.

reportlab lays out the pages; what PDF/A-4 asks of the file beyond them is
done here with pikepdf (qpdf), in one pass over the rendered bytes:

- the header says ``%PDF-2.0``, and the catalogue's ``/Version`` (if any)
  agrees;
- the XMP metadata identifies the file as PDF/A-4f (``pdfaid:part`` 4,
  ``pdfaid:rev`` 2020, ``pdfaid:conformance`` F) and carries this output's
  own title, subject, author and keywords (:func:`describe`);
- there is no document information dictionary: PDF/A-4 (ISO 19005-4,
  6.1.3) allows one only beside a ``/PieceInfo``, and PDF 2.0 keeps that
  metadata in XMP;
- an OutputIntent names the sRGB profile shipped in ``resources/icc/``;
- the record's data (:mod:`supnotes.pdf.record_data`) is attached as an
  associated file of the document: ``/AF`` on the catalogue,
  ``/AFRelationship /Data``, MIME type ``application/json``, also listed in
  ``/Names /EmbeddedFiles`` so a viewer shows it;
- the empty signature fields are made in the same pass, and every widget
  has an appearance stream and the print flag, as PDF/A asks of every
  annotation.

Signing afterwards (pyHanko) is an incremental update that keeps all this;
it updates ``xmp:ModifyDate`` and ``pdf:Producer`` in the same XMP.

The pass copies reportlab's streams as they are (already Flate-compressed,
see :func:`supnotes.pdf.render.plain_streams`) instead of decoding and
compressing each again, and compresses the streams it adds itself (the ICC
profile, the record data); the XMP stays uncompressed, as PDF/A readers
expect it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from io import BytesIO

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from supnotes.pdf.flowables import FieldPlacement
from supnotes.pdf.printable import PrintableRecord, SignatureBlock
from supnotes.pdf.record_data import (
    CHILD_RECORD,
    FILE_NAME,
    MIME_TYPE,
    output_kind,
    record_data,
    to_json,
)
from supnotes.resources import resource

PDF_VERSION = "2.0"
PDFA_PART = "4"
PDFA_REVISION = "2020"
PDFA_CONFORMANCE = "F"
CREATOR_TOOL = "SupNotes"
ICC_NAME = "sRGB IEC61966-2.1"
_PRINT_FLAG = 4
_LOCKED_FLAG = 128
_OUTPUT_WORDS = {
    "supervision-file": "supervision file copy",
    "child-record": "child-record extract",
    "addendum": "addendum",
    "compliance-report": "compliance report",
    "subject-access-index": "subject access index",
    "service-report": "service report",
}


@dataclass(frozen=True)
class Description:
    """What the file says about itself in its XMP metadata."""

    title: str
    subject: str
    author: str
    keywords: str


def _supervisor(doc: PrintableRecord) -> str:
    for block in doc.blocks:
        if isinstance(block, SignatureBlock) and block.role.lower() == "supervisor":
            return block.name
    return ""


def describe(doc: PrintableRecord) -> Description:
    """Title, subject, author and keywords of one output, from what it prints.

    Each output (file copy, each child's extract, each addendum) gets its own
    title; nothing is said here that the pages do not print.
    """
    kind = output_kind(doc)
    words = [CREATOR_TOOL, doc.record_ref, _OUTPUT_WORDS[kind], doc.marking]
    if doc.child_ref:
        words.append(doc.child_ref)
    subject = f"{doc.audience}; record {doc.record_ref}, version {doc.version}"
    if kind == CHILD_RECORD and doc.child_ref not in doc.audience:
        subject += f"; child {doc.child_ref}"
    return Description(
        title=f"{doc.title} \u2014 {doc.audience} \u2014 {doc.record_ref}",
        subject=subject,
        author=_supervisor(doc),
        keywords="; ".join(w for w in words if w),
    )


@cache
def icc_profile() -> bytes:
    """The sRGB ICC profile of the OutputIntent (resources/icc/sRGB.icc)."""
    return resource("icc", "sRGB.icc").read_bytes()


@cache
def _compressed_icc_profile() -> bytes:
    return zlib.compress(icc_profile())


def _flate_stream(pdf: pikepdf.Pdf, compressed: bytes) -> pikepdf.Stream:
    """A stream holding already Flate-compressed bytes."""
    stream = pdf.make_stream(b"")
    stream.write(compressed, filter=Name.FlateDecode)
    return stream


def _pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


# The XMP packet, written directly: pikepdf's metadata editor (lxml, a parse
# and a serialisation) cost ~2 ms a document. The same properties, in the
# element form pikepdf writes; every value is escaped (_xml_text).
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="{tool}">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" \
xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <pdfaid:part>{part}</pdfaid:part>
   <pdfaid:rev>{rev}</pdfaid:rev>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>\
</dc:description>
{creator}   <dc:format>application/pdf</dc:format>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{tool}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters XML 1.0 cannot hold at all (controls other than tab and line ends,
# surrogates, U+FFFE and U+FFFF): left out of the metadata.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value).translate(_XML_ESCAPES)


def xmp_packet(description: Description, created: datetime) -> bytes:
    """The XMP metadata of one output: PDF/A-4f identification and what it prints."""
    creator = (
        f"   <dc:creator><rdf:Seq><rdf:li>{_xml_text(description.author)}</rdf:li></rdf:Seq>"
        "</dc:creator>\n"
        if description.author
        else ""
    )
    packet = _XMP.format(
        tool=CREATOR_TOOL,
        part=PDFA_PART,
        rev=PDFA_REVISION,
        conformance=PDFA_CONFORMANCE,
        title=_xml_text(description.title),
        subject=_xml_text(description.subject),
        creator=creator,
        keywords=_xml_text(description.keywords),
        producer=f"{CREATOR_TOOL} (reportlab, pikepdf)",
        stamp=created.astimezone(UTC).replace(microsecond=0).isoformat(),
    )
    return packet.encode("utf-8")


def _xmp(pdf: pikepdf.Pdf, description: Description, created: datetime) -> None:
    stream = pdf.make_stream(xmp_packet(description, created))
    stream.Type = Name.Metadata
    stream.Subtype = Name.XML
    pdf.Root.Metadata = stream


def _output_intent(pdf: pikepdf.Pdf) -> None:
    profile = _flate_stream(pdf, _compressed_icc_profile())
    profile.N = 3
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(ICC_NAME),
        Info=String(ICC_NAME),
        DestOutputProfile=profile,
    )
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])


def _attach(pdf: pikepdf.Pdf, data: bytes, created: datetime) -> None:
    stream = _flate_stream(pdf, zlib.compress(data))
    stream.Type = Name.EmbeddedFile
    stream.Subtype = Name("/" + MIME_TYPE)
    when = String(_pdf_date(created))
    # /CheckSum is MD5 by the PDF specification: a transmission check, not security.
    checksum = hashlib.md5(data, usedforsecurity=False).digest()
    stream.Params = Dictionary(
        Size=len(data), CreationDate=when, ModDate=when, CheckSum=String(checksum)
    )
    spec = pdf.make_indirect(
        Dictionary(
            Type=Name.Filespec,
            F=String(FILE_NAME),
            UF=String(FILE_NAME),
            Desc=String("The record's data as printed, for import (docs/embedded-data.md)"),
            AFRelationship=Name.Data,
            EF=Dictionary(F=stream, UF=stream),
        )
    )
    pdf.Root.AF = Array([spec])
    names = pdf.Root.get("/Names")
    if not isinstance(names, Dictionary):
        names = Dictionary()
        pdf.Root.Names = names
    names.EmbeddedFiles = Dictionary(Names=Array([String(FILE_NAME), spec]))


def _empty_appearance(pdf: pikepdf.Pdf, width: float, height: float) -> pikepdf.Stream:
    empty = pdf.make_stream(b"")
    empty.Type = Name.XObject
    empty.Subtype = Name.Form
    empty.BBox = Array([0, 0, width, height])
    empty.Resources = Dictionary()
    return empty


def _signature_fields(pdf: pikepdf.Pdf, placements: Sequence[FieldPlacement]) -> None:
    """Empty signature fields (widgets) where the renderer drew their boxes.

    The same structure pyHanko's ``append_signature_field`` writes, made here
    in the one pikepdf pass instead of a second rewrite of the file.
    """
    if not placements:
        return
    fields = Array()
    for placement in placements:
        page = pdf.pages[placement.page_index]
        x1, y1, x2, y2 = (round(v) for v in placement.box)
        widget = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Sig,
                T=String(placement.name),
                Rect=Array([x1, y1, x2, y2]),
                F=_PRINT_FLAG | _LOCKED_FLAG,
                P=page.obj,
                AP=Dictionary(N=_empty_appearance(pdf, abs(x2 - x1), abs(y2 - y1))),
            )
        )
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(widget)
        fields.append(widget)
    pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=fields, SigFlags=1))


def _widget_appearances(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", Array()):
            rect = [float(v) for v in annot.get("/Rect", Array([0, 0, 0, 0]))]
            annot.F = int(annot.get("/F", 0)) | _PRINT_FLAG
            if "/AP" in annot:
                continue
            width, height = abs(rect[2] - rect[0]), abs(rect[3] - rect[1])
            annot.AP = Dictionary(N=_empty_appearance(pdf, width, height))


def make_archival(
    pdf_bytes: bytes,
    doc: PrintableRecord,
    placements: Sequence[FieldPlacement] = (),
    *,
    created: datetime | None = None,
) -> bytes:
    """``pdf_bytes`` (laid out from ``doc``) as PDF/A-4f with its data attached.

    ``placements`` become empty signature fields. A draft gets the same
    treatment but no data (it is not a record) and should get no fields.
    """
    moment = created or datetime.now(UTC)
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer.Info
        if "/Version" in pdf.Root:
            pdf.Root.Version = Name("/" + PDF_VERSION)
        _xmp(pdf, describe(doc), moment)
        _output_intent(pdf)
        _signature_fields(pdf, placements)
        if not doc.draft:
            _attach(pdf, to_json(record_data(doc)), moment)
        _widget_appearances(pdf)
        out = BytesIO()
        pdf.save(
            out,
            force_version=PDF_VERSION,
            fix_metadata_version=False,
            compress_streams=False,  # reportlab's are compressed, and ours above
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # copied, not re-encoded
        )
    return out.getvalue()
