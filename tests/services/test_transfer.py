"""The version 2 zip: PDFs streamed in and out, checked, all or nothing, bounded memory."""

from __future__ import annotations

import hashlib
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supnotes.domain.export_format import ExportFormatError, SealedCopy
from supnotes.domain.export_reader import loads
from supnotes.domain.records import RecordStatus
from supnotes.pdf.verify import verify_pdf
from supnotes.services import export_zip
from supnotes.services.sealing import SealingRefused, add_addendum
from supnotes.services.transfer import export_file, import_file
from supnotes.vault.portability import apply_import, plan_import
from supnotes.vault.repositories.records import RecordRepository
from tests.services import big_export
from tests.vault import sealed_demo

CORPUS = Path(__file__).parents[1] / "data" / "import"
PDFS = 40
PDF_BYTES = 1024 * 1024


@pytest.fixture(scope="module")
def big_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A version 2 zip of one signed record with 40 sealed PDFs of 1 MiB each."""
    return big_export.build(tmp_path_factory.mktemp("big") / "big.supnotes.zip", PDFS, PDF_BYTES)


def _peak(run: Any) -> int:
    """Peak Python allocations while ``run`` runs (pyHanko already imported, so its
    modules do not count)."""
    assert callable(verify_pdf)
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_import_and_export_of_40_mib_of_pdfs_stay_in_bounded_memory(
    big_zip: Path, tmp_path: Path
) -> None:
    """Peak Python memory is a few PDFs' worth, not the archive's 40 MiB."""
    out = tmp_path / "again.supnotes.zip"
    with sealed_demo.new_vault(tmp_path / "v") as vault:
        report = None

        def run_import() -> None:
            nonlocal report
            report = import_file(vault, big_zip)

        imported = _peak(run_import)
        assert report is not None
        assert report.pdfs_added == PDFS
        exported = _peak(lambda: export_file(vault, out, as_zip=True, include_private=True))
    total = PDFS * PDF_BYTES
    print(f"\n40 PDFs, {total / 2**20:.0f} MiB: peak traced memory import {imported / 2**20:.1f} "
          f"MiB, export {exported / 2**20:.1f} MiB")  # fmt: skip
    assert imported < total / 4
    assert exported < total / 8
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names[0] == "supnotes-export.json"
        assert len(names) == PDFS + 1
        for info in archive.infolist()[1:]:
            assert info.compress_type == zipfile.ZIP_STORED
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.filename == f"pdf/{hashlib.sha256(archive.read(info)).hexdigest()}.pdf"


def test_a_failure_while_writing_pdfs_leaves_nothing(big_zip: Path, tmp_path: Path) -> None:
    """All or nothing: the third PDF failing rolls back records, workers and two PDFs."""
    with sealed_demo.new_vault(tmp_path / "v") as vault, export_zip.ExportZip(big_zip) as archive:
        plan = plan_import(vault, loads(archive.document()), with_pdfs=True)
        given: list[str] = []

        def pdf_bytes(copy: SealedCopy) -> bytes:
            if len(given) == 2:
                raise ExportFormatError(copy.file, "vanished")
            given.append(copy.id)
            return archive.pdf(copy)

        with pytest.raises(ExportFormatError, match="vanished"):
            apply_import(vault, plan, pdf_bytes)
        for table in ("record", "worker", "sealed_document", "template_snapshot", "decision"):
            assert vault.query(f"SELECT count(*) FROM {table}") == [(0,)], table
        report = apply_import(vault, plan, archive.pdf)
        assert report.pdfs_added == PDFS
        record = RecordRepository(vault).header(plan.records[1].record.id)
        assert record.status is RecordStatus.SIGNED


def test_signatures_are_checked_outside_the_vaults_lock(big_zip: Path, tmp_path: Path) -> None:
    """The app passes the vault's lock: held to plan and to write, never while checking."""
    from contextlib import contextmanager

    from supnotes.services import transfer

    held: list[bool] = [False]
    checked_while_held: list[bool] = []

    @contextmanager
    def hold() -> Iterator[None]:
        held[0] = True
        try:
            yield
        finally:
            held[0] = False

    real = transfer._check_signed

    def spy(copy: SealedCopy, pdf: bytes) -> None:
        checked_while_held.append(held[0])
        real(copy, pdf)

    with pytest.MonkeyPatch.context() as patch, sealed_demo.new_vault(tmp_path / "v") as vault:
        patch.setattr(transfer, "_check_signed", spy)
        report = import_file(vault, big_zip, hold)
    assert report.pdfs_added == PDFS
    assert checked_while_held == [False] * PDFS


def test_a_zip_bomb_document_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_zip, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    bomb = tmp_path / "bomb.supnotes.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("supnotes-export.json", b"[" + b" " * (64 * 1024 * 1024) + b"]")
    assert bomb.stat().st_size < 1024 * 1024
    with sealed_demo.new_vault(tmp_path / "v") as vault, pytest.raises(ExportFormatError) as err:
        import_file(vault, bomb)
    assert str(err.value) == "supnotes-export.json: is 67,108,866 bytes; at most 1,048,576"


def test_a_record_held_elsewhere_becomes_signed_when_its_zip_arrives(
    big_zip: Path, tmp_path: Path
) -> None:
    """JSON alone first (signed elsewhere), then the zip: its PDFs checked, now signed here."""
    with zipfile.ZipFile(big_zip) as archive:
        (tmp_path / "alone.json").write_bytes(archive.read("supnotes-export.json"))
    with sealed_demo.new_vault(tmp_path / "v") as vault:
        assert import_file(vault, tmp_path / "alone.json").signed_elsewhere == 1
        record_id = vault.query("SELECT id FROM record WHERE status = 'signed-elsewhere'")[0][0]
        with pytest.raises(SealingRefused, match="held elsewhere"):
            add_addendum(vault, str(record_id), "Correction", "The review date is 3 March")
        report = import_file(vault, big_zip)
        assert (report.records_added, report.records_now_signed) == (0, 1)
        assert report.pdfs_added == PDFS
        assert RecordRepository(vault).header(str(record_id)).status is RecordStatus.SIGNED
        again = import_file(vault, big_zip)
        assert (again.records_now_signed, again.pdfs_added, again.records_unchanged) == (0, 0, 2)
