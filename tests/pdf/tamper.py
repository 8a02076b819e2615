"""Ways to damage a signed PDF, as a forger or an accident would."""

from __future__ import annotations

from io import BytesIO

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
