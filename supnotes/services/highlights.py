"""The highlights export for a period: collect, mask, write CSV or PDF atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from supnotes.domain.highlights import (
    Highlight,
    HighlightsError,
    Masker,
    highlights_csv,
    masked,
    name_parts,
    ordered,
)
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.vault.atomic import write_atomic
from supnotes.vault.repositories.highlights import collect, known_child_refs, known_names
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

Format = Literal["csv", "pdf"]


def highlights(vault: Vault, start: date, end: date, library: TemplateLibrary) -> list[Highlight]:
    """What the export lists, already masked."""
    if end < start:
        raise HighlightsError("The period ends before it starts.")
    pattern = SettingsStore(vault).get_text("highlights.child_pattern")
    mask = Masker(pattern, known_child_refs(vault), name_parts(known_names(vault)))
    return ordered(masked(collect(vault, start, end, library), mask))


def export(
    vault: Vault,
    start: date,
    end: date,
    *,
    fmt: Format,
    out: Path,
    library: TemplateLibrary,
) -> int:
    """Write the highlights to ``out``; how many entries."""
    items = highlights(vault, start, end, library)
    if fmt == "csv":
        data = highlights_csv(items).encode("utf-8")
    else:
        from supnotes.pdf.highlights import render_highlights

        store = SettingsStore(vault)
        data = render_highlights(
            items,
            start,
            end,
            marking=store.get_text("marking.text"),
            organisation=store.get_text("organisation.name"),
        )
    write_atomic(out, data)
    trail.record_if_writable(
        vault, TrailKind.EXPORT_HIGHLIGHTS, audience=f"highlights ({fmt})", destination=out
    )
    return len(items)
