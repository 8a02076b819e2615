"""The model commands, driven through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supnotes.cli import main
from supnotes.vault import kdf

PASSPHRASE = "a long enough passphrase"


@pytest.fixture
def demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.setenv("SUPNOTES_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(kdf, "calibrate", lambda *a, **k: kdf.TEST_PARAMS)
    folder = tmp_path / "demo"
    assert main(["demo", "--vault", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Recovery key" in out
    return folder


def test_list_prints_one_record_a_line(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--vault", str(demo)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 30
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 5 for f in fields)
    assert {f[4] for f in fields} == {"draft", "signed"}
    assert main(["list", "--vault", str(demo), "--worker", "priya", "--status", "draft"]) == 0
    drafts = capsys.readouterr().out.splitlines()
    assert drafts
    assert all("Priya Halloran" in line and line.endswith("draft") for line in drafts)


def test_search_finds_demo_text(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "--vault", str(demo), "viability"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all("[viability]" in line.split("\t")[4].lower() for line in lines)
    assert main(["search", "--vault", str(demo), '"unbalanced', "--kind", "ad-hoc"]) == 0


def test_unknown_worker_is_a_usage_error(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--vault", str(demo), "--worker", "Nobody Here"]) == 2
    assert capsys.readouterr().err.startswith("supnotes: no worker")


def test_export_then_import_into_a_new_vault(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert main(["export", "--vault", str(demo), "--format", "json", "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("supnotes-export", 1)
    assert main(["init", "--vault", str(tmp_path / "new")]) == 0
    capsys.readouterr()
    assert main(["import", "--vault", str(tmp_path / "new"), str(out)]) == 0
    assert f"Imported {len(document['records'])} records" in capsys.readouterr().out
    assert main(["import", "--vault", str(tmp_path / "new"), str(out)]) == 0
    assert "Imported 0 records" in capsys.readouterr().out


def test_bad_import_file_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "supnotes-export", "version": 7}', encoding="utf-8")
    assert main(["import", "--vault", str(demo), str(bad)]) == 2
    assert "$.version" in capsys.readouterr().err


def test_worker_export(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.json"
    args = ["export", "--vault", str(demo), "--format", "json", "--worker", "Ceri Maddox"]
    assert main([*args, "--out", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [w["name"] for w in document["workers"]] == ["Ceri Maddox"]
