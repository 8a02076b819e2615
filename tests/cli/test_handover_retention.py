"""After ``supnotes handover`` the worker is marked handed over, and the giver's copy follows
retention: ``retention list`` names the handover once the period has passed. ``--worker``
takes a name or an id; none or several give one line and exit 2."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.services import handover, identity
from supnotes.vault import kdf
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Unlock, Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def vaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str, str, int]:
    """(giver, receiver's key file, worker id, worker name, their records): a short demo."""
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    giver = tmp_path / "giver"
    vault, _ = Vault.create(giver, PASSPHRASE, kdf_params=kdf.TEST_PARAMS)
    with vault:
        write_demo(vault, build_demo(default_library(), today=date(2026, 3, 20), history_days=60))
        identity.create_self_signed(vault, "Ann Giver", "Team manager", "Org")
        worker_id, name, count = vault.query(
            "SELECT w.id, w.name, count(*) FROM worker w JOIN record r ON r.worker_id = w.id "
            "WHERE w.leaving_date IS NULL AND r.kind <> 'group' GROUP BY w.id ORDER BY w.name "
            "LIMIT 1"
        )[0]
    receiver = tmp_path / "receiver"
    assert main(["init", "--vault", str(receiver), "--name", "Rita Patel"]) == 0
    key = tmp_path / "rita.pem"
    assert main(["encryption-key", "--vault", str(receiver), "--out", str(key)]) == 0
    return giver, key, str(worker_id), str(name), int(str(count))


def _hand_over(giver: Path, key: Path, worker: str, out: Path, *extra: str) -> int:
    args = ["handover", "--vault", str(giver), "--worker", worker, "--to", str(key)]
    return main([*args, "--out", str(out), *extra])


def _retention_lines(giver: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["retention", "list", "--vault", str(giver)]) == 0
    return capsys.readouterr().out.splitlines()


def test_handover_marks_the_worker_and_retention_follows_the_handover_date(
    vaults: tuple[Path, Path, str, str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    giver, key, worker_id, name, count = vaults
    before = _retention_lines(giver, capsys)
    assert _hand_over(giver, key, name, tmp_path / "h", "--receiver", "Rita Patel") == 0
    out = capsys.readouterr().out
    assert f"marked handed over to Rita Patel on {date.today().isoformat()}" in out
    with Vault.open(giver, Unlock(passphrase=PASSPHRASE)) as vault:
        mark = handover.handed_over(vault, worker_id)
        assert mark is not None
        assert (mark.on, mark.to) == (date.today(), "Rita Patel")
        # The access trail has the handover, as before.
        assert vault.query("SELECT kind FROM access_trail ORDER BY n DESC LIMIT 1")[0][0] == (
            "handover"
        )
    # Handed over today: six years to go, nothing new in the review.
    assert _retention_lines(giver, capsys) == before
    # The rule's own dates: a handover in 2019 is past a six-year period now.
    with Vault.open(giver, Unlock(passphrase=PASSPHRASE)) as vault, vault.transaction() as conn:
        conn.execute("UPDATE worker_handover SET handed_over_on = '2019-03-01'")
    lines = _retention_lines(giver, capsys)
    handed = [line for line in lines if "handed over to Rita Patel on 01/03/2019" in line]
    assert len(handed) == count
    assert all(line.split("\t")[4] == "2025-03-01" for line in handed)
    assert name not in "\n".join(lines)


def test_worker_by_id_and_plain_refusals(
    vaults: tuple[Path, Path, str, str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    giver, key, worker_id, name, _ = vaults
    capsys.readouterr()
    assert _hand_over(giver, key, worker_id, tmp_path / "by-id") == 0
    assert f"Handed over {name} to" in capsys.readouterr().out
    with Vault.open(giver, Unlock(passphrase=PASSPHRASE)) as vault:
        mark = handover.handed_over(vault, worker_id)
        assert mark is not None
        assert mark.to == mark.to_fingerprint  # no name given: the key's fingerprint
    assert _hand_over(giver, key, "Nobody Of That Name", tmp_path / "x") == 2
    err = capsys.readouterr().err
    assert "no worker has the name or id 'Nobody Of That Name'" in err
    assert len(err.strip().splitlines()) == 1
    # One letter every demo name contains more than once over: several match.
    assert _hand_over(giver, key, "a", tmp_path / "y") == 2
    err = capsys.readouterr().err
    assert "workers match 'a'" in err
    assert "give more of the name or the id" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()
    assert not (tmp_path / "y").exists()
