"""Hostile PDFs for ``verify``: each a few lines, built byte by byte.

The small ones are kept under ``tests/data/pdf/`` (rebuild them with
``uv run python -m tests.pdf.hostile``); the big ones (a 2-million-entry
cross-reference table, a decompression bomb) are made by the test itself.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "pdf"

_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def _pdf(
    objects: list[bytes], *, trailer_extra: bytes = b"", startxref: int | None = None
) -> bytes:
    """A classic PDF with ``objects`` numbered from 1 and a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)
    return bytes(out)


def minimal() -> bytes:
    """A valid one-page PDF with no signature (verify: exit 1, no signatures)."""
    return _pdf([_CATALOG, _PAGES, _PAGE])


def empty() -> bytes:
    return b""


def junk() -> bytes:
    return bytes(range(256)) * 8


def header_only() -> bytes:
    return b"%PDF-1.7\n"


def truncated() -> bytes:
    """A valid PDF cut in the middle of its objects: no xref, no trailer, no %%EOF."""
    whole = minimal()
    return whole[: len(whole) // 2]


def looping_xref() -> bytes:
    """The trailer's /Prev points back at the same cross-reference table."""
    body = _pdf([_CATALOG, _PAGES, _PAGE])
    xref = body.rindex(b"xref\n")
    return _pdf([_CATALOG, _PAGES, _PAGE], trailer_extra=b" /Prev %d" % xref)


def xref_beyond_end() -> bytes:
    """``startxref`` points past the end of the file."""
    return _pdf([_CATALOG, _PAGES, _PAGE], startxref=10_000_000)


def deep_nesting(depth: int = 10_000) -> bytes:
    """An array nested ``depth`` deep inside the catalogue."""
    nested = b"[" * depth + b"]" * depth
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R /Deep " + nested + b" >>", _PAGES, _PAGE])


def huge_xref(entries: int = 2_000_000) -> bytes:
    """A cross-reference table of ``entries`` entries (about 20 bytes each: 40 MB)."""
    head = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate([_CATALOG, _PAGES, _PAGE], start=1):
        offsets.append(len(head))
        head += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(head)
    rows = [b"0000000000 65535 f \n"] + [b"%010d 00000 n \n" % o for o in offsets]
    rows += [b"0000000000 00000 f \n"] * (entries - len(rows))
    tail = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (entries, xref)
    return bytes(head) + b"xref\n0 %d\n" % entries + b"".join(rows) + tail


def decompression_bomb(megabytes: int = 1024) -> bytes:
    """A page content stream that inflates to ``megabytes`` MB of zeros (about 1 MB stored)."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [compressor.compress(chunk) for _ in range(megabytes)]
    data = b"".join(parts) + compressor.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return _pdf([_CATALOG, _PAGES, page, stream])


def object_stream_bomb(megabytes: int = 1024) -> bytes:
    """The catalogue lives in an object stream that inflates to ``megabytes`` MB.

    A parser must inflate it to find the catalogue at all.
    """
    compressor = zlib.compressobj(9)
    header = b"1 0 "
    first = compressor.compress(header + _CATALOG + b" ")
    parts = [first] + [compressor.compress(bytes(1 << 20)) for _ in range(megabytes)]
    data = b"".join(parts) + compressor.flush()
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    offsets[2] = len(out)
    out += b"2 0 obj\n" + _PAGES + b"\nendobj\n"
    offsets[3] = len(out)
    out += b"3 0 obj\n" + _PAGE + b"\nendobj\n"
    offsets[4] = len(out)
    out += (
        b"4 0 obj\n<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\nstream\n"
        % (len(header), len(data))
        + data
        + b"\nendstream\nendobj\n"
    )
    # A cross-reference stream is needed to say that object 1 is compressed.
    xref_at = offsets[5] = len(out)
    rows = [b"\x00\x00\x00\x00\xff\xff"]
    rows.append(b"\x02" + (4).to_bytes(4, "big") + b"\x00")
    for number in (2, 3, 4, 5):
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00")
    xref_data = b"".join(rows)
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 6 /Root 1 0 R /W [1 4 1] /Length %d >>\nstream\n"
        % len(xref_data)
        + xref_data
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# The small cases, kept as files.
SMALL: dict[str, Callable[[], bytes]] = {
    "empty.pdf": empty,
    "junk.pdf": junk,
    "header-only.pdf": header_only,
    "truncated.pdf": truncated,
    "looping-xref.pdf": looping_xref,
    "xref-beyond-end.pdf": xref_beyond_end,
    "deep-nesting.pdf": deep_nesting,
    "unsigned.pdf": minimal,
}


def write_small_cases() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for name, build in SMALL.items():
        (DATA / name).write_bytes(build())


if __name__ == "__main__":
    write_small_cases()
