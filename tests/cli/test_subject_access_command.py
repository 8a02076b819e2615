"""``supnotes subject-access`` through the real entry point: the pack, and plain refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.services import trail
from tests.services import subject_access_vault as canaries
from tests.vault import sealed_demo


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return canaries.build(tmp_path_factory.mktemp("sar-cli") / "vault")


@pytest.fixture
def folder(planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", sealed_demo.PASSPHRASE)
    return sealed_demo.copy_of(planted, tmp_path / "v")


def _subject(folder: Path) -> tuple[str, str, int]:
    with sealed_demo.open_vault(folder) as vault:
        worker = canaries.subject(vault)
        return worker.id, worker.name, len(trail.entries(vault))


def _trail(folder: Path) -> int:
    with sealed_demo.open_vault(folder) as vault:
        return len(trail.entries(vault))


def test_the_pack_by_name_and_by_id(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    worker_id, name, before = _subject(folder)
    out = tmp_path / "pack.zip"
    assert (
        main(["subject-access", "--vault", str(folder), "--worker", name, "--out", str(out)]) == 0
    )
    said = capsys.readouterr().out
    assert f"Wrote the subject-access pack of {name}" in said
    assert "withheld for review" in said
    assert "recorded in the access trail" in said
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist()[:4] == [
            "README.txt",
            "index.pdf",
            "records.supnotes.json",
            "maskings.csv",
        ]
        assert canaries.PRIVATE_CANARY.encode() not in archive.read("records.supnotes.json")
    again = tmp_path / "again.zip"
    argv = ["subject-access", "--vault", str(folder), "--worker", worker_id, "--out", str(again)]
    assert main([*argv, "--include-private", "--no-mask"]) == 0
    with zipfile.ZipFile(again) as archive:
        data = archive.read("records.supnotes.json")
    assert canaries.PRIVATE_CANARY.encode() in data
    assert canaries.CHILD_CANARY.encode() in data
    assert _trail(folder) == before + 2


@pytest.mark.parametrize(
    ("worker", "out", "says"),
    [
        ("Nobody Atall", "pack.zip", "no worker has that name"),
        (None, "missing/pack.zip", "does not exist"),
        (None, ".", "is a folder"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_leaves_nothing(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    worker: str | None,
    out: str,
    says: str,
) -> None:
    _, name, before = _subject(folder)
    target = tmp_path / "out"
    target.mkdir()
    argv = ["subject-access", "--vault", str(folder), "--worker", worker or name]
    assert main([*argv, "--out", str(target / out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("supnotes: ")
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert list(target.iterdir()) == []
    assert _trail(folder) == before


def test_a_worker_with_no_records_gets_an_honest_empty_pack(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by hand: the summary said "1 records" and "1 signed copies"; an empty pack
    is still an answer to the request, with counts in plain words."""
    from datetime import date

    from supnotes.domain.ids import new_id
    from supnotes.domain.people import Stage, Worker
    from supnotes.vault.repositories.workers import WorkerRepository

    with sealed_demo.open_vault(folder) as vault:
        WorkerRepository(vault).save(
            Worker(
                id=new_id(),
                name="Ann O'Brien-Lee",
                role="Social worker",
                team="Team",
                start_date=date(2020, 1, 1),
                stage=Stage.QUALIFIED,
            )
        )
    out = tmp_path / "empty pack.zip"
    argv = ["subject-access", "--vault", str(folder), "--worker", "Ann O'Brien-Lee"]
    assert main([*argv, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert ": 0 records, 0 signed copies" in said
    assert "0 fields masked" in said
    with zipfile.ZipFile(out) as archive:
        assert "index.pdf" in archive.namelist()
    # The canary colleague attended the one planted group session and nothing else.
    one = tmp_path / "one.zip"
    argv = ["subject-access", "--vault", str(folder), "--worker", canaries.WORKER_CANARY]
    assert main([*argv, "--out", str(one)]) == 0
    said = capsys.readouterr().out
    assert ": 1 record, 0 signed copies" in said
    assert "1 signed copy of a group record was withheld for review" in said
