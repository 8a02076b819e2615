"""File → Retention review: records past the retention period, and their deliberate deletion.

The list shows each record due for review (reference, kind, date held,
signed or draft, the day it passed the period, why its period started — the
worker left, was handed over to another supervisor, or the record's creation —
and any kept record it waits for). Deleting asks once more, naming how many
records and under which rule, with "Keep them" as the default answer;
afterwards it says when the last automatic backup still holding them ages
out. The audit trail (no personal content) can be saved as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.retention import Due, audit_csv
from supnotes.services import retention
from supnotes.ui.common import file_dialogs, outcome
from supnotes.ui.common.fit import fit_to_screen
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.retention import NothingToDelete
from supnotes.vault.vault import Vault

HEADERS = ("Reference", "Kind", "Held on", "Status", "Past retention since", "Why", "Waits for")


def _date(day: object) -> str:
    from datetime import date

    return day.strftime("%d/%m/%Y") if isinstance(day, date) else ""


class RetentionView(QDialog):
    """The retention review; ``vault`` gives the open vault (or None once locked)."""

    def __init__(self, vault: Callable[[], Vault | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retention-review")
        self.setWindowTitle("Retention review")
        self._vault = vault
        self.due: list[Due] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName("Records past the retention period")
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.outcome.setObjectName("retention-result")
        self.delete_button = QPushButton("&Delete these records…", self)
        self.delete_button.setObjectName("retention-delete")
        self.audit_button = QPushButton("Save the &audit trail…", self)
        self.audit_button.setObjectName("retention-audit")
        self.confirm = QMessageBox(self)
        self.confirm.setObjectName("retention-confirm")
        self.confirm.setIcon(QMessageBox.Icon.Warning)
        self.confirm.setWindowTitle("Delete records past retention")
        self.confirm_delete = self.confirm.addButton(
            "Delete permanently", QMessageBox.ButtonRole.DestructiveRole
        )
        keep = self.confirm.addButton("Keep them", QMessageBox.ButtonRole.RejectRole)
        self.confirm.setDefaultButton(keep)
        self.confirm.setEscapeButton(keep)
        self.confirm.finished.connect(self._confirmed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addWidget(self.audit_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        self.delete_button.clicked.connect(self.ask)
        self.audit_button.clicked.connect(self.save_audit)
        fit_to_screen(self, QSize(760, 420))  # never off a small screen
        self.refresh()

    def _open_vault(self) -> Vault | None:
        vault = self._vault()
        if vault is None or not vault.is_open:
            self.outcome.setText("The vault is locked. Unlock it and open the review again.")
            return None
        return vault

    def refresh(self) -> None:
        vault = self._open_vault()
        if vault is None:
            return
        rule = retention.rule_of(vault)
        self.due = retention.review(vault)
        self.table.setRowCount(len(self.due))
        for row, item in enumerate(self.due):
            f = item.facts
            cells = (
                f.reference,
                f.kind,
                _date(f.held_on),
                "signed" if f.status == "signed" else "draft",
                _date(item.due_on),
                item.reason,
                ", ".join(item.waits_for),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        deletable = self.deletable()
        waiting = len(self.due) - len(deletable)
        words = [
            f"Retention rule: records are kept {rule.describe()} (Settings → Retention).",
            f"{len(self.due)} record(s) are past it and listed for review."
            if self.due
            else "No record is past it.",
        ]
        if waiting:
            words.append(
                f"{waiting} must wait: a record that is kept reviews their actions, "
                "and deleting them would change it."
            )
        self.summary.setText(" ".join(words))
        self.delete_button.setEnabled(bool(deletable))
        self.delete_button.setText(f"&Delete {len(deletable)} record(s)…")

    def deletable(self) -> list[Due]:
        return [d for d in self.due if d.deletable]

    def ask(self) -> None:
        vault = self._open_vault()
        chosen = self.deletable()
        if vault is None or not chosen:
            return
        rule = retention.rule_of(vault).describe()
        signed = sum(1 for d in chosen if d.facts.status == "signed")
        self.confirm.setText(f"Delete {len(chosen)} record(s) past the retention period ({rule})?")
        self.confirm.setInformativeText(
            f"{signed} of them are signed. Each goes with its sealed PDFs, actions, decisions, "
            "case discussions, attendees and search entries, and cannot be brought back "
            "(except from an older backup). An audit entry with the reference, the date, "
            "your name and the rule remains."
        )
        self.confirm.open()

    def _confirmed(self, _result: int) -> None:
        if self.confirm.clickedButton() is not self.confirm_delete:
            return
        vault = self._open_vault()
        chosen = self.deletable()
        if vault is None or not chosen:
            return
        # The deletion ends with VACUUM, which rewrites the whole file: off the UI thread.
        self.delete_button.setEnabled(False)
        self.audit_button.setEnabled(False)
        self.outcome.setText(f"Deleting {len(chosen)} record(s) and scrubbing the vault file…")
        run_in_background(
            lambda: retention.delete(vault, chosen), self._deleted, self._delete_failed
        )

    def _deleted(self, report: retention.DeletionReport) -> None:
        count = len(report.deleted.references)
        self.outcome.setText(
            f"Deleted {count} record(s) under the rule '{report.rule.describe()}'. "
            + report.backup_sentence()
        )
        self.audit_button.setEnabled(True)
        self.refresh()

    def _delete_failed(self, exc: BaseException) -> None:
        self.audit_button.setEnabled(True)
        if isinstance(exc, NothingToDelete):
            self.outcome.setText(f"Nothing was deleted: {exc}.")
        elif isinstance(exc, VaultError):
            self.outcome.setText(f"Nothing was deleted: {exc.message} {exc.advice}")
        else:
            raise exc
        self.refresh()

    def save_audit(self) -> None:
        vault = self._open_vault()
        if vault is None:
            return
        path = file_dialogs.choose_save_path(
            self, vault, "Save the audit trail", "retention-audit.csv", "CSV (*.csv)"
        )
        if path is not None:
            self.write_audit(vault, str(path))

    def write_audit(self, vault: Vault, path: str) -> None:
        entries = retention.audit(vault)
        try:
            Path(path).write_text(audit_csv(entries), encoding="utf-8")
        except OSError as exc:
            self.outcome.setText(f"The audit trail was not saved: {exc.strerror or exc}.")
            return
        # Done: the focus leaves "Save the audit trail…" for Close.
        outcome.done(self.outcome, f"Audit trail saved to {path}: {len(entries)} deletion(s).")
