"""Read a PDF back with independent readers."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

from pypdf import PdfReader


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text as pypdf extracts it."""
    return [page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages]


def pdftotext(pdf: bytes) -> str | None:
    """Poppler's text for the whole document, or None where poppler is absent."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    result = subprocess.run(
        [exe, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")
