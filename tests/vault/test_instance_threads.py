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


def test_transactions_from_two_threads_are_serialised(tmp_path: Path) -> None:
    import threading

    from supnotes.vault.kdf import TEST_PARAMS
    from supnotes.vault.vault import Vault

    vault, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    errors: list[BaseException] = []

    def write(prefix: str) -> None:
        try:
            for i in range(200):
                with vault.transaction() as conn:
                    conn.execute("INSERT INTO setting VALUES (?, '1', 'now')", (f"{prefix}{i}",))
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p,)) for p in "ab"]
    with vault:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert vault.query("SELECT count(*) FROM setting") == [(400,)]
