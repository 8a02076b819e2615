"""The version 2 container: a zip holding the export document and the sealed PDFs.

The document is ``supnotes-export.json`` (deflated); each sealed PDF is
``pdf/<sha256>.pdf`` (stored: PDFs are compressed already). Entries carry a
fixed date and mode, so the same vault gives the same zip apart from the
document's ``exported_at``. Writing and reading move one PDF at a time: a
vault holding gigabytes of PDFs is exported and imported in the memory of
its largest PDF.

Everything read from a zip is untrusted: sizes are checked against the
document before reading, reads stop at the declared size, and a damaged or
hostile archive ends in :class:`ExportFormatError`, never in a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

from supnotes.domain.export_format import DOCUMENT_NAME, ExportFormatError, SealedCopy
from supnotes.vault.atomic import fsync_folder, raise_for_os_error

ZIP_MAGIC = b"PK\x03\x04"
MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024  # the JSON document, uncompressed
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError)


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o600 << 16
    return info


@contextlib.contextmanager
def staged_file(path: Path) -> Iterator[IO[bytes]]:
    """A new owner-only file that replaces ``path`` only when the block succeeds."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
        fsync_folder(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise_for_os_error(exc, path)
        raise


def write_zip(
    handle: IO[bytes],
    document: bytes,
    pdfs: Sequence[tuple[str, int, Callable[[], bytes]]],
) -> None:
    """Write the container: the document, then each ``(file, size, read)`` PDF in turn."""
    with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
        archive.writestr(_entry(DOCUMENT_NAME, zipfile.ZIP_DEFLATED), document)
        for name, size, read in pdfs:
            info = _entry(name, zipfile.ZIP_STORED)
            info.file_size = size
            with archive.open(info, "w", force_zip64=size > 0x7FFFFFFF) as out:
                out.write(read())


def is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


class ExportZip:
    """A version 2 zip opened for reading; refuses what it cannot trust."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
            self._names = {info.filename: info for info in self._zip.infolist()}
        except _UNREADABLE as exc:
            raise ExportFormatError("zip", f"not a readable zip ({exc})") from None

    def __enter__(self) -> ExportZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self._names.get(name)
        if info is None:
            raise ExportFormatError(name, "is listed in the document but not in the zip")
        return info

    def _read(self, name: str, limit: int) -> bytes:
        info = self._info(name)
        if info.file_size > limit:
            raise ExportFormatError(name, f"is {info.file_size:,} bytes; at most {limit:,}")
        try:
            with self._zip.open(info) as member:
                data = member.read(limit + 1)
        except (*_UNREADABLE, OSError) as exc:
            raise ExportFormatError(name, f"cannot be read from the zip ({exc})") from None
        if len(data) > limit:
            raise ExportFormatError(name, f"unpacks to more than {limit:,} bytes")
        return data

    def document(self) -> bytes:
        """The export document's bytes (JSON, checked by the reader)."""
        if DOCUMENT_NAME not in self._names:
            raise ExportFormatError("zip", f"holds no {DOCUMENT_NAME}: not a SupNotes export")
        return self._read(DOCUMENT_NAME, MAX_DOCUMENT_BYTES)

    def pdf(self, copy: SealedCopy) -> bytes:
        """A sealed PDF's bytes, exactly the size and SHA-256 the document gives."""
        declared = self._info(copy.file).file_size
        if declared != copy.size:
            raise ExportFormatError(
                copy.file, f"is {declared:,} bytes, not the {copy.size:,} the document lists"
            )
        data = self._read(copy.file, copy.size)
        if len(data) != copy.size:
            raise ExportFormatError(copy.file, f"is {len(data):,} bytes, not {copy.size:,}")
        if hashlib.sha256(data).hexdigest() != copy.sha256:
            raise ExportFormatError(copy.file, "does not match its SHA-256: it was altered")
        return data

    def has(self, copy: SealedCopy) -> bool:
        return copy.file in self._names
