"""A worker's records as a table model, newest first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.views.formatting import short_date
from supnotes.vault.repositories.thread import ThreadEntry

DATE, KIND, TEMPLATE, REFERENCE, STATUS, OPEN_ACTIONS = range(6)
HEADERS = ("Date", "Kind", "Template", "Reference", "Status", "Open actions")

BEING_SEALED = "Being sealed…"  # the app's demo seals its signed records after it opens
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the record's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the column correctly

KIND_WORDS = {
    RecordKind.ONE_TO_ONE: "Supervision",
    RecordKind.GROUP: "Group",
    RecordKind.AD_HOC: "Decision",
    RecordKind.AGREEMENT: "Agreement",
}


def status_text(entry: ThreadEntry) -> str:
    if entry.status is not RecordStatus.SIGNED:
        return entry.status.label
    return "Signed, amended" if entry.is_amended else "Signed"


class RecordThreadModel(RowsModel[ThreadEntry]):
    HEADERS = HEADERS

    #: Records being sealed in the background (the app's demo): shown so, never opened.
    being_sealed: frozenset[str] = frozenset()

    def set_being_sealed(self, record_ids: Iterable[str]) -> None:
        self.being_sealed = frozenset(record_ids)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, STATUS), self.index(self.rowCount() - 1, STATUS))

    def set_entries(self, entries: Sequence[ThreadEntry]) -> None:
        """Show ``entries``, newest first whatever order they come in."""
        self._replace_rows(sorted(entries, key=lambda e: e.held_on, reverse=True))

    def clear(self) -> None:
        self.set_entries([])

    def entry(self, row: int) -> ThreadEntry:
        return self.row(row)

    def cell_data(self, entry: ThreadEntry, column: int, role: int) -> Any:
        value: Any = None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            sealing = column == STATUS and entry.record_id in self.being_sealed
            value = BEING_SEALED if sealing else _TEXT[column](entry)
        elif role == Qt.ItemDataRole.ToolTipRole:
            value = _tooltip(entry, column)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == OPEN_ACTIONS:
            value = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        elif role == RECORD_ID_ROLE:
            value = entry.record_id
        elif role == SORT_ROLE:
            value = _sort_key(entry, column)
        return value


def _tooltip(entry: ThreadEntry, column: int) -> str | None:
    if column == KIND:
        return entry.kind.label
    if column == STATUS and entry.is_amended:
        return f"{entry.addenda} dated addenda after signing"
    return None


_TEXT: dict[int, Callable[[ThreadEntry], str]] = {
    DATE: lambda e: short_date(e.held_on),
    KIND: lambda e: KIND_WORDS[e.kind],
    TEMPLATE: lambda e: e.template_title,
    REFERENCE: lambda e: e.reference,
    STATUS: status_text,
    OPEN_ACTIONS: lambda e: str(e.open_actions) if e.open_actions else "",
}


def _sort_key(entry: ThreadEntry, column: int) -> Any:
    if column == DATE:
        return entry.held_on.toordinal()
    if column == OPEN_ACTIONS:
        return entry.open_actions
    return _TEXT[column](entry).casefold()
