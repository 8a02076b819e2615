"""A draft rendered as it stands, for the review dialog and ``export --format pdf --draft``.

Its own module: handing out sealed bytes (:mod:`supnotes.services.exports`)
needs no renderer, so the commands that only copy them never load reportlab.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from supnotes.domain.trail import TrailKind
from supnotes.pdf.record_view import child_extract, supervision_file_copy
from supnotes.pdf.render import render_pdf
from supnotes.services import trail
from supnotes.services.exports import NotSealed, reference_of
from supnotes.services.sheets import build_sheet
from supnotes.vault.atomic import write_atomic
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


def export_draft_preview(
    vault: Vault, record_id: str, path: Path, child_ref: str | None = None
) -> None:
    """Write a draft preview (watermarked, unsigned) to ``path``; recorded in the trail."""
    pdf = render_draft_preview(vault, record_id, child_ref)
    write_atomic(path, pdf)
    trail.record_if_writable(
        vault,
        TrailKind.EXPORT_PDF,
        record_ref=reference_of(vault, record_id),
        audience="draft preview" if child_ref is None else "draft preview, child's record",
        child_ref=child_ref,
        destination=path,
    )
