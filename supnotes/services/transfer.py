"""Export and import files: the version 2 zip (with the sealed PDFs) and plain JSON.

Export writes the document and streams the sealed PDFs into the zip one at a
time. Import reads the document, plans everything against the vault
(:func:`supnotes.vault.portability.plan_import`), then checks every sealed
PDF it will add (size, SHA-256, and that its signatures are intact: a record
is taken as signed only on that evidence), and only then writes, in one
transaction, reading each PDF again and checking its SHA-256 once more as it
goes in. A refused file changes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from supnotes.domain.export_format import ExportFormatError, SealedCopy, dumps
from supnotes.domain.export_reader import loads
from supnotes.domain.trail import TrailKind
from supnotes.services import trail
from supnotes.services.export_zip import ExportZip, is_zip, staged_file, write_zip
from supnotes.vault.atomic import write_atomic
from supnotes.vault.portability import (
    ImportReport,
    apply_import,
    export_document,
    plan_import,
    read_pdf,
)
from supnotes.vault.vault import Vault

Hold = Callable[[], AbstractContextManager[object]]
MAX_JSON_BYTES = 1024 * 1024 * 1024
# pyHanko's readers hold reference cycles, so a checked PDF's bytes live on
# until the cyclic collector runs; collecting after every few MiB checked
# keeps the import's memory bounded by that, not by the archive's size.
_COLLECT_AFTER_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class ExportSummary:
    records: int
    pdfs: int  # sealed PDFs written into the zip (0 for plain JSON)
    pdfs_listed: int  # sealed PDFs the document lists


def _listed(document: dict[str, object]) -> list[dict[str, object]]:
    records = document["records"]
    assert isinstance(records, list)
    return [d for r in records for d in r["sealed_documents"]]


def export_file(
    vault: Vault,
    path: Path,
    *,
    as_zip: bool,
    worker_id: str | None = None,
    include_private: bool = False,
    exported_at: datetime | None = None,
    hold: Hold = nullcontext,
    part_of: TrailKind | None = None,
    signed_only: bool = False,
) -> ExportSummary:
    """Write a version 2 export: a zip with the sealed PDFs, or the JSON document alone.

    The export is one entry in the access trail, unless it is ``part_of`` another
    act that records itself (a handover writes this zip only to encrypt it).

    ``hold()`` is entered around each read of the vault (the app passes the
    vault's lock): once for the document, then once per PDF, so a long export
    never keeps an autosave waiting for more than one PDF's read. Sealed PDFs
    never change once stored, so reading them one at a time is consistent.
    """
    with hold():
        document = export_document(
            vault,
            worker_id=worker_id,
            include_private=include_private,
            exported_at=exported_at,
            signed_only=signed_only,
        )
    text = dumps(document).encode("utf-8")
    listed = _listed(document)
    records = len(document["records"])
    if not as_zip:
        write_atomic(path, text)
        if part_of is None:
            _record(vault, path, worker_id=worker_id, include_private=include_private, hold=hold)
        return ExportSummary(records, 0, len(listed))
    files: dict[str, tuple[str, int]] = {}
    for entry in listed:
        files.setdefault(str(entry["file"]), (str(entry["id"]), int(str(entry["size"]))))

    def read(doc_id: str) -> bytes:
        with hold():
            return read_pdf(vault, doc_id)

    pdfs = [(name, size, partial(read, doc_id)) for name, (doc_id, size) in sorted(files.items())]
    with staged_file(path) as handle:
        write_zip(handle, text, pdfs)
    if part_of is None:
        _record(vault, path, worker_id=worker_id, include_private=include_private, hold=hold)
    return ExportSummary(records, len(files), len(listed))


def _record(
    vault: Vault, path: Path, *, worker_id: str | None, include_private: bool, hold: Hold
) -> None:
    """The export's one trail entry: whole vault or one worker, with or without private notes."""
    audience = "whole vault" if worker_id is None else "one worker"
    if include_private:
        audience += ", with private notes"
    with hold():
        trail.record_if_writable(vault, TrailKind.EXPORT_JSON, audience=audience, destination=path)


def _check_signed(copy: SealedCopy, pdf: bytes) -> None:
    """Refuse a sealed PDF whose signatures are missing, broken or followed by changes."""
    from supnotes.pdf.errors import NotAPdf
    from supnotes.pdf.verify import verify_pdf

    try:
        report = verify_pdf(pdf)
    except NotAPdf as exc:
        raise ExportFormatError(copy.file, f"is not a readable PDF ({exc})") from None
    # pyHanko can fail in many ways on a hostile file; each means "not verified".
    except Exception as exc:  # noqa: BLE001
        raise ExportFormatError(copy.file, f"cannot be verified ({type(exc).__name__})") from None
    if not report.ok:
        reasons = report.reasons() or ["its signatures do not verify"]
        raise ExportFormatError(copy.file, f"is not a valid signed PDF: {reasons[0]}")


def read_document_file(path: Path) -> tuple[bytes, ExportZip | None]:
    """The document's bytes, and the zip they came from (None for plain JSON)."""
    if is_zip(path):
        archive = ExportZip(path)
        try:
            return archive.document(), archive
        except BaseException:
            archive.__exit__()
            raise
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise ExportFormatError("$", f"the file is {size:,} bytes; at most {MAX_JSON_BYTES:,}")
    return path.read_bytes(), None


class PendingImport:
    """An export file read and its document checked, not yet planned against a vault.

    Reading comes first so that a bad file is refused before a vault is even
    opened (the command line asks for no passphrase to say a file is broken).
    A context manager: it closes the zip.
    """

    def __init__(self, path: Path) -> None:
        raw, self.archive = read_document_file(path)
        try:
            self.doc = loads(raw)
            if self.archive is not None and self.doc.version < 2:
                raise ExportFormatError("$.version", "a zip holds a version 2 document")
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.archive is not None:
            self.archive.__exit__()

    def __enter__(self) -> PendingImport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def into(self, vault: Vault, hold: Hold = nullcontext) -> ImportReport:
        """Plan against ``vault``, check every PDF to add, then write; all or nothing.

        ``hold()`` is entered around the vault's part (the app passes the
        vault's lock): planning, and later re-planning and writing. The slow
        part, checking the PDFs' signatures, runs outside it, so an autosave
        never waits for it; the plan is made again under the lock before
        writing, and any PDF it adds that was not checked yet is checked then.
        """
        archive = self.archive
        if archive is None:
            with hold():
                return apply_import(vault, plan_import(vault, self.doc, with_pdfs=False))
        with hold():
            first = plan_import(vault, self.doc, with_pdfs=True)
        checked = _check_all(archive, first.pdfs, set())
        with hold():
            plan = plan_import(vault, self.doc, with_pdfs=True)
            _check_all(archive, plan.pdfs, checked)
            return apply_import(vault, plan, archive.pdf)


def _check_all(archive: ExportZip, copies: list[SealedCopy], checked: set[str]) -> set[str]:
    """Check each PDF not checked yet; returns every SHA-256 checked so far."""
    checked = set(checked)
    since_collect = 0
    for copy in copies:
        if copy.sha256 in checked:
            continue
        _check_signed(copy, archive.pdf(copy))
        checked.add(copy.sha256)
        since_collect += copy.size
        if since_collect > _COLLECT_AFTER_BYTES:
            gc.collect()
            since_collect = 0
    return checked


def import_file(vault: Vault, path: Path, hold: Hold = nullcontext) -> ImportReport:
    """Import a version 1 or 2 JSON file, or a version 2 zip; all or nothing.

    Raises :class:`ExportFormatError` for any refusal (the vault is unchanged)
    and ``OSError`` when the file cannot be read.
    """
    with PendingImport(path) as pending:
        return pending.into(vault, hold)
