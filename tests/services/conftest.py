"""Real temporary vaults holding a short generated history, not yet sealed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.demo import DemoVault, build_demo
from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.domain.template_loader import default_library
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"
TODAY = date(2026, 3, 20)


@pytest.fixture(scope="session")
def demo() -> DemoVault:
    """Two months of records, every one left a draft so tests can seal them."""
    built = build_demo(default_library(), today=TODAY, history_days=60)
    drafts = tuple(
        replace(c, record=replace(c.record, status=RecordStatus.DRAFT, signed_at=None))
        for c in built.records
    )
    return replace(built, records=drafts)


@pytest.fixture
def vault(tmp_path: Path, demo: DemoVault) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with opened:
        write_demo(opened, demo)
        yield opened


@pytest.fixture
def session_id(demo: DemoVault) -> str:
    """A one-to-one session discussing at least two children."""
    return next(
        c.record.id
        for c in demo.records
        if c.record.kind is RecordKind.ONE_TO_ONE and len(c.child_refs) >= 2
    )


@pytest.fixture
def group_id(demo: DemoVault) -> str:
    return next(c.record.id for c in demo.records if c.record.kind is RecordKind.GROUP)
