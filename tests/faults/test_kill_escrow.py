"""SIGKILL at random moments while the escrow slot is added and removed.

After every kill, as the next run would: the key file is whole (the
passphrase opens the vault, ``check`` passes the key-file MAC), the slot is
as the last confirmed change left it or as the change in flight made it,
a present slot opens the vault with the organisation's key, and nothing is
left beside the vault. The trail has an entry for every confirmed change; a
change killed after its key file was replaced but before its trail entry
committed (the one window between two files) is recorded late by the next
unlock's reconciliation, so the trail's newest escrow entry always matches
the key file afterwards. How often that happened is printed.

Size: ``SUPNOTES_VAULT_KILLS`` kills (default 6); ``SUPNOTES_FAULT_SEED`` repeats a run.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from supnotes.domain.trail import TrailKind
from supnotes.services import escrow as escrow_service
from supnotes.services import trail
from supnotes.vault.escrow import generate_key_pair, public_pem
from supnotes.vault.vault import Unlock, Vault
from tests.faults.test_kill_vault_ops import (
    KILLS,
    OLD,
    ROOT,
    SEED,
    _kill_after_start,
    _leftovers,
    _make_vault,
    _open,
    rng,
)

__all__ = ["rng"]  # the fixture, shared with the other kill suite

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120 + 40 * KILLS)]


def _child(folder: Path, pem: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.escrow_child", str(folder), OLD, str(pem)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _escrow_kinds(vault: Vault) -> list[TrailKind]:
    wanted = (TrailKind.ESCROW_ADDED, TrailKind.ESCROW_REMOVED)
    return [e.kind for e in trail.entries(vault) if e.kind in wanted]


def test_killed_escrow_changes_leave_a_whole_key_file(tmp_path: Path, rng: random.Random) -> None:
    folder = tmp_path / "vault"
    _make_vault(folder)
    key = generate_key_pair("x25519")
    pem = tmp_path / "org.pem"
    pem.write_bytes(public_pem(key.public_key()))
    confirmed = in_flight_landed = recorded_late = 0
    for kill in range(1, KILLS + 1):
        lines, _ = _kill_after_start(_child(folder, pem), rng.uniform(0.0, 0.4))
        changes = [line for line in lines if line in ("added", "removed")]
        confirmed += len(changes)
        with _open(folder, OLD, tmp_path) as vault:
            report = vault.check()  # the key file's MAC included
            assert report.ok, report.problems
            present = vault.keyfile.escrow_info is not None
            # Killed between the key file's replace and the trail's commit: the
            # next unlock (the app's, or an escrow command's) records it late.
            recorded_late += escrow_service.reconcile(vault) is not None
            kinds = _escrow_kinds(vault)
        # Every confirmed change has its entry; at most one more per kill (in flight).
        assert confirmed <= len(kinds) <= confirmed + kill, (confirmed, len(kinds), kill)
        # The newest entry says what the key file says.
        assert kinds[-1:] == ([TrailKind.ESCROW_ADDED] if present else kinds[-1:])
        assert not kinds or present or kinds[-1] is TrailKind.ESCROW_REMOVED
        if changes:
            in_flight_landed += present != (changes[-1] == "added")
        if present:
            with Vault.open(folder, Unlock(escrow_key=key)) as vault:
                assert vault.is_open
        assert _leftovers(folder) == []
    print(
        f"\nescrow add/remove: {KILLS} kills (seed {SEED}), {confirmed} changes confirmed, "
        f"{in_flight_landed} in-flight changes found complete, {recorded_late} killed "
        "between the key file's replace and the trail's commit (recorded late at the next unlock)"
    )
    assert confirmed > 0
