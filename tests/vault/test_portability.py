"""JSON export and import: round trip, idempotent, refusals that change nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from supnotes.domain.demo import build_demo
from supnotes.domain.export_format import ExportFormatError, dumps, loads, parse_document
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.portability import export_document, import_document
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

from .conftest import PASSPHRASE

TODAY = date(2026, 3, 1)


@pytest.fixture
def demo_vault(vault: Vault, library: TemplateLibrary) -> Vault:
    write_demo(vault, build_demo(library, today=TODAY))
    return vault


def _new_vault(tmp_path: Path, name: str) -> Vault:
    return Vault.create(tmp_path / name, PASSPHRASE, kdf_params=TEST_PARAMS)[0]


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_round_trip_export_import_export_is_identical(demo_vault: Vault, tmp_path: Path) -> None:
    first = export_document(demo_vault, include_private=True, exported_at=datetime.now(UTC))
    text = dumps(first)
    with _new_vault(tmp_path, "copy") as copy:
        report = import_document(copy, loads(text))
        assert report.records_added == len(first["records"])
        second = export_document(copy, include_private=True, exported_at=datetime.now(UTC))
    assert _without_time(second) == _without_time(first)
    fixed = datetime(2026, 3, 1, tzinfo=UTC)
    assert dumps(export_document(demo_vault, include_private=True, exported_at=fixed)) == dumps(
        {**first, "exported_at": fixed.isoformat()}
    )


def test_importing_the_same_file_twice_adds_nothing(demo_vault: Vault, tmp_path: Path) -> None:
    doc = loads(dumps(export_document(demo_vault, include_private=True)))
    with _new_vault(tmp_path, "copy") as copy:
        import_document(copy, doc)
        count = copy.query("SELECT count(*) FROM record")
        again = import_document(copy, doc)
        assert (again.records_added, again.workers_added) == (0, 0)
        assert again.records_unchanged == len(doc.records)
        assert copy.query("SELECT count(*) FROM record") == count
    # Into the vault it came from: everything already there.
    assert import_document(demo_vault, doc).records_added == 0


def test_worker_export_is_subject_access(demo_vault: Vault, tmp_path: Path) -> None:
    worker = WorkerRepository(demo_vault).find("Priya Halloran")[0]
    document = export_document(demo_vault, worker_id=worker.id)
    assert [w["id"] for w in document["workers"]] == [worker.id]
    assert document["scope"] == {"kind": "worker", "worker_id": worker.id}
    for record in document["records"]:
        attended = {a["worker_id"] for a in record["attendees"]}
        assert record["worker_id"] == worker.id or worker.id in attended
        assert not any(k.startswith("notes.") for k in record["answers"])
    with _new_vault(tmp_path, "copy") as copy:
        report = import_document(copy, parse_document(json.loads(dumps(document))))
        assert report.records_added == len(document["records"])


def _mangled(document: dict[str, Any], change: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(dumps(document))
    record = doc["records"][3]
    if change == "format":
        doc["format"] = "something-else"
    elif change == "version":
        doc["version"] = 2
    elif change == "date":
        record["held_on"] = "31/01/2026"
    elif change == "status":
        record["status"] = "approved"
    elif change == "id":
        record["id"] = "not-a-uuid"
    elif change == "worker":
        record["worker_id"] = "6f1c8a52-3a4e-4d0e-9c55-2b7f4f6f9aff"
    elif change == "template":
        record["template_version"] = 9
    elif change == "duplicate":
        doc["records"][4]["id"] = record["id"]
    elif change == "answer":
        record["answers"]["wellbeing.wellbeing"] = {"nested": True}
    elif change == "missing":
        del record["kind"]
    return doc


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ("format", "$.format"),
        ("version", "$.version"),
        ("date", "$.records[3].held_on"),
        ("status", "$.records[3].status"),
        ("id", "$.records[3].id"),
        ("worker", "$.records[3].worker_id"),
        ("template", "$.records[3].template_id"),
        ("duplicate", "$.records"),
        ("answer", "$.records[3].answers.wellbeing.wellbeing"),
        ("missing", "$.records[3].kind"),
    ],
)
def test_bad_files_are_refused_with_a_path_and_change_nothing(
    demo_vault: Vault, tmp_path: Path, change: str, path: str
) -> None:
    document = export_document(demo_vault, include_private=True)
    bad = _mangled(document, change)
    with _new_vault(tmp_path, "copy") as copy:
        with pytest.raises(ExportFormatError) as caught:
            import_document(copy, parse_document(bad))
        assert caught.value.path == path
        assert copy.query("SELECT count(*) FROM record") == [(0,)]
        assert copy.query("SELECT count(*) FROM worker") == [(0,)]


def test_a_conflicting_change_to_an_existing_record_is_refused(demo_vault: Vault) -> None:
    doc = json.loads(dumps(export_document(demo_vault, include_private=True)))
    doc["records"][0]["answers"]["wellbeing.wellbeing"] = "Rewritten history"
    before = demo_vault.query("SELECT count(*) FROM record")
    with pytest.raises(ExportFormatError, match="different content"):
        import_document(demo_vault, parse_document(doc))
    assert demo_vault.query("SELECT count(*) FROM record") == before


def test_not_json_is_refused() -> None:
    with pytest.raises(ExportFormatError, match="not JSON"):
        loads("{ nope")
