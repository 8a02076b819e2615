"""A vault opened on one thread can be closed on another (the app does this)."""

from __future__ import annotations

import threading
from pathlib import Path

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "correct horse battery"


def test_close_on_another_thread_releases_the_instance_lock(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    opened: list[Vault] = []
    worker = threading.Thread(
        target=lambda: opened.append(Vault.open(folder, Unlock(passphrase=PASSPHRASE)))
    )
    worker.start()
    worker.join()
    opened[0].close()
    Vault.open(folder, Unlock(passphrase=PASSPHRASE)).close()
