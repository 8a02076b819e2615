"""``supnotes handover`` and ``handover-import`` between two real vaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.vault import kdf
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"
CANARY = "PRIVATE-CANARY-4419"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)


def _first_worker(folder: Path) -> str:
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        return str(vault.query("SELECT name FROM worker ORDER BY name LIMIT 1")[0][0])


def test_handover_cycle_and_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    giver, receiver, stranger = tmp_path / "giver", tmp_path / "receiver", tmp_path / "stranger"
    assert main(["demo", "--vault", str(giver)]) == 0
    assert main(["init", "--vault", str(receiver), "--name", "Rita Receiver"]) == 0
    assert main(["init", "--vault", str(stranger), "--name", "Sam Stranger"]) == 0
    key = tmp_path / "rita.pem"
    assert main(["encryption-key", "--vault", str(receiver), "--out", str(key)]) == 0
    out = tmp_path / "worker.handover"
    worker = _first_worker(giver)
    assert (
        main(
            [
                "handover",
                "--vault",
                str(giver),
                "--worker",
                worker,
                "--to",
                str(key),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    capsys.readouterr()
    # Someone else's vault: a plain message, exit 2.
    assert main(["handover-import", "--vault", str(stranger), str(out)]) == 2
    assert "someone else" in capsys.readouterr().err
    # Unregistered giver: warned, and refused without --yes.
    assert main(["handover-import", "--vault", str(receiver), str(out)]) == 2
    assert "not in your trust register" in capsys.readouterr().err
    # Tampered: refused as a failed check, nothing imported.
    bad = tmp_path / "bad.handover"
    data = bytearray(out.read_bytes())
    data[-3] ^= 0x01
    bad.write_bytes(bytes(data))
    assert main(["handover-import", "--vault", str(receiver), "--yes", str(bad)]) == 1
    assert _first_worker_count(receiver) == 0
    assert main(["handover-import", "--vault", str(receiver), "--yes", str(out)]) == 0
    assert _first_worker_count(receiver) == 1
    assert _first_worker(receiver) == worker
    assert main(["handover-import", "--vault", str(receiver), "--yes", str(out)]) == 0
    assert _first_worker_count(receiver) == 1
    # A certificate is not an encryption key.
    cert = tmp_path / "cert.pem"
    assert main(["certificate", "--vault", str(receiver), "--out", str(cert)]) == 0
    capsys.readouterr()
    args = ["handover", "--vault", str(giver), "--worker", worker, "--to", str(cert)]
    assert main([*args, "--out", str(tmp_path / "x")]) == 2
    assert "not a SupNotes encryption key" in capsys.readouterr().err


def _first_worker_count(folder: Path) -> int:
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        return int(str(vault.query("SELECT count(*) FROM worker")[0][0]))
