"""Unlock time with real Argon2id parameters, and autosave commit latency."""

from __future__ import annotations

import time
from pathlib import Path

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Unlock, Vault
from tests.bench.conftest import report

COMMAND = "uv run pytest tests/bench/test_vault_bench.py -s"
PASSPHRASE = "a long enough passphrase"


def test_unlock_time_with_calibrated_parameters(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE)
    params = vault.keyfile.slot("passphrase")
    vault.close()
    assert params is not None
    print(
        f"\nArgon2id parameters chosen here: iterations={params.kdf['iterations']} "
        f"memory={params.kdf['memory_kib'] // 1024} MiB lanes={params.kdf['lanes']}"
    )
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        opened = Vault.open(tmp_path / "v", Unlock(passphrase=PASSPHRASE))
        samples.append((time.perf_counter() - start) * 1000)
        opened.close()
    report("unlock (KDF + open + verifying read)", samples, COMMAND)


def test_autosave_sized_commit_latency(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf_params=TEST_PARAMS)
    text = "The worker described the home visit and what the child said about school. " * 30
    samples = []
    with vault:
        for i in range(1000):
            start = time.perf_counter()
            with vault.transaction() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO setting VALUES ('draft', ?, ?)", (f"{text} {i}", str(i))
                )
            samples.append((time.perf_counter() - start) * 1000)
    report("autosave commit (~2 KB, WAL, synchronous=FULL)", samples, COMMAND)
