"""``supnotes report`` through the real entry point: files, modes, one-line errors."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.vault import kdf
from tests.services.compliance_vault import CANARIES, PASSPHRASE, make_vault


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "vault"
    make_vault(path).close()
    return path


@pytest.fixture
def vault_args(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    return ["--vault", str(folder)]


SPRING = ["--from", "2026-03-01", "--to", "2026-05-31"]


def test_csv_written_owner_only(
    vault_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.csv"
    code = main(
        ["report", *vault_args, *SPRING, "--team", "East", "--format", "csv", "--out", str(out)]
    )
    assert code == 0
    assert "2 workers" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Worker"] for r in rows] == ["Ann Example", "Nina Newly", "Team totals (2 workers)"]
    assert not any(c in text for c in CANARIES)
    assert not list(tmp_path.glob(".*tmp"))  # no temporary file left behind


def test_pdf_written(vault_args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    assert main(["report", *vault_args, *SPRING, "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--from", "2026-13-01", "--to", "2026-05-31"], "--from needs a date as YYYY-MM-DD"),
        (["--from", "2026-03-01", "--to", "31/05/2026"], "--to needs a date as YYYY-MM-DD"),
        (["--from", "2026-05-31", "--to", "2026-03-01"], "--to is before --from"),
        ([*SPRING, "--team", "North"], "no worker is in a team called 'North'"),
    ],
)
def test_bad_input_is_one_line_exit_2(
    vault_args: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    says: str,
) -> None:
    out = tmp_path / "r.csv"
    assert main(["report", *vault_args, *extra, "--format", "csv", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert says in err
    assert "Traceback" not in err
    assert not out.exists()


def test_missing_folder_and_folder_as_file(
    vault_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "r.csv"
    assert main(["report", *vault_args, *SPRING, "--format", "csv", "--out", str(missing)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", *vault_args, *SPRING, "--format", "csv", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_format_is_required(vault_args: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", *vault_args, *SPRING, "--out", str(tmp_path / "r")])
    assert exited.value.code == 2
