"""A short demo history in a real vault, for the oversight views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.vault.backup import rolling_backup
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with opened:
        write_demo(opened, build_demo(default_library(), today=date(2026, 3, 20), history_days=45))
        rolling_backup(opened)
        yield opened
