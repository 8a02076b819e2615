"""Editor → Mark as good practice…: a record, or one of its case discussions, with a short note.

A mark is the supervisor's annotation, not part of the record, so it can be
given, changed or removed after signing. Only the note travels to the
highlights export (masked): never the discussion itself.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from supnotes.domain.highlights import NOTE_MAX, GoodPracticeMark, HighlightsError
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.highlights import GoodPracticeRepository
from supnotes.vault.vault import Vault


class GoodPracticeDialog(QDialog):
    def __init__(self, vault: Vault, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("good-practice")
        self.setWindowTitle("Mark as good practice")
        self._vault = vault
        self._record_id = record_id
        self._repo = GoodPracticeRepository(vault)
        self._marks: dict[str | None, GoodPracticeMark] = {
            m.case_discussion_id: m for m in self._repo.marks(record_id)
        }
        self.target = QComboBox(self)
        self.target.setAccessibleName("What is good practice")
        self.target.addItem("The whole record", None)
        discussions = vault.query(
            "SELECT id, child_ref FROM case_discussion WHERE record_id = ? ORDER BY position",
            (record_id,),
        )
        for n, (discussion_id, child_ref) in enumerate(discussions, start=1):
            self.target.addItem(f"Case discussion {n} ({child_ref})", str(discussion_id))
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("In a few words, what was good (no names)")
        self.problem = QLabel(self)
        self.problem.setObjectName("good-practice-problem")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.mark_button = buttons.addButton("Mark", QDialogButtonBox.ButtonRole.AcceptRole)
        self.remove_button: QPushButton = buttons.addButton(
            "Remove mark", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.mark_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        layout = QFormLayout(self)
        layout.addRow("Good practice in", self.target)
        layout.addRow("Note", self.note)
        layout.addRow(
            QLabel(
                "The note appears in the highlights export (child references and names are "
                "masked there). The record itself is not changed.",
                self,
            )
        )
        layout.addRow(self.problem)
        layout.addRow(buttons)
        self.target.currentIndexChanged.connect(self._show_current)
        self._show_current()

    def _chosen(self) -> str | None:
        value = self.target.currentData()
        return None if value is None else str(value)

    def _show_current(self) -> None:
        mark = self._marks.get(self._chosen())
        self.note.setText(mark.note if mark is not None else "")
        self.remove_button.setEnabled(mark is not None)

    def save(self) -> None:
        try:
            self._repo.mark(
                self._record_id,
                self.note.text(),
                case_discussion_id=self._chosen(),
                on=date.today(),
            )
        except HighlightsError as exc:
            self.problem.setText(str(exc))
            return
        except VaultError as exc:
            self.problem.setText(f"Not saved: {exc.message} {exc.advice}")
            return
        self.accept()

    def remove(self) -> None:
        try:
            self._repo.unmark(self._record_id, case_discussion_id=self._chosen())
        except VaultError as exc:
            self.problem.setText(f"Not removed: {exc.message} {exc.advice}")
            return
        self.accept()
