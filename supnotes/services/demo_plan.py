"""A demo vault written as drafts first, with the list of seals still to do.

Writing the demo is quick; sealing its signed records (about 0.1 s each) is
not. This module writes and plans without the signing stack, so the app's
``--demo`` can show its window first and seal afterwards
(:mod:`supnotes.services.demo` does the sealing).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.records import RecordStatus
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Vault

SEALED_HISTORY_DAYS = 90


@dataclass(frozen=True)
class DemoSealing:
    """The demo, and its records to be sealed (in date order) as the supervisor did."""

    demo: DemoVault
    signed: tuple[RecordContent, ...]

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(content.record.id for content in self.signed)


def build_sealed_demo(
    library: TemplateLibrary, *, today: date, seed: int = 2026, history_days: int | None = None
) -> DemoVault:
    days = SEALED_HISTORY_DAYS if history_days is None else history_days
    return build_demo(library, today=today, seed=seed, history_days=days)


def write_unsealed_demo(vault: Vault, demo: DemoVault) -> DemoSealing:
    """Write ``demo`` (one transaction) with its signed records as drafts, to seal next."""
    signed = tuple(c for c in demo.records if c.record.is_signed)
    as_drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        if c.record.is_signed
        else c
        for c in demo.records
    )
    write_demo(vault, replace(demo, records=as_drafts))
    return DemoSealing(demo, signed)
