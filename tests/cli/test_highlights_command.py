"""``supnotes highlights`` through the real entry point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.vault import kdf
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Vault

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, PASSPHRASE, kdf_params=kdf.TEST_PARAMS)
    with vault:
        write_demo(vault, build_demo(default_library(), today=date(2026, 3, 20), history_days=90))
    return path


def test_csv_and_pdf_for_a_period(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "h.csv"
    args = ["highlights", "--from", "2026-01-01", "--to", "2026-03-20", "--vault", str(folder)]
    assert main([*args, "--format", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Wrote ")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "collection,held_on,reference,kind,from,text"
    assert len(lines) > 1
    assert main([*args, "--format", "pdf", "--out", str(tmp_path / "h.pdf")]) == 0
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")


def test_bad_dates_are_one_line_usage_errors(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "h.csv")
    base = ["highlights", "--vault", str(folder), "--out", out]
    assert main([*base, "--from", "31/03/2026", "--to", "2026-04-01"]) == 2
    assert capsys.readouterr().err == "supnotes: --from must be a date like 2026-03-31\n"
    assert main([*base, "--from", "2026-04-01", "--to", "2026-03-01"]) == 2
    assert capsys.readouterr().err == "supnotes: The period ends before it starts.\n"
    assert not Path(out).exists()
