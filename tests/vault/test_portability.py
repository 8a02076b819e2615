"""JSON export and import: round trip, idempotent, refusals that change nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from supnotes.domain.export_format import ExportFormatError, dumps
from supnotes.domain.export_reader import loads, parse_document
from supnotes.domain.records import RecordStatus
from supnotes.vault.portability import export_document, import_document
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.vault import sealed_demo


@pytest.fixture(scope="module")
def sealed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sealed_demo.build(tmp_path_factory.mktemp("sealed") / "vault")


@pytest.fixture
def demo_vault(sealed_folder: Path, tmp_path: Path) -> Iterator[Vault]:
    with sealed_demo.open_vault(sealed_demo.copy_of(sealed_folder, tmp_path / "demo")) as vault:
        yield vault


def _new_vault(tmp_path: Path, name: str) -> Vault:
    return sealed_demo.new_vault(tmp_path / name)


def as_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document: no sealed PDFs listed."""
    doc: dict[str, Any] = json.loads(dumps(document))
    doc["version"] = 1
    for record in doc["records"]:
        del record["sealed_documents"]
    return doc


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_round_trip_export_import_export_is_identical(demo_vault: Vault, tmp_path: Path) -> None:
    """Without the PDFs (JSON alone), signed records come back as held elsewhere, and
    a second export is the first with exactly that difference."""
    first = export_document(demo_vault, include_private=True, exported_at=datetime.now(UTC))
    text = dumps(first)
    with _new_vault(tmp_path, "copy") as copy:
        report = import_document(copy, loads(text))
        assert report.records_added == len(first["records"])
        signed = [r for r in first["records"] if r["status"] == "signed"]
        assert report.signed_elsewhere == len(signed) > 0
        second = export_document(copy, include_private=True, exported_at=datetime.now(UTC))
        third_import = import_document(copy, loads(dumps(second)))
        assert third_import.records_added == 0
    expected = json.loads(text)
    for record in expected["records"]:
        if record["status"] == "signed":
            record["status"] = "signed-elsewhere"
        record["sealed_documents"] = []
    assert _without_time(second) == _without_time(expected)
    fixed = datetime(2026, 3, 1, tzinfo=UTC)
    assert dumps(export_document(demo_vault, include_private=True, exported_at=fixed)) == dumps(
        {**first, "exported_at": fixed.isoformat()}
    )


def test_a_version_1_signed_record_is_held_elsewhere_and_locked(
    demo_vault: Vault, tmp_path: Path
) -> None:
    old = as_version_1(export_document(demo_vault, include_private=True))
    record_id = next(r["id"] for r in old["records"] if r["status"] == "signed")
    with _new_vault(tmp_path, "copy") as copy:
        import_document(copy, parse_document(old))
        record = RecordRepository(copy).header(record_id)
        assert record.status is RecordStatus.SIGNED_ELSEWHERE
        assert not record.is_signed
        assert record.is_locked
        assert record.status.label == "Signed copy held elsewhere"
        assert copy.query("SELECT count(*) FROM sealed_document") == [(0,)]
        with pytest.raises(Exception, match="signed records cannot be changed"):
            RecordRepository(copy).save_answer(record_id, next(iter(record.answers)), "Changed")
        listed = RecordRepository(copy).summaries(status=RecordStatus.SIGNED_ELSEWHERE)
        assert record_id in {s.id for s in listed}
        assert RecordRepository(copy).summaries(status=RecordStatus.SIGNED) == []


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
        doc["version"] = 3
    elif change == "seal":
        record["status"], record["signed_at"] = "signed", "2026-02-01T10:00:00+00:00"
        record["sealed_sha256"] = "made-up"
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
        ("seal", "$.records[3].sealed_sha256"),
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
    answers = doc["records"][0]["answers"]
    key = next(k for k, v in answers.items() if isinstance(v, str))
    answers[key] = "Rewritten history"
    before = demo_vault.query("SELECT count(*) FROM record")
    with pytest.raises(ExportFormatError, match="different content"):
        import_document(demo_vault, parse_document(doc))
    assert demo_vault.query("SELECT count(*) FROM record") == before


def test_not_json_is_refused() -> None:
    with pytest.raises(ExportFormatError, match="not JSON"):
        loads("{ nope")
