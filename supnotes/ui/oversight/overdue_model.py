"""The overdue list as a table: worker, what, details, due, days overdue."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from supnotes.services.overdue import OverdueEntry
from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.views.formatting import short_date

WORKER, KIND, DETAILS, DUE, DAYS = range(5)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the OverdueEntry of a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # sortable value of a cell


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _due(day: date) -> str:
    return short_date(day)


def _details(text: str) -> str:
    """The service's details with its ISO dates read as the other lists show them.

    ("Last held 2026-10-29" becomes "Last held 29 Oct 2026"; the CSV report keeps ISO.)
    """

    def shown(match: re.Match[str]) -> str:
        try:
            return short_date(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return match[0]

    return _ISO_DAY.sub(shown, text)


class OverdueModel(RowsModel[OverdueEntry]):
    HEADERS = ("Worker", "Overdue", "Details", "Was due", "Days overdue")

    def set_entries(self, entries: list[OverdueEntry]) -> None:
        self._replace_rows(entries)

    def clear(self) -> None:
        self._replace_rows([])

    def entries(self) -> list[OverdueEntry]:
        return list(self._rows)

    def cell_data(self, row: OverdueEntry, column: int, role: int) -> Any:
        if role == ENTRY_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.worker_name,
                row.kind.label,
                _details(row.details),
                _due(row.due_on),
                str(row.days),
            )[column]
        if role == SORT_ROLE:
            return (
                row.worker_name.casefold(),
                row.kind.label,
                row.details,
                row.due_on.isoformat(),
                row.days,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            opens = "the worker" if row.record_id is None else "the record"
            return f"Enter or double-click opens {opens}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
