"""A draft rendered as it stands, for the review dialog and ``export --format pdf --draft``.

Its own module: handing out sealed bytes (:mod:`supnotes.services.exports`)
needs no renderer, so the commands that only copy them never load reportlab.
"""

from __future__ import annotations

from dataclasses import replace

from supnotes.pdf.record_view import child_extract, supervision_file_copy
from supnotes.pdf.render import render_pdf
from supnotes.services.exports import NotSealed
from supnotes.services.sheets import build_sheet
from supnotes.vault.repositories.records import load_content
from supnotes.vault.vault import Vault


def render_draft_preview(vault: Vault, record_id: str, child_ref: str | None = None) -> bytes:
    """A draft rendered as it stands, watermarked "DRAFT — not signed", no signature fields."""
    with vault.exclusive() as conn:  # runs off the UI thread: no half-done autosave
        content = load_content(conn, record_id)
        sheet = build_sheet(vault, content, sealed_at=None, draft=True)
    if child_ref is None:
        return render_pdf(supervision_file_copy(sheet))
    if child_ref not in content.child_refs:
        raise NotSealed(f"{child_ref} is not discussed in this record")
    return render_pdf(replace(child_extract(sheet, child_ref), draft=True))
