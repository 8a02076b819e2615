"""What can be checked of PDF/A-4f without veraPDF, with pikepdf (qpdf).

``conformance(pdf_bytes)`` returns one ``(check, passed, detail)`` per point;
the tests assert every point passes, and ``uv run python -m
tests.pdf.conformance FILE.pdf`` prints them for a file (exit 1 if any
fails). What only veraPDF can check is listed in docs/pdf-records.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name, Stream

Check = tuple[str, bool, str]
_HIDDEN_FLAGS = 1 | 2 | 32  # Invisible, Hidden, NoView
_PRINT_FLAG = 4


def _header(pdf_bytes: bytes) -> Check:
    first, _, rest = pdf_bytes.partition(b"\n")
    binary = rest[:5]
    ok = first.rstrip(b"\r") == b"%PDF-2.0" and binary[:1] == b"%"
    ok = ok and all(b > 127 for b in binary[1:5])
    return ("header is %PDF-2.0 at byte 0 with a binary comment", ok, first[:12].decode("latin-1"))


def _version(pdf: pikepdf.Pdf) -> Check:
    catalogue = pdf.Root.get("/Version")
    ok = pdf.pdf_version == "2.0" and (catalogue is None or str(catalogue) == "/2.0")
    return ("header and catalogue /Version agree on 2.0", ok, f"{pdf.pdf_version}, {catalogue}")


def _xmp(pdf: pikepdf.Pdf) -> list[Check]:
    stream = pdf.Root.get("/Metadata")
    plain = isinstance(stream, Stream) and "/Filter" not in stream.stream_dict
    head = stream.read_bytes()[:60] if isinstance(stream, Stream) else b""
    plain = plain and head.startswith(b"<?xpacket begin=")
    meta = pdf.open_metadata()
    ident = (meta.get("pdfaid:part"), meta.get("pdfaid:rev"), meta.get("pdfaid:conformance"))
    checks = [
        ("XMP pdfaid part 4, rev 2020, conformance F", ident == ("4", "2020", "F"), str(ident))
    ]
    for key in ("dc:title", "dc:creator", "dc:description", "pdf:Keywords"):
        value = meta.get(key)
        checks.append((f"XMP {key} present", bool(value), str(value)))
    return checks


def _info(pdf: pikepdf.Pdf) -> Check:
    info = pdf.trailer.get("/Info")
    if info is None:
        return ("no Info dictionary (PDF/A-4 6.1.3), so nothing to disagree with XMP", True, "")
    keys = set(info.keys())
    return ("Info dictionary holds only /ModDate (PDF/A-4 6.1.3)", keys <= {"/ModDate"}, str(keys))


def _output_intent(pdf: pikepdf.Pdf) -> Check:
    intents = pdf.Root.get("/OutputIntents", pikepdf.Array())
    for intent in intents:
        profile = intent.get("/DestOutputProfile")
        if intent.get("/S") != Name.GTS_PDFA1 or not isinstance(profile, Stream):
            continue
        data = profile.read_bytes()
        ok = int(profile.get("/N", 0)) == 3 and data[36:40] == b"acsp" and data[16:20] == b"RGB "
        return ("OutputIntent GTS_PDFA1 with an embedded RGB ICC profile", ok, f"{len(data)} B")
    return ("OutputIntent GTS_PDFA1 with an embedded RGB ICC profile", False, "none")


def _fonts_in(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    if not isinstance(resources, Dictionary):
        return
    yield from resources.get("/Font", Dictionary()).values()
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") != Name.Form:
            continue
        key = xobject.objgen
        if key in seen and key != (0, 0):
            continue
        seen.add(key)
        yield from _fonts_in(xobject.get("/Resources"), seen)


def _appearance_streams(annot: Any) -> Iterator[Stream]:
    for entry in annot.get("/AP", Dictionary()).values():
        if isinstance(entry, Stream):
            yield entry
        elif isinstance(entry, Dictionary):
            yield from (v for v in entry.values() if isinstance(v, Stream))


def all_fonts(pdf: pikepdf.Pdf) -> list[Any]:
    """Every font the pages and their annotations' appearances use."""
    seen: set[tuple[int, int]] = set()
    fonts: list[Any] = []
    for page in pdf.pages:
        fonts += _fonts_in(page.obj.get("/Resources"), seen)
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            for stream in _appearance_streams(annot):
                fonts += _fonts_in(stream.get("/Resources"), seen)
    return fonts


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary):
        return False
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _fonts(pdf: pikepdf.Pdf) -> Check:
    fonts = all_fonts(pdf)
    bare = sorted({str(f.get("/BaseFont")) for f in fonts if not _embedded(f)})
    names = sorted({str(f.get("/BaseFont")) for f in fonts})
    return ("every font embedded (pages and signature appearances)", bool(fonts) and not bare,
            f"not embedded: {bare}" if bare else ", ".join(names))  # fmt: skip


