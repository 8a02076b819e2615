"""A worker's records as a table model, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.ui.views.formatting import short_date
from supnotes.vault.repositories.thread import ThreadEntry

Index = QModelIndex | QPersistentModelIndex

DATE, KIND, TEMPLATE, REFERENCE, STATUS, OPEN_ACTIONS = range(6)
HEADERS = ("Date", "Kind", "Template", "Reference", "Status", "Open actions")

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # str: the record's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the column correctly

KIND_WORDS = {
    RecordKind.ONE_TO_ONE: "Supervision",
    RecordKind.GROUP: "Group",
    RecordKind.AD_HOC: "Decision",
    RecordKind.AGREEMENT: "Agreement",
}


def status_text(entry: ThreadEntry) -> str:
    if entry.status is RecordStatus.DRAFT:
        return "Draft"
    return "Signed, amended" if entry.is_amended else "Signed"


class RecordThreadModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ThreadEntry] = []

    def set_entries(self, entries: Sequence[ThreadEntry]) -> None:
        """Show ``entries``, newest first whatever order they come in."""
        self.beginResetModel()
        self._rows = sorted(entries, key=lambda e: e.held_on, reverse=True)
        self.endResetModel()

    def clear(self) -> None:
        self.set_entries([])

    def entry(self, row: int) -> ThreadEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        value: Any = None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = _TEXT[column](entry)
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
