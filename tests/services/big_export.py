"""A version 2 zip of one signed record with many large, really signed PDFs.

Each PDF is the sample record with a stream of random bytes added before it
is signed, so none compress or repeat: the zip holds ``count * size`` bytes
of PDFs that import must check one by one.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from supnotes.pdf.identity import SigningIdentity, create_identity
from supnotes.pdf.render import render_pdf
from supnotes.pdf.sign import sign_pdf
from tests.pdf.sample import SUPERVISOR, sample_record

CORPUS = Path(__file__).parents[1] / "data" / "import"


def _padded_signed(base: bytes, identity: SigningIdentity, size: int) -> bytes:
    """A really signed PDF carrying ``size`` of random data (so none compress or match)."""
    writer = IncrementalPdfFileWriter(BytesIO(base))
    writer.add_object(generic.StreamObject(stream_data=os.urandom(size)))
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return sign_pdf(out.getvalue(), identity)


def _copy(record_id: str, index: int, pdf: bytes, child_ref: str | None) -> dict[str, Any]:
    sha = hashlib.sha256(pdf).hexdigest()
    return {
        "id": f"9d8c7b6a-5f4e-4d3c-8b2a-{index:012d}",
        "output": "supervision-file" if child_ref is None else "child-record",
        "child_ref": child_ref,
        "addendum_id": None,
        "revision": 1,
        "created_at": "2026-02-02T10:25:00+00:00",
        "sha256": sha,
        "size": len(pdf),
        "file": f"pdf/{sha}.pdf",
    }


def build(path: Path, count: int, size: int) -> Path:
    identity = create_identity(SUPERVISOR, "Team Manager", "Cyngor Sir Glanrafon")
    base = render_pdf(sample_record(filler=1))
    document: dict[str, Any] = json.loads((CORPUS / "base.json").read_bytes())
    document["version"] = 2
    for record in document["records"]:
        record["sealed_documents"] = []
    signed = document["records"][1]
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(count):
            pdf = _padded_signed(base, identity, size)
            child = None if index == 0 else f"C-{100000 + index}"
            copy = _copy(signed["id"], index, pdf, child)
            if child is None:
                signed["sealed_sha256"] = copy["sha256"]
            signed["sealed_documents"].append(copy)
            archive.writestr(copy["file"], pdf)
        archive.writestr("supnotes-export.json", json.dumps(document))
    return path
