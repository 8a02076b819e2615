"""Commands that do not sign never load the signing stack, and none loads aiohttp.

Each command runs as a real process (``python -X importtime -m supnotes …``),
whose import log names every module it imported. Not timed: what is checked is
which modules were imported at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supnotes.pdf.offline import STAND_INS, NoNetworkClient
from tests.vault import sealed_demo

SIGNING = ("pyhanko", "reportlab", "aiohttp")


def imported(*args: str) -> set[str]:
    """The modules a ``supnotes`` process imported (it must succeed: exit 0)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "supnotes", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SUPNOTES_PASSPHRASE": sealed_demo.PASSPHRASE},
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = {
        line.rpartition("|")[2].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "supnotes.cli" in modules  # the log was read
    return modules


def loaded(modules: set[str], top: str) -> list[str]:
    return sorted(m for m in modules if m == top or m.startswith(top + "."))


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A small sealed demo vault, and the id of one of its signed records."""
    folder = sealed_demo.build(tmp_path_factory.mktemp("imports") / "vault", days=21)
    with sealed_demo.open_vault(folder) as opened:
        rows = opened.query("SELECT record_id FROM sealed_document ORDER BY record_id LIMIT 1")
    return folder, str(rows[0][0])


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["search", "review"],
        ["export", "--format", "pdf", "--record", "{record}", "--out", "{out}"],
        ["export", "--format", "json", "--out", "{out}"],
        ["export", "--format", "zip", "--out", "{out}"],
        ["check"],
        ["backup", "--out", "{out}"],
        ["certificate", "--out", "{out}"],
        ["trust", "list"],
    ],
    ids=[
        "list",
        "search",
        "export-pdf",
        "export-json",
        "export-zip",
        "check",
        "backup",
        "certificate",
        "trust-list",
    ],
)
def test_commands_that_only_read_load_no_signing_stack(
    vault: tuple[Path, str], tmp_path: Path, command: list[str]
) -> None:
    folder, record = vault
    args = [a.format(record=record, out=tmp_path / "out") for a in command]
    modules = imported(*args, "--vault", str(folder))
    for top in SIGNING:
        assert loaded(modules, top) == [], f"{command[0]} imported {top}"


def test_verify_validates_without_aiohttp_or_the_timestamp_client(
    vault: tuple[Path, str], tmp_path: Path
) -> None:
    folder, record = vault
    pdf, pem = tmp_path / "record.pdf", tmp_path / "supervisor.pem"
    imported(
        "export", "--format", "pdf", "--record", record, "--out", str(pdf), "--vault", str(folder)
    )
    imported("certificate", "--out", str(pem), "--vault", str(folder))
    # Exit 0: intact and trusted, so the validation really ran.
    modules = imported("verify", "--trust", str(pem), str(pdf))
    assert "pyhanko.sign.validation" in modules
    assert loaded(modules, "aiohttp") == []
    assert not set(STAND_INS) & modules  # the stand-ins, never the real clients


def test_the_stand_ins_refuse_to_make_a_network_client() -> None:
    with pytest.raises(RuntimeError, match="contacts no server"):
        NoNetworkClient("https://timestamp.example")
