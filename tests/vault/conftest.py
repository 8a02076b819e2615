"""Real, temporary SQLCipher vaults for the vault tests (fast KDF parameters)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    """A new open vault at the latest schema."""
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


@pytest.fixture
def vault_folder(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def created(vault_folder: Path) -> Iterator[tuple[Vault, str]]:
    """A new open vault and its recovery key."""
    vault, recovery_key = Vault.create(vault_folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    yield vault, recovery_key
    vault.close()


@pytest.fixture
def closed_vault(vault_folder: Path) -> tuple[Path, str]:
    """A vault folder, closed, with its recovery key."""
    vault, recovery_key = Vault.create(vault_folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    vault.close()
    return vault_folder, recovery_key


OpenVault = Callable[..., Vault]


@pytest.fixture
def open_vault() -> Iterator[OpenVault]:
    """Open vaults by passphrase; closes whatever it opened."""
    opened: list[Vault] = []

    def _open(folder: Path, passphrase: str = PASSPHRASE) -> Vault:
        vault = Vault.open(folder, Unlock(passphrase=passphrase))
        opened.append(vault)
        return vault

    yield _open
    for vault in opened:
        vault.close()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder`` (to prove a failure changed nothing)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in {"unlock-attempts.json", "supnotes.lock"}
    }


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Make a folder unwritable, even for root (chattr +i), and undo it afterwards."""
    import os
    import shutil
    import subprocess

    from tests.tools import missing

    changed: list[tuple[Path, int | None]] = []

    def _make(folder: Path) -> None:
        if os.geteuid() == 0:
            chattr = shutil.which("chattr")
            if chattr is None:
                missing("running as root without chattr: cannot make a folder read-only")
            done = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
            if done.returncode != 0:
                missing(f"chattr +i not supported here: {done.stderr.decode().strip()}")
            changed.append((folder, None))
        else:
            changed.append((folder, folder.stat().st_mode))
            folder.chmod(0o555)

    yield _make
    for folder, mode in changed:
        if mode is None:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(mode)
