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


def record_if_writable(
    vault: Vault,
    kind: TrailKind,
    *,
    record_ref: str | None = None,
    audience: str | None = None,
    child_ref: str | None = None,
    destination: str | PurePath | None = None,
) -> TrailEntry | None:
    """As :func:`record`; None when the vault is open read-only and cannot take it.

    A vault on a full or read-only drive can still be read, exported and
    backed up (that is how its records are rescued); the act is then not
    recorded, and the caller says so.
    """
    if vault.read_only:
        return None
    return record(
        vault,
        kind,
        record_ref=record_ref,
        audience=audience,
        child_ref=child_ref,
        destination=destination,
    )


def count(vault: Vault, start: date | None = None, end: date | None = None) -> int:
    return TrailRepository(vault).count(start, end)


def entries(vault: Vault, start: date | None = None, end: date | None = None) -> list[TrailEntry]:
    return TrailRepository(vault).between(start, end)
