"""File → Export records… and File → Import records…: the version 2 zip in the app."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supnotes.ui.exporting import build_export_dialog
from supnotes.vault.vault import Vault
from tests.vault import sealed_demo


@pytest.fixture(scope="module")
def sealed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sealed_demo.build(tmp_path_factory.mktemp("sealed") / "vault")


@pytest.fixture
def vault(sealed_folder: Path, tmp_path: Path) -> Iterator[Vault]:
    with sealed_demo.open_vault(sealed_demo.copy_of(sealed_folder, tmp_path / "v")) as opened:
        yield opened


def test_one_workers_records_with_their_signed_pdfs(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    dialog = build_export_dialog(vault)
    qtbot.addWidget(dialog)
    names = [dialog.whose.itemText(i) for i in range(dialog.whose.count())]
    assert names[0] == "Everyone (the whole vault)"
    assert len(names) > 2
    dialog.whose.setCurrentIndex(1)
    worker_id = dialog.whose.currentData()
    assert dialog.suggested_name().endswith(".supnotes.zip")
    dialog.export_to(tmp_path / "subject-access")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    out = tmp_path / "subject-access.supnotes.zip"
    assert dialog.status.text().startswith("Exported ")
    assert str(out) in dialog.status.text()
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("supnotes-export.json"))
        files = set(archive.namelist())
    assert document["version"] == 2
    assert document["scope"] == {"kind": "worker", "worker_id": worker_id}
    assert document["includes_private"] is False
    listed = {d["file"] for r in document["records"] for d in r["sealed_documents"]}
    assert listed
    assert listed <= files


def test_a_failure_is_said_in_the_dialog(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    dialog = build_export_dialog(vault)
    qtbot.addWidget(dialog)
    dialog.private.setChecked(True)
    dialog.export_to(tmp_path / "no such folder" / "all")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.status.text().startswith("Not exported: ")
    assert dialog.export_button.isEnabled()


def test_the_zip_imports_in_the_app_and_a_bad_file_is_refused(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    from supnotes.ui.importing import build_import_dialog

    exporter = build_export_dialog(vault)
    qtbot.addWidget(exporter)
    exporter.private.setChecked(True)
    exporter.export_to(tmp_path / "all")
    qtbot.waitUntil(lambda: not exporter.busy, timeout=60_000)
    imported: list[bool] = []
    with sealed_demo.new_vault(tmp_path / "other") as other:
        dialog = build_import_dialog(other, lambda: imported.append(True))
        qtbot.addWidget(dialog)
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "supnotes-export", "version": 9}', encoding="utf-8")
        dialog.import_from(bad)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
        assert dialog.status.text().startswith("Nothing imported: the file was refused. $.version")
        assert imported == []
        dialog.import_from(tmp_path / "all.supnotes.zip")
        qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
        assert dialog.status.text().startswith("Imported ")
        assert "signed PDFs checked and added" in dialog.status.text()
        assert imported == [True]
        count = other.query("SELECT count(*) FROM record")[0][0]
        assert count == vault.query("SELECT count(*) FROM record")[0][0]
