"""Ways to damage a signed PDF, as a forger or an accident would."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pypdf
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def flip_byte_in_signed_range(pdf: bytes) -> bytes:
    """One byte changed inside the first page's content stream (covered by every signature)."""
    at = pdf.index(b"stream", pdf.index(b"/Filter")) + 40
    damaged = bytearray(pdf)
    damaged[at] ^= 0x01
    return bytes(damaged)


def _write(writer: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def add_page_text(pdf: bytes, text: str = "Decision reversed") -> bytes:
    """An incremental update that adds a line of text to page 1."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(
        stream_data=f"BT /F1 12 Tf 72 72 Td ({text}) Tj ET".encode("ascii")
    )
    contents = page["/Contents"]
    existing = (
        list(contents) if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents")]
    )
    page["/Contents"] = generic.ArrayObject([*existing, writer.add_object(stream)])
    writer.update_container(page)
    return _write(writer)


def remove_signature(pdf: bytes, field_name: str) -> bytes:
    """An incremental update that strips the signature value from ``field_name``."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == field_name:
            del field["/V"]
            writer.update_container(field)
    return _write(writer)


def before_last_signature(pdf: bytes) -> bytes:
    """The file cut back to the end of its previous revision (before the last signature)."""
    end = pdf.rstrip().rfind(b"%%EOF", 0, len(pdf.rstrip()) - 5)
    return pdf[: end + len(b"%%EOF")] + b"\n"


def _pypdf_update(pdf: bytes, change: Callable[[pypdf.PdfWriter], None]) -> bytes:
    """An incremental update written with pypdf, a forger's other tool."""
    writer = pypdf.PdfWriter(BytesIO(pdf), incremental=True)
    change(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def set_info_title(pdf: bytes, title: str = "Record withdrawn") -> bytes:
    """An incremental update that changes the document information's Title."""
    return _pypdf_update(pdf, lambda w: w.add_metadata({"/Title": title}))


XMP_WITH_TITLE = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)


def set_xmp_title(pdf: bytes, title: str = "Record withdrawn") -> bytes:
    """An incremental update that rewrites the XMP metadata with a new dc:title."""

    def change(writer: pypdf.PdfWriter) -> None:
        writer.xmp_metadata = XMP_WITH_TITLE.format(title=title).encode("utf-8")

    return _pypdf_update(pdf, change)


def add_annotation(pdf: bytes, text: str = "Decision reversed") -> bytes:
    """An incremental update that adds a free-text annotation to page 1."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    annotation = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (72, 700, 400, 730)]  # type: ignore[no-untyped-call]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject(text),
            generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        }
    )
    annots = page.get("/Annots")
    existing = list(annots) if isinstance(annots, generic.ArrayObject) else []
    page["/Annots"] = generic.ArrayObject([*existing, writer.add_object(annotation)])
    writer.update_container(page)
    return _write(writer)


def append_after_eof(pdf: bytes, text: bytes = b"\nRecord withdrawn by the author\n") -> bytes:
    """Bytes appended after the final %%EOF, outside any revision."""
    return pdf + text
