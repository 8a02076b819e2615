"""File → Highlights…: good practice, learning themes and items to feed up for a period.

The same export as ``supnotes highlights``: CSV or PDF, with no child's
details, wellbeing content or names (docs/templates.md, "Collections").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from supnotes.domain.highlights import HighlightsError
from supnotes.domain.template_loader import TemplateLibrary
from supnotes.ui.common import file_dialogs, outcome
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class HighlightsView(QDialog):
    def __init__(
        self,
        vault: Callable[[], Vault | None],
        library: TemplateLibrary,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("highlights")
        self.setWindowTitle("Highlights")
        self._vault = vault
        self._library = library
        today = today or date.today()
        # By default the last three whole months and this one (a quarter's meeting).
        months = today.year * 12 + today.month - 1 - 3
        self.start = QDateEdit(_qdate(date(months // 12, months % 12 + 1, 1)), self)
        self.end = QDateEdit(_qdate(today), self)
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        self.format.addItem("PDF", "pdf")
        self.format.addItem("CSV (spreadsheet)", "csv")
        self.outcome = QLabel(self)
        self.outcome.setObjectName("highlights-outcome")
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("&Save…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.choose_file)
        layout = QFormLayout(self)
        layout.addRow(
            QLabel(
                "Good practice, learning themes and items to feed up from signed records: "
                "no child's details, wellbeing content or names.",
                self,
            )
        )
        layout.addRow("From", self.start)
        layout.addRow("To", self.end)
        layout.addRow("Format", self.format)
        layout.addRow(self.outcome)
        layout.addRow(buttons)

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    def choose_file(self) -> None:
        fmt = str(self.format.currentData())
        start, end = self.period()
        suggested = f"highlights-{start.isoformat()}-to-{end.isoformat()}.{fmt}"
        chosen = file_dialogs.choose_save_path(
            self, self._vault(), "Save the highlights", suggested, ""
        )
        if chosen is not None:
            self.write(chosen)

    def write(self, out: Path) -> int | None:
        from supnotes.services.highlights import export

        vault = self._vault()
        if vault is None or not vault.is_open:
            self.outcome.setText("The vault is locked. Unlock it and try again.")
            return None
        start, end = self.period()
        try:
            count = export(
                vault,
                start,
                end,
                fmt="pdf" if self.format.currentData() == "pdf" else "csv",
                out=out,
                library=self._library,
            )
        except HighlightsError as exc:
            self.outcome.setText(str(exc))
            return None
        except VaultError as exc:
            self.outcome.setText(f"Not saved: {exc.message} {exc.advice}")
            return None
        # Done: the focus leaves Save… (the next Enter would ask again) for Close.
        outcome.done(self.outcome, f"Saved {count} highlight(s) to {out}.", self.close_button)
        return count