def _javascript(pdf: pikepdf.Pdf) -> Check:
    found = []
    names = pdf.Root.get("/Names", Dictionary())
    if "/JavaScript" in names:
        found.append("/Names /JavaScript")
    for obj in pdf.objects:
        if isinstance(obj, Dictionary | Stream):
            if "/JS" in obj or obj.get("/S") == Name.JavaScript:
                found.append(f"object {obj.objgen}")
            if "/AA" in obj:
                found.append(f"/AA in {obj.objgen}")
    if "/OpenAction" in pdf.Root:
        found.append("/OpenAction")
    return ("no JavaScript, no additional or open actions", not found, ", ".join(found))


def _annotations(pdf: pikepdf.Pdf) -> Check:
    bad = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            flags = int(annot.get("/F", 0))
            if not flags & _PRINT_FLAG or flags & _HIDDEN_FLAGS or "/N" not in annot.get("/AP", {}):
                bad.append(f"page {number}: {annot.get('/T', annot.get('/Subtype'))}")
    acroform: Any = pdf.Root.get("/AcroForm", Dictionary())
    if bool(acroform.get("/NeedAppearances", False)):
        bad.append("/NeedAppearances true")
    return ("annotations printable, visible, with a normal appearance", not bad, ", ".join(bad))


def _associated_file(pdf: pikepdf.Pdf) -> Check:
    name = "catalogue /AF: record data, /AFRelationship /Data, application/json"
    for spec in pdf.Root.get("/AF", pikepdf.Array()):
        stream = spec.get("/EF", Dictionary()).get("/F")
        if not isinstance(stream, Stream):
            continue
        ok = (
            spec.get("/AFRelationship") == Name.Data
            and "/F" in spec
            and "/UF" in spec
            and stream.get("/Subtype") == Name("/application/json")
            and "/ModDate" in stream.get("/Params", Dictionary())
        )
        listed = pdf.Root.get("/Names", Dictionary()).get("/EmbeddedFiles", Dictionary())
        in_tree = any(
            isinstance(v, Dictionary) and v.objgen == spec.objgen
            for v in listed.get("/Names", pikepdf.Array())
        )
        return (name, ok and in_tree, f"{spec.get('/UF')}, {len(stream.read_bytes())} B")
    return (name, False, "no associated file")


def conformance(pdf_bytes: bytes, *, with_data: bool = True) -> list[Check]:
    """Every point checked; ``with_data=False`` for a draft, which carries no data."""
    checks = [_header(pdf_bytes)]
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        checks.append(_version(pdf))
        problems = [str(p) for p in pdf.check_pdf_syntax()]
        checks.append(
            ("qpdf finds no syntax or structure problem", not problems, "; ".join(problems))
        )
        checks += _xmp(pdf)
        checks.append(_info(pdf))
        checks.append(_output_intent(pdf))
        checks.append(_fonts(pdf))
        checks.append(("not encrypted", not pdf.is_encrypted and "/Encrypt" not in pdf.trailer, ""))
        checks.append(("trailer has a file /ID", "/ID" in pdf.trailer, ""))
        checks.append(_javascript(pdf))
        checks.append(_annotations(pdf))
        if with_data:
            checks.append(_associated_file(pdf))
    return checks


def failures(pdf_bytes: bytes, *, with_data: bool = True) -> list[str]:
    return [f"{c}: {d}" for c, ok, d in conformance(pdf_bytes, with_data=with_data) if not ok]


def main(argv: list[str]) -> int:
    from supnotes.pdf.verify import verify_pdf

    status = 0
    for name in argv:
        data = Path(name).read_bytes()
        print(name)
        for check, ok, detail in conformance(data):
            status |= not ok
            print(f"  {'PASS' if ok else 'FAIL'}  {check}" + (f" [{detail}]" if detail else ""))
        report = verify_pdf(data)
        status |= not report.ok
        print(f"  {'PASS' if report.ok else 'FAIL'}  signatures intact, nothing disallowed after")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
