"""A small demo vault whose signed records are really sealed, built once and copied.

Sealing costs about 0.07 s a document, so the vault (three weeks of history:
37 records, 14 sealed, 23 PDFs) is built once per session and each test
works on its own copy of the folder.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from supnotes.domain.template_loader import default_library
from supnotes.services.demo import build_sealed_demo, write_sealed_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"
TODAY = date(2026, 3, 1)


def build(folder: Path, days: int = 21) -> Path:
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        demo = build_sealed_demo(default_library(), today=TODAY, history_days=days)
        write_sealed_demo(vault, demo)
    return folder


def copy_of(folder: Path, into: Path) -> Path:
    shutil.copytree(folder, into, ignore=shutil.ignore_patterns("supnotes.lock"))
    return into


def open_vault(folder: Path) -> Vault:
    return Vault.open(folder, Unlock(passphrase=PASSPHRASE))


def new_vault(folder: Path) -> Vault:
    return Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0]
