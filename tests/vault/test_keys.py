"""Passphrase changes, recovery, throttling and the real KDF parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supnotes.vault import errors
from supnotes.vault.kdf import MIN_MEMORY_KIB, TEST_PARAMS, Argon2Params, calibrate
from supnotes.vault.paths import VaultPaths
from supnotes.vault.throttle import FREE_ATTEMPTS, UnlockThrottle, delay_after
from supnotes.vault.vault import Unlock, Vault
from tests.vault.conftest import PASSPHRASE

NEW_PASSPHRASE = "a different long passphrase"


def _slots(folder: Path) -> dict[str, object]:
    document = json.loads(VaultPaths(folder).keyfile.read_text())
    return {slot["kind"]: slot for slot in document["slots"]}


def test_change_passphrase_rewrites_only_its_slot(closed_vault: tuple[Path, str]) -> None:
    folder, recovery_key = closed_vault
    before = _slots(folder)
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        with vault.transaction() as conn:
            conn.execute("INSERT INTO setting VALUES ('k', '1', 'now')")
        vault.change_passphrase(NEW_PASSPHRASE, kdf_params=TEST_PARAMS)
    after = _slots(folder)
    assert after["recovery"] == before["recovery"]
    assert after["passphrase"] != before["passphrase"]
    with pytest.raises(errors.WrongPassphrase):
        Vault.open(folder, Unlock(passphrase=PASSPHRASE))
    with Vault.open(folder, Unlock(passphrase=NEW_PASSPHRASE)) as vault:
        assert vault.query("SELECT value FROM setting WHERE key = 'k'") == [("1",)]
    with Vault.open(folder, Unlock(recovery_key=recovery_key)) as vault:
        assert vault.is_open


def test_forgotten_passphrase_recovery_then_new_passphrase(closed_vault: tuple[Path, str]) -> None:
    folder, recovery_key = closed_vault
    with Vault.open(folder, Unlock(recovery_key=recovery_key)) as vault:
        vault.change_passphrase(NEW_PASSPHRASE, kdf_params=TEST_PARAMS)
    with Vault.open(folder, Unlock(passphrase=NEW_PASSPHRASE)) as vault:
        assert vault.is_open


def test_change_passphrase_refuses_weak_one_and_keeps_old(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    with (
        Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault,
        pytest.raises(errors.WeakPassphrase),
    ):
        vault.change_passphrase("short", kdf_params=TEST_PARAMS)
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert vault.is_open


def test_new_recovery_key_replaces_old(closed_vault: tuple[Path, str]) -> None:
    folder, old_key = closed_vault
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        new_key = vault.new_recovery_key()
    with pytest.raises(errors.WrongRecoveryKey):
        Vault.open(folder, Unlock(recovery_key=old_key))
    with Vault.open(folder, Unlock(recovery_key=new_key)) as vault:
        assert vault.is_open


def test_key_is_dropped_on_close(created: tuple[Vault, str]) -> None:
    vault, _ = created
    vault.close()
    with pytest.raises(errors.VaultError):
        _ = vault.data_key
    with pytest.raises(errors.VaultError):
        _ = vault.conn


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passphrases_are_throttled_with_a_growing_delay(
    closed_vault: tuple[Path, str],
) -> None:
    folder, _ = closed_vault
    clock = FakeClock()
    throttle = UnlockThrottle(VaultPaths(folder).attempts, clock=clock)
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(errors.WrongPassphrase):
            Vault.open(folder, Unlock(passphrase="wrong wrong wrong"), throttle=throttle)
    with pytest.raises(errors.TooManyAttempts) as excinfo:
        Vault.open(folder, Unlock(passphrase=PASSPHRASE), throttle=throttle)
    assert excinfo.value.wait_seconds == pytest.approx(2.0)
    # Even the right passphrase waits; after the delay it opens and clears the count.
    clock.now += 2.5
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE), throttle=throttle):
        pass
    assert throttle.remaining() == 0
    assert not VaultPaths(folder).attempts.exists()


def test_throttle_survives_a_restart(closed_vault: tuple[Path, str]) -> None:
    folder, _ = closed_vault
    clock = FakeClock()
    for _ in range(FREE_ATTEMPTS + 1):
        UnlockThrottle(VaultPaths(folder).attempts, clock=clock).failed()
    assert UnlockThrottle(VaultPaths(folder).attempts, clock=clock).remaining() == pytest.approx(
        4.0
    )


def test_delay_grows_and_is_capped() -> None:
    delays = [delay_after(n) for n in range(20)]
    assert delays[:FREE_ATTEMPTS] == [0.0] * FREE_ATTEMPTS
    assert delays == sorted(delays)
    assert max(delays) == 300.0


def test_argon2_parameters_are_range_checked() -> None:
    with pytest.raises(ValueError, match="out of range"):
        Argon2Params.from_json({"iterations": 0, "memory_kib": 65536, "lanes": 4})
    with pytest.raises(ValueError, match="out of range"):
        Argon2Params.from_json({"iterations": 2, "memory_kib": 65536, "lanes": 99})


@pytest.mark.slow
def test_calibration_meets_the_floor() -> None:
    params = calibrate(target_seconds=0.05)
    assert params.memory_kib >= MIN_MEMORY_KIB
    assert params.iterations >= 2


@pytest.mark.slow
def test_a_vault_made_with_real_parameters_opens(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "real", PASSPHRASE)
    vault.close()
    slot = _slots(tmp_path / "real")["passphrase"]
    assert isinstance(slot, dict)
    assert slot["kdf"]["memory_kib"] >= MIN_MEMORY_KIB
    with Vault.open(tmp_path / "real", Unlock(passphrase=PASSPHRASE)) as reopened:
        assert reopened.is_open
