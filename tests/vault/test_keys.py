"""Passphrase changes, recovery, throttling and the real KDF parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supnotes.vault import errors, kdf
from supnotes.vault.kdf import (
    MIN_ITERATIONS,
    MIN_MEMORY_KIB,
    TEST_PARAMS,
    Argon2Params,
    calibrate,
)
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
    assert params.iterations >= MIN_ITERATIONS == 4


class _FakeArgon:
    """Stands in for Argon2id: each pass 'takes' the next duration on a fake clock."""

    def __init__(self, durations: list[float]) -> None:
        self.now = 0.0
        self.durations = durations
        self.calls: list[Argon2Params] = []

    def clock(self) -> float:
        return self.now

    def derive(self, _passphrase: str, _salt: bytes, params: Argon2Params) -> bytes:
        self.calls.append(params)
        self.now += self.durations[min(len(self.calls) - 1, len(self.durations) - 1)]
        return bytes(32)


def _calibrate_with(monkeypatch: pytest.MonkeyPatch, durations: list[float]) -> Argon2Params:
    fake = _FakeArgon(durations)
    monkeypatch.setattr(kdf, "derive_from_passphrase", fake.derive)
    monkeypatch.setattr("supnotes.vault.kdf.time.perf_counter", fake.clock)
    return calibrate()


def test_calibration_uses_the_median_so_one_slow_timing_does_not_decide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # warm-up, then five single passes: one of them hit by load.
    params = _calibrate_with(monkeypatch, [0.3, 0.05, 0.05, 2.0, 0.05, 0.05])
    assert params.iterations == 10  # 0.5 s / 0.05 s
    assert params.memory_kib == MIN_MEMORY_KIB


def test_a_machine_under_heavy_load_still_gets_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    params = _calibrate_with(monkeypatch, [5.0, 4.0, 4.0, 4.0, 4.0, 4.0])
    assert params.iterations == MIN_ITERATIONS
    assert params.memory_kib == MIN_MEMORY_KIB


def test_a_fast_machine_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    params = _calibrate_with(monkeypatch, [0.001] * 6)
    assert MIN_ITERATIONS < params.iterations <= 64


def test_calibration_never_goes_below_64_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _FakeArgon([0.05])
    monkeypatch.setattr(kdf, "derive_from_passphrase", fake.derive)
    monkeypatch.setattr("supnotes.vault.kdf.time.perf_counter", fake.clock)
    params = calibrate(memory_kib=1024)
    assert params.memory_kib == MIN_MEMORY_KIB
    assert all(call.memory_kib == MIN_MEMORY_KIB for call in fake.calls)
    assert kdf.meets_floor(params)
    assert not kdf.meets_floor(Argon2Params(2, MIN_MEMORY_KIB, 4))


@pytest.mark.slow
def test_a_vault_made_with_real_parameters_opens(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "real", PASSPHRASE)
    vault.close()
    slot = _slots(tmp_path / "real")["passphrase"]
    assert isinstance(slot, dict)
    assert slot["kdf"]["memory_kib"] >= MIN_MEMORY_KIB
    with Vault.open(tmp_path / "real", Unlock(passphrase=PASSPHRASE)) as reopened:
        assert reopened.is_open
