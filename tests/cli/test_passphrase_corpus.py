"""The passphrase corpus through the command line: a clear line, no traceback, nothing changed.

Each case of ``tests/data/passphrases/cases.json`` is given as
``SUPNOTES_PASSPHRASE`` to ``init`` (made, or refused with its reason and
nothing left behind), to ``check`` on a vault created with the NFD form of
'Siân Jones plum harbour' (opens for the NFC and NFD forms; otherwise a wrong
passphrase, the vault unchanged), and as ``SUPNOTES_NEW_PASSPHRASE`` to
``change-passphrase`` (the same rule as ``init`` and the app's meter).

Cases up to 100 KB run as real processes. Linux refuses to start a process
with an environment string over 128 KiB, so the 1 MB case runs in-process
through the same entry point.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.people import Stage, Worker
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.paths import VaultPaths
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

DATA = json.loads(
    (Path(__file__).parent.parent / "data" / "passphrases" / "cases.json").read_text("utf-8")
)
VAULT_PASSPHRASE = unicodedata.normalize("NFD", DATA["vault_passphrase_nfd_of"])
_ENV_LIMIT = 120_000  # bytes; Linux's MAX_ARG_STRLEN is 128 KiB


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    create_exit: int
    create_says: str
    opens: bool


def _cases() -> list[Case]:
    cases = []
    for raw in DATA["cases"]:
        text: str
        if "repeat" in raw:
            unit, size = raw["repeat"]["unit"], raw["repeat"]["bytes"]
            text = (unit * (size // len(unit) + 1))[:size]
        else:
            text = raw["text"]
        create = raw["create"]
        cases.append(
            Case(
                raw["name"], text, create["exit"], create["says"], raw.get("opens_nfd_vault", False)
            )
        )
    return cases


CASES = _cases()


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def _run(
    args: list[str],
    env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Ran:
    if all(len(v.encode()) < _ENV_LIMIT for v in env.values()):
        done = subprocess.run(
            [sys.executable, "-m", "supnotes", *args],
            capture_output=True,
            text=True,
            check=False,
            env=os.environ | env,
            timeout=120,
        )
        return Ran(done.returncode, done.stdout, done.stderr)
    with monkeypatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        code = main(args)
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def _assert_clean(ran: Ran) -> None:
    assert "Traceback" not in ran.out + ran.err
    if ran.code != 0:
        lines = ran.err.strip().splitlines()
        assert len(lines) == 1, ran.err
        assert lines[0].startswith("supnotes: ")
        assert len(lines[0]) < 400  # a reason, never the passphrase echoed back


def _export_hash(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    out = tmp_path / f"export-{os.urandom(4).hex()}.json"
    with monkeypatch.context() as patch:
        patch.setenv("SUPNOTES_PASSPHRASE", VAULT_PASSPHRASE)
        assert main(["export", "--format", "json", "--vault", str(folder), "--out", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    document.pop("exported_at", None)
    out.unlink()
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def nfd_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "vault"
    vault, _ = Vault.create(folder, VAULT_PASSPHRASE, kdf_params=TEST_PARAMS)
    with vault:
        WorkerRepository(vault).save(
            Worker(
                "6f1c8a52-3a4e-4d0e-9c55-2b7f4f6f9a01",
                "Dana Fictional",
                "Social Worker",
                "East",
                date(2024, 1, 8),
                Stage.QUALIFIED,
            )
        )
    return folder


@pytest.fixture
def vault_copy(nfd_vault: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    shutil.copytree(nfd_vault, folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_init_makes_or_refuses_in_one_line(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fast_kdf: None,
) -> None:
    folder = tmp_path / "new"
    ran = _run(
        ["init", "--vault", str(folder)], {"SUPNOTES_PASSPHRASE": case.text}, monkeypatch, capsys
    )
    _assert_clean(ran)
    assert ran.code == case.create_exit, ran.err
    assert case.create_says in (ran.out if ran.code == 0 else ran.err)
    if ran.code == 0:
        assert (folder / "supnotes.key").exists()
    else:
        assert not folder.exists()  # nothing half-made


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_opens_or_says_wrong_passphrase_and_changes_nothing(
    case: Case,
    vault_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _export_hash(vault_copy, tmp_path, monkeypatch)
    keyfile = VaultPaths(vault_copy).keyfile.read_bytes()
    ran = _run(
        ["check", "--vault", str(vault_copy)],
        {"SUPNOTES_PASSPHRASE": case.text},
        monkeypatch,
        capsys,
    )
    _assert_clean(ran)
    if case.opens:
        assert ran.code == 0, ran.err
        assert ran.out.startswith("ok:")
    elif case.text == "":
        assert ran.code == 2
        assert "SUPNOTES_PASSPHRASE is set but empty" in ran.err
    else:
        assert ran.code == 2, ran.err
        assert "That passphrase does not open this vault." in ran.err
        assert VaultPaths(vault_copy).keyfile.read_bytes() == keyfile
    assert _export_hash(vault_copy, tmp_path, monkeypatch) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.create_exit != 0], ids=lambda c: c.name)
def test_change_passphrase_refuses_with_the_same_rule_and_keeps_the_old(
    case: Case,
    vault_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    keyfile = VaultPaths(vault_copy).keyfile.read_bytes()
    env = {"SUPNOTES_PASSPHRASE": VAULT_PASSPHRASE, "SUPNOTES_NEW_PASSPHRASE": case.text}
    ran = _run(["change-passphrase", "--vault", str(vault_copy)], env, monkeypatch, capsys)
    _assert_clean(ran)
    assert ran.code == 2
    expected = case.create_says.replace("SUPNOTES_PASSPHRASE", "SUPNOTES_NEW_PASSPHRASE")
    assert expected in ran.err
    assert VaultPaths(vault_copy).keyfile.read_bytes() == keyfile
