"""The access trail: what left the vault, when, and where to — never what it said.

Every act that takes content out of the vault (an export, a print, a backup,
a send to the organisation, a subject-access pack, a copy to the clipboard)
leaves one :class:`TrailEntry`. An entry names the kind of act, the record it
concerned, the audience (supervision file, child's record, printed copy …),
the child reference where the output is a child's extract, and the
destination as a bare file name: a folder path can carry people's names, and
the trail must hold no note content and nothing a reader could not be shown.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath, PureWindowsPath


class TrailKind(StrEnum):
    """The acts that take content out of the vault."""

    EXPORT_PDF = "export-pdf"
    EXPORT_JSON = "export-json"
    EXPORT_HIGHLIGHTS = "export-highlights"
    EXPORT_REPORT = "export-report"
    EXPORT_TEXT = "export-text"
    PRINT = "print"
    CLIPBOARD = "clipboard"
    BACKUP = "backup"
    RESTORE = "restore"
    SEND = "send"
    HANDOVER = "handover"
    SUBJECT_ACCESS = "subject-access"
    ESCROW_ADDED = "escrow-added"
    ESCROW_REMOVED = "escrow-removed"
    ESCROW_UNLOCK = "escrow-unlock"


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One act that took content out of the vault (or changed who can open it)."""

    kind: TrailKind
    at: datetime
    record_ref: str | None = None
    audience: str | None = None
    child_ref: str | None = None
    destination: str | None = None  # a file name without its folder, or a named place

    def __post_init__(self) -> None:
        if self.destination is not None and self.destination != destination_name(self.destination):
            raise ValueError("a trail entry names a destination without its folder")


def destination_name(where: str | PurePath | None) -> str | None:
    """The bare file name of ``where``: the folder is never kept (it may name people).

    Both separators count, whatever the platform, so a Windows path written on
    Linux (or the reverse) keeps no folder either.
    """
    if where is None:
        return None
    text = str(where).strip()
    if not text:
        return None
    name = PureWindowsPath(text).name  # splits on both "\\" and "/"
    return name or None


CSV_COLUMNS = ("at", "kind", "record", "audience", "child", "destination")


def _cells(entry: TrailEntry) -> list[str]:
    return [
        entry.at.isoformat(),
        entry.kind.value,
        entry.record_ref or "",
        entry.audience or "",
        entry.child_ref or "",
        entry.destination or "",
    ]


def _spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (file names are typed by people)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def trail_csv(entries: Sequence[TrailEntry]) -> str:
    """The entries as CSV with a header row, oldest first (CRLF lines, as RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow([_spreadsheet_safe(c) for c in _cells(entry)])
    return out.getvalue()


def trail_text(entries: Sequence[TrailEntry]) -> str:
    """One entry a line, tab-separated, empty fields as "-" (for reading and ``cut``)."""
    return "".join(
        "\t".join(cell.replace("\t", " ") or "-" for cell in _cells(entry)) + "\n"
        for entry in entries
    )
