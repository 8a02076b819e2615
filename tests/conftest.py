"""Test settings shared by every test.

Each test gets its own data, config, cache and temp folders, so nothing a test
does can reach the real user's vault or settings, and Qt runs offscreen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt must never need a display in tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_GUI_FIXTURES = frozenset({"qapp", "qtbot", "qtmodeltester"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches Qt as ``gui`` (as qutebrowser does)."""
    for item in items:
        fixturenames = getattr(item, "fixturenames", ())
        if _GUI_FIXTURES.intersection(fixturenames):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def isolated_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every platform folder at a fresh temporary one."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        folder = home / sub
        folder.mkdir(mode=0o700)
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SUPNOTES_PASSPHRASE", raising=False)
    # A machine's own /etc/supnotes/defaults.toml must not change any test.
    monkeypatch.setenv("SUPNOTES_DEFAULTS", str(home / "no-machine-defaults.toml"))
    return home


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make Argon2id calibration return cheap parameters, for code that calibrates.

    Real parameters are exercised by the tests marked ``slow`` and the benchmarks.
    """
    from supnotes.vault.kdf import TEST_PARAMS

    monkeypatch.setattr("supnotes.vault.kdf.calibrate", lambda *a, **k: TEST_PARAMS)
