"""Fixtures for UI tests: fast key derivation, real temporary vaults, clean threads."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from supnotes.spelling import HunspellEngine, InMemoryPersonalDictionary
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.widgets import SpellService
from supnotes.vault import kdf
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class MadeVault:
    folder: Path
    recovery_key: str


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real vaults, cheap Argon2id: calibration returns the test parameters."""
    monkeypatch.setattr(kdf, "calibrate", lambda *args, **kwargs: TEST_PARAMS)


@pytest.fixture(autouse=True)
def no_background_work_left(qapp: QApplication) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    qapp.processEvents()
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    qapp.processEvents()


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[[], MadeVault]:
    """Create a closed vault with :data:`PASSPHRASE`; returns its folder and recovery key."""
    counter = iter(range(1000))

    def make() -> MadeVault:
        folder = tmp_path / f"vault{next(counter)}"
        vault, recovery_key = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
        vault.close()
        return MadeVault(folder, recovery_key)

    return make


@pytest.fixture
def open_vault(make_vault: Callable[[], MadeVault]) -> Iterator[Vault]:
    from supnotes.vault.vault import Unlock

    made = make_vault()
    vault = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))
    yield vault
    vault.close()


@pytest.fixture
def machine(tmp_path: Path) -> MachineState:
    return MachineState(tmp_path / "ui-state.ini")


@pytest.fixture
def personal() -> InMemoryPersonalDictionary:
    return InMemoryPersonalDictionary()


@pytest.fixture
def service(qtbot: object, personal: InMemoryPersonalDictionary) -> SpellService:
    """A spell service with its dictionary already loaded."""
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    return spelling
