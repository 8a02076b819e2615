"""The sealed 6-page record of tests/bench/test_seal_bench.py as HTML, for a LibreOffice peer.

The text is read back from the record's own 6-page draft preview, one
paragraph a line, so LibreOffice lays out the same words the seal renders.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from supnotes.services.previews import render_draft_preview
from tests.bench.test_seal_bench import _one_record, _vault
from tests.pdf.text import pages_text


def write_html(target: Path) -> Path:
    with tempfile.TemporaryDirectory() as scratch:
        length = 1
        while True:
            demo = _one_record(length)
            with _vault(Path(scratch) / f"probe{length}", demo) as vault:
                pages = pages_text(render_draft_preview(vault, demo.records[0].record.id))
            if len(pages) >= 6:
                break
            length += 1
    body = "\n".join(
        f"<p>{html.escape(line)}</p>"
        for page in pages
        for line in page.splitlines()
        if line.strip()
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Record</title></head>"
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return target
