"""Crashes: an unclean shutdown is noticed, and SIGKILL never loses a confirmed write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
KILL_LOOPS = int(os.environ.get("SUPNOTES_KILL_LOOPS", "200"))


def _start_writer(folder: Path) -> subprocess.Popen[str]:
    env = os.environ | {"SUPNOTES_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.vault.crash_writer", str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise AssertionError(f"writer did not start: {line!r} {process.communicate()[1]}")
    return process


def _kill_and_collect(process: subprocess.Popen[str]) -> int:
    """SIGKILL the writer; the last row number it confirmed (-1 for none)."""
    os.kill(process.pid, signal.SIGKILL)
    out, _ = process.communicate()
    confirmed = [int(line) for line in out.split() if line.strip().isdigit()]
    return confirmed[-1] if confirmed else -1


def _rows(vault: Vault) -> list[str]:
    rows = vault.query("SELECT key FROM setting WHERE key LIKE 'autosave-%' ORDER BY key")
    return [str(r[0]) for r in rows]


def test_unclean_shutdown_is_noticed_and_checked(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    writer = _start_writer(folder)
    time.sleep(0.05)
    _kill_and_collect(writer)
    assert VaultPaths(folder).open_marker.exists()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.recovered_from_crash
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert not vault.recovered_from_crash


@pytest.mark.slow
def test_sigkill_during_writes_never_corrupts_or_loses_confirmed_commits(
    closed_vault: tuple[Path, str],
) -> None:
    folder, _ = closed_vault
    rng = random.Random(20261121)
    highest_confirmed = -1
    for _ in range(KILL_LOOPS):
        writer = _start_writer(folder)
        time.sleep(rng.uniform(0.0, 0.05))
        highest_confirmed = max(highest_confirmed, _kill_and_collect(writer))
        with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
            report = vault.check()
            assert report.ok, report.problems
            rows = _rows(vault)
        # Rows are numbered without gaps, so every confirmed commit is present
        # when the count reaches past the highest confirmed number.
        assert rows == [f"autosave-{n:06d}" for n in range(len(rows))]
        assert len(rows) > highest_confirmed
    assert highest_confirmed > KILL_LOOPS  # the writers really did write
