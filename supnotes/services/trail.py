"""Record acts that take content out of the vault in its access trail.

Every service or window that exports, prints, copies, backs up, restores,
sends or packs content calls :func:`record` once per act, after the act
succeeded (an export that failed took nothing out). The destination is kept
as a bare file name; its folder is dropped here so no caller can keep it.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from supnotes.domain.trail import TrailEntry, TrailKind, destination_name
from supnotes.vault.repositories.trail import TrailRepository, now
from supnotes.vault.vault import Vault


def record(
    vault: Vault,
    kind: TrailKind,
    *,
    record_ref: str | None = None,
    audience: str | None = None,
    child_ref: str | None = None,
    destination: str | PurePath | None = None,
) -> TrailEntry:
    """Append one entry for an act that has just happened, and return it."""
    entry = TrailEntry(
        kind=kind,
        at=now(),
        record_ref=record_ref,
        audience=audience,
        child_ref=child_ref,
        destination=destination_name(destination),
    )
    TrailRepository(vault).append(entry)
    return entry


def entries(vault: Vault, start: date | None = None, end: date | None = None) -> list[TrailEntry]:
    return TrailRepository(vault).between(start, end)
