"""``supnotes retention list | delete | audit`` through the real entry point."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.vault import kdf
from supnotes.vault.backup import rolling_backup
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, int]:
    """A short demo history; one worker left in 2019. (folder, worker name, their records)."""
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf_params=kdf.TEST_PARAMS)
    with vault:
        write_demo(vault, build_demo(default_library(), today=date(2026, 3, 20), history_days=60))
        worker_id, name = vault.query(
            "SELECT w.id, w.name FROM worker w JOIN record r ON r.worker_id = w.id LIMIT 1"
        )[0]
        with vault.transaction() as conn:
            conn.execute("UPDATE worker SET leaving_date = '2019-01-31' WHERE id = ?", (worker_id,))
        count = vault.query("SELECT count(*) FROM record WHERE worker_id = ?", (worker_id,))[0][0]
        rolling_backup(vault)
    return path, str(name), int(str(count))


def test_list_then_a_confirmed_delete_then_the_audit(
    folder: tuple[Path, str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, name, count = folder
    assert main(["retention", "list", "--vault", str(path)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == count
    assert all(line.startswith("SN-") for line in lines)
    assert f"{count} record(s) past retention (6 years after the worker left)" in err
    assert name not in out

    # A count that does not match deletes nothing.
    assert main(["retention", "delete", "--confirm", str(count + 1), "--vault", str(path)]) == 2
    _, err = capsys.readouterr()
    assert f"{count} record(s) past retention" in err
    assert "nothing deleted" in err
    assert main(["retention", "list", "--vault", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == count

    assert main(["retention", "delete", "--confirm", str(count), "--vault", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert f"Deleted {count} record(s) under the rule '6 years after the worker left'" in out
    assert "ages out on" in out
    assert main(["retention", "list", "--vault", str(path)]) == 0
    assert capsys.readouterr().out == ""

    target = tmp_path / "audit.csv"
    assert (
        main(["retention", "audit", "--format", "csv", "--out", str(target), "--vault", str(path)])
        == 0
    )
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["kind", "reference", "was_signed", "deleted_at", "deleted_by", "rule"]
    assert sorted(r[1] for r in rows[1:]) == sorted(line.split("\t")[0] for line in lines)
    assert {r[5] for r in rows[1:]} == {"6 years after the worker left"}
    assert name not in target.read_text(encoding="utf-8")


def test_a_reference_not_past_retention_is_refused(
    folder: tuple[Path, str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _, _ = folder
    code = main(["retention", "delete", "SN-1999-0001", "--confirm", "1", "--vault", str(path)])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "supnotes: SN-1999-0001 is not a record past retention"
    )
    assert main(["retention", "--vault", str(path)]) == 2
