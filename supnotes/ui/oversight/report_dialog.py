"""Compliance report…: choose the period, team, format and file; written off the UI thread."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.compliance import Period
from supnotes.domain.frequency import add_months
from supnotes.services.compliance_output import write_report as write_output
from supnotes.services.compliance_report import build_report, teams
from supnotes.ui.common.file_dialogs import remember_folder, start_folder
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

ALL_TEAMS = "All teams"
FORMATS = (("PDF", "pdf"), ("CSV (spreadsheet)", "csv"))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def write_report(vault: Vault, period: Period, team: str | None, fmt: str, out: Path) -> int:
    """Build and write the report (runs on a worker thread); returns the number of workers."""
    report = build_report(vault, period, team)
    write_output(vault, report, fmt, out)
    return len(report.rows)


def failure_words(exc: BaseException, out: Path) -> str:
    """One plain sentence for a failed write; never a traceback, never record content."""
    if isinstance(exc, VaultError):
        return exc.one_line()
    if isinstance(exc, OSError):
        return f"The report could not be written to {out}: {exc.strerror or 'system error'}."
    return f"The report could not be made ({type(exc).__name__})."


class ReportDialog(QDialog):
    written = Signal(str)  # a one-line message: where it went
    failed = Signal(str)  # a one-line reason

    def __init__(self, vault: Vault, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("report-dialog")
        self.setWindowTitle("Compliance report")
        self._vault = vault
        today = today or date.today()
        self.start = QDateEdit(_qdate(add_months(today, -3) + timedelta(days=1)), self)
        self.end = QDateEdit(_qdate(today), self)
        for edit, name in ((self.start, "report-from"), (self.end, "report-to")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.team = QComboBox(self)
        self.team.setObjectName("report-team")
        self.team.addItem(ALL_TEAMS)
        self.team.addItems(teams(vault))
        self.format = QComboBox(self)
        self.format.setObjectName("report-format")
        for label, value in FORMATS:
            self.format.addItem(label, value)
        self.path = QLineEdit(self)
        self.path.setObjectName("report-path")
        self.path.setAccessibleName("File to write")
        self._init_layout()
        self.format.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self.start.dateChanged.connect(lambda _d: self._suggest_path())
        self.end.dateChanged.connect(lambda _d: self._suggest_path())
        self._suggested = ""
        self._suggest_path()

    def _init_layout(self) -> None:
        choose = QPushButton("Choose…", self)
        choose.clicked.connect(self._choose)
        choose.setAutoDefault(False)  # a file chooser: never the default
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow("&From", self.start)
        form.addRow("&To", self.end)
        form.addRow("T&eam", self.team)
        form.addRow("F&ormat", self.format)
        file_label = QLabel("&File", self)
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        self.message = QLabel("", self)
        self.message.setObjectName("report-message")
        self.message.setWordWrap(True)
        note = QLabel(
            "Sessions due vs held, longest gap, days overdue, ASYE/NQSW progression, actions "
            "and caseload per worker, with team totals. No child's details or record text.",
            self,
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _fmt(self) -> str:
        return str(self.format.currentData())

    def _suggest_path(self) -> None:
        current = self.path.text().strip()
        if current and current != self._suggested:
            return  # the user typed or chose one: keep it
        name = (
            f"compliance-{_pydate(self.start.date()).isoformat()}-"
            f"{_pydate(self.end.date()).isoformat()}.{self._fmt()}"
        )
        self._suggested = str(start_folder(self._vault) / name)
        self.path.setText(self._suggested)

    def _choose(self) -> None:
        typed = Path(self.path.text().strip()).expanduser()
        if not (typed.name and typed.is_absolute() and typed.parent.is_dir()):
            typed = start_folder(self._vault) / typed.name  # never the app's own folder
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the report as", str(typed))
        if chosen:
            remember_folder(self._vault, Path(chosen))
            self.path.setText(chosen)

    def request(self) -> tuple[Period, str | None, str, Path] | str:
        """What to write, or a plain-words reason it cannot be written."""
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        if end < start:
            return "The period ends before it starts."
        text = self.path.text().strip()
        if not text:
            return "Choose a file to write the report to."
        out = Path(text).expanduser()
        if out.is_dir():
            return "That is a folder: give a file name."
        if not out.parent.is_dir():
            return f"The folder {out.parent} does not exist."
        team = None if self.team.currentIndex() == 0 else self.team.currentText()
        return Period(start, end), team, self._fmt(), out

    def write(self) -> None:
        asked = self.request()
        if isinstance(asked, str):
            self.message.setText(asked)
            return
        period, team, fmt, out = asked
        self.buttons.setEnabled(False)
        self.message.setText("Writing the report…")
        vault = self._vault

        def done(workers: int) -> None:
            self.written.emit(f"Compliance report for {workers} workers written.\nSaved to {out}.")
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            words = failure_words(exc, out)
            self.message.setText(words)
            self.failed.emit(words)

        run_in_background(lambda: write_report(vault, period, team, fmt, out), done, failed)
