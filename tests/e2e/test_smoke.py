"""The real program as a subprocess: ``supnotes --demo --smoke`` and friends."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPNOTES_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), **extra)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        env[var] = str(home / var.lower())
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supnotes", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_demo_smoke_prints_its_start_up_time(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = _run(["--demo", "--smoke"], _env(tmp_path, TMPDIR=str(temp)))
    assert done.returncode == 0, done.stderr
    match = re.search(r"^ready in (\d+) ms$", done.stdout, re.MULTILINE)
    assert match, done.stdout
    # The temporary demo vault is gone afterwards.
    assert not list(temp.glob("supnotes-demo-*"))


def test_smoke_on_a_real_vault_with_the_passphrase_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    env = _env(tmp_path, SUPNOTES_PASSPHRASE=PASSPHRASE)
    done = _run(["--vault", str(folder), "--smoke"], env)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^ready in \d+ ms$", done.stdout, re.MULTILINE)
    # What the start-up benchmark reads: the first paint's clock time, the derivation.
    pattern = r"main window painted \d+ ms after unlock, at clock ([\d.]+) s"
    painted = re.search(pattern, done.stdout)
    assert painted, done.stdout
    assert abs(float(painted.group(1)) - time.time()) < 120
    assert re.search(r"key derivation \(Argon2id\): \d+ ms", done.stdout)
    assert not (folder / "supnotes.open").exists()  # closed cleanly


def test_smoke_with_a_wrong_passphrase_exits_2_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    env = _env(tmp_path, SUPNOTES_PASSPHRASE="not the passphrase")
    done = _run(["--vault", str(folder), "--smoke"], env)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.startswith("supnotes:")]
    assert lines == [
        "supnotes: That passphrase does not open this vault. "
        "Check Caps Lock and try again, or unlock with your recovery key."
    ]


def test_smoke_without_a_passphrase_is_a_usage_error(tmp_path: Path) -> None:
    done = _run(["--vault", str(tmp_path / "vault"), "--smoke"], _env(tmp_path))
    assert done.returncode == 2
    assert "--smoke needs --demo" in done.stderr


def test_second_launch_brings_the_first_forward_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASSPHRASE, kdf_params=TEST_PARAMS)[0].close()
    env = _env(tmp_path)
    (tmp_path / "xdg_runtime_dir").mkdir(mode=0o700)
    first = subprocess.Popen(
        [sys.executable, "-m", "supnotes", "--vault", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        runtime = tmp_path / "xdg_runtime_dir" / "SupNotes"
        deadline = time.monotonic() + 60
        while not list(runtime.glob("instance-*.lock")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the first program is now waiting at its unlock dialog
        second = _run(["--vault", str(folder)], env)
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stdout
        assert first.poll() is None  # the first carries on
        deadline = time.monotonic() + 10
        while list(runtime.glob("raise-*.request")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not list(runtime.glob("raise-*.request"))  # the first took the request
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 0
