"""Read back the record data a SupNotes PDF carries (see :mod:`supnotes.pdf.archival`).

The data is the associated file of the document catalogue (``/AF``) whose
relationship is ``/Data`` and whose MIME type is ``application/json``. It
is read from the file as it is now: whether the file changed after it was
signed is the verdict's business, and a receiving system imports the data
only from a file whose verdict says it is intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pikepdf

from supnotes.pdf.record_data import MIME_TYPE, SCHEMA


@dataclass(frozen=True)
class EmbeddedData:
    """The attached data (None when absent or unreadable) and why, if it is missing."""

    data: dict[str, Any] | None
    file_name: str = ""
    problem: str | None = None


def _data_spec(pdf: pikepdf.Pdf) -> pikepdf.Dictionary | None:
    for spec in pdf.Root.get("/AF", pikepdf.Array()):
        if not isinstance(spec, pikepdf.Dictionary):
            continue
        if spec.get("/AFRelationship") != pikepdf.Name.Data:
            continue
        stream = spec.get("/EF", pikepdf.Dictionary()).get("/F")
        if isinstance(stream, pikepdf.Stream) and stream.get("/Subtype") == pikepdf.Name(
            "/" + MIME_TYPE
        ):
            return spec
    return None


def read_record_data(pdf_bytes: bytes) -> EmbeddedData:
    """The record data attached to ``pdf_bytes``; never raises for a bad file."""
    try:
        with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
            spec = _data_spec(pdf)
            if spec is None:
                return EmbeddedData(None, problem="the file carries no record data")
            name = str(spec.get("/UF", spec.get("/F", "")))
            raw = spec.EF.F.read_bytes()
    except (pikepdf.PdfError, ValueError, AttributeError, KeyError) as exc:
        return EmbeddedData(None, problem=f"the attached data cannot be read ({exc})")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return EmbeddedData(None, name, problem=f"the attached data is not JSON ({exc})")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return EmbeddedData(None, name, problem="the attached data is not SupNotes record data")
    return EmbeddedData(data, name)
