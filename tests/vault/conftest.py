"""Real temporary SQLCipher vaults (never mocked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    with opened:
        yield opened


@pytest.fixture(scope="session")
def library() -> TemplateLibrary:
    return default_library()


@pytest.fixture
def worker(vault: Vault) -> Worker:
    from datetime import date

    person = Worker(
        "6f1c8a52-3a4e-4d0e-9c55-2b7f4f6f9a01",
        "Dana Fictional",
        "Social Worker",
        "East",
        date(2024, 1, 8),
        Stage.QUALIFIED,
    )
    WorkerRepository(vault).save(person)
    return person
