"""The app's export and import run off the UI thread: their reads hold the vault's lock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.people import Stage, Worker
from supnotes.ui.file_menu.portability_dialogs import export_json, import_json
from supnotes.vault.connection import Connection
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"


def _counting(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    held: list[int] = []
    real = vault.exclusive

    @contextmanager
    def exclusive() -> Iterator[Connection]:
        held.append(1)
        with real() as conn:
            yield conn

    monkeypatch.setattr(vault, "exclusive", exclusive)
    return held


def test_export_and_import_read_the_vault_under_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = Vault.create(tmp_path / "a", PASSPHRASE, kdf_params=TEST_PARAMS)
    with source:
        WorkerRepository(source).save(
            Worker(
                "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11",
                "Ffion Pritchard",
                "Social Worker",
                "East",
                date(2024, 1, 8),
                Stage.QUALIFIED,
            )
        )
        held = _counting(source, monkeypatch)
        export_json(source, tmp_path / "out.supnotes.zip", None)
        assert held, "the export read the shared connection without the vault's lock"
    target, _ = Vault.create(tmp_path / "b", PASSPHRASE, kdf_params=TEST_PARAMS)
    with target:
        held = _counting(target, monkeypatch)
        import_json(target, tmp_path / "out.supnotes.zip")
        assert held, "the import planned without the vault's lock"
        assert [w.name for w in WorkerRepository(target).all()] == ["Ffion Pritchard"]
