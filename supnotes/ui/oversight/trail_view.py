"""File → Access trail…: what left the vault, when and where to; saved as CSV from here.

A read-only list (the main window's list keyboard: Tab moves on, the arrows
within), newest first, with a line counting the entries. The trail holds no
note content; it is closed when SupNotes locks all the same, with the other
windows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.trail import TrailEntry, trail_csv
from supnotes.services import trail
from supnotes.ui.common.file_dialogs import choose_save_path
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.rows_model import RowsModel
from supnotes.ui.views.list_table import build_list_table
from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

WHEN, KIND, RECORD, AUDIENCE, CHILD, DESTINATION = range(6)
_WORDS = {
    "export-pdf": "Exported PDF",
    "export-json": "Exported data",
    "export-highlights": "Exported highlights",
    "export-report": "Exported report",
    "export-text": "Exported text",
    "print": "Printed",
    "clipboard": "Copied",
    "backup": "Backed up",
    "restore": "Restored",
    "send": "Sent",
    "handover": "Handed over",
    "subject-access": "Subject-access pack",
}


def kind_words(entry: TrailEntry) -> str:
    return _WORDS.get(entry.kind.value, entry.kind.value.replace("-", " ").capitalize())


class TrailModel(RowsModel[TrailEntry]):
    HEADERS = ("When", "Act", "Record", "For", "Child", "Where to")

    def set_entries(self, entries: list[TrailEntry]) -> None:
        self._replace_rows(entries)

    def cell_data(self, row: TrailEntry, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        cells = (
            row.at.strftime("%d/%m/%Y %H:%M:%S"),
            kind_words(row),
            row.record_ref or "",
            row.audience or "",
            row.child_ref or "",
            row.destination or "",
        )
        return cells[column]


class TrailView(QDialog):
    """The access trail; ``vault`` gives the open vault (or None once locked)."""

    def __init__(self, vault: Callable[[], Vault | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("access-trail")
        self.setWindowTitle("Access trail")
        self._vault = vault
        self.entries: list[TrailEntry] = []
        self.model = TrailModel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("trail-summary")
        self.summary.setWordWrap(True)
        self.table = build_list_table(self, "trail-table", "Access trail", self.model)
        self.table.horizontalHeader().setSectionResizeMode(
            DESTINATION, QHeaderView.ResizeMode.Stretch
        )
        self.summary.setBuddy(self.table)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("trail-outcome")
        self.outcome.setWordWrap(True)
        self.save_button = QPushButton("Save as &CSV…", self)
        self.save_button.setObjectName("trail-save")
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        fit_to_screen(self, QSize(900, 440))  # never off a small screen
        self.refresh()

    def _open_vault(self) -> Vault | None:
        vault = self._vault()
        if vault is None or not vault.is_open:
            self.outcome.setText("The vault is locked. Unlock it and open the trail again.")
            return None
        return vault

    def refresh(self) -> None:
        vault = self._open_vault()
        if vault is None:
            return
        self.entries = trail.entries(vault)
        self.model.set_entries(list(reversed(self.entries)))  # newest first on screen
        count = len(self.entries)
        self.summary.setText(
            "Every export, print, copy, backup and restore of this vault, newest first: "
            f"{count} {'entry' if count == 1 else 'entries'}. No note content is kept here, "
            "and nothing here can be changed or removed."
        )
        self.save_button.setEnabled(bool(self.entries))
        if self.entries:
            self.table.selectRow(0)

    def save(self) -> Path | None:
        vault = self._open_vault()
        if vault is None:
            return None
        path = choose_save_path(
            self, vault, "Save the access trail", "access-trail.csv", "CSV (*.csv)"
        )
        if path is None:
            return None
        return self.write_csv(vault, path)

    def write_csv(self, vault: Vault, path: Path) -> Path | None:
        """Write the trail (oldest first, as ``supnotes trail --format csv``) to ``path``."""
        entries = trail.entries(vault)
        try:
            write_atomic(path, trail_csv(entries).encode("utf-8"))
        except VaultError as exc:
            self.outcome.setText(f"The access trail was not saved: {exc.one_line()}")
            return None
        except OSError as exc:
            self.outcome.setText(f"The access trail was not saved: {exc.strerror or exc}.")
            return None
        self.outcome.setText(f"Access trail saved: {len(entries)} entries in {path.name}.")
        return path
