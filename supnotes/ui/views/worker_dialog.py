"""Add or change a worker, and record that a worker leaves.

Dialogs are built by functions and return the dialog; the caller opens it
and, once accepted, reads :meth:`WorkerDialog.worker` (a domain ``Worker``,
already validated). Nothing here touches the vault.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.frequency import FrequencyRule
from supnotes.domain.ids import new_id
from supnotes.domain.people import CaseloadEntry, Stage, Worker
from supnotes.domain.rule_names import FREQUENCY_RULE_CHOICES, label_of, name_of, rule_named
from supnotes.domain.schedule import next_due
from supnotes.ui.views.formatting import short_date, warning_colour

NAME_LIMIT = 120
CASELOAD_LIMIT = 200
_STAGE_DEFAULT = "stage-default"
_OWN_RULE = "own-rule"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def date_edit(parent: QWidget, name: str, label: str, day: date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), parent)
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    return edit


class WorkerDialog(QDialog):
    """The worker's details; :meth:`worker` gives the result once accepted."""

    def __init__(
        self,
        existing: Worker | None,
        stage_rules: Mapping[Stage, FrequencyRule],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("worker-dialog")
        self.setWindowTitle("Change worker" if existing else "Add worker")
        self._existing = existing
        self._rules = stage_rules
        self._today = today
        self._result: Worker | None = None
        self._init_fields()
        self._init_layout()
        if existing is not None:
            self._fill(existing)
        self._update_preview()

    def _init_fields(self) -> None:
        self.name = QLineEdit(self)
        self.name.setObjectName("worker-name")
        self.name.setAccessibleName("Name")
        self.name.setMaxLength(NAME_LIMIT)
        self.role = QLineEdit(self)
        self.role.setObjectName("worker-role")
        self.role.setAccessibleName("Role")
        self.role.setPlaceholderText("For example Social Worker")
        self.team = QLineEdit(self)
        self.team.setObjectName("worker-team")
        self.team.setAccessibleName("Team")
        self.start = date_edit(self, "worker-start", "Start date", self._today)
        self.stage = QComboBox(self)
        self.stage.setObjectName("worker-stage")
        self.stage.setAccessibleName("Stage")
        for stage in Stage:
            self.stage.addItem(stage.label, str(stage))
        self.frequency = QComboBox(self)
        self.frequency.setObjectName("worker-frequency")
        self.frequency.setAccessibleName("Supervision frequency")
        self.frequency.addItem("", _STAGE_DEFAULT)
        for name, label in FREQUENCY_RULE_CHOICES:
            self.frequency.addItem(label, name)
        self.caseload = QSpinBox(self)
        self.caseload.setObjectName("worker-caseload")
        self.caseload.setAccessibleName("Caseload (children allocated today)")
        self.caseload.setRange(-1, CASELOAD_LIMIT)
        self.caseload.setSpecialValueText("Not counted")
        self.caseload.setValue(-1)
        self.preview = QLabel(self)
        self.preview.setObjectName("worker-next-due")
        self.error = QLabel(self)
        self.error.setObjectName("worker-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {warning_colour().name()}")
        self.error.hide()
        for signal in (self.start.dateChanged, self.stage.currentIndexChanged):
            signal.connect(self._update_preview)
        self.frequency.currentIndexChanged.connect(self._update_preview)

    def _init_layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Role", self.role)
        form.addRow("&Team", self.team)
        form.addRow("Start &date", self.start)
        form.addRow("Sta&ge", self.stage)
        form.addRow("&Frequency", self.frequency)
        form.addRow("Case&load", self.caseload)
        form.addRow("", self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        # Alt+S saves (Stage is Alt+G); the platform's "Save" may carry no letter.
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self, worker: Worker) -> None:
        self.name.setText(worker.name)
        self.role.setText(worker.role)
        self.team.setText(worker.team)
        self.start.setDate(to_qdate(worker.start_date))
        self.stage.setCurrentIndex(self.stage.findData(str(worker.stage)))
        if worker.frequency_rule is not None:
            found = self.frequency.findData(name_of(worker.frequency_rule))
            if found < 0:
                self.frequency.addItem(f"Own rule: {label_of(worker.frequency_rule)}", _OWN_RULE)
                found = self.frequency.count() - 1
            self.frequency.setCurrentIndex(found)
        if worker.current_caseload is not None:
            self.caseload.setValue(worker.current_caseload)

    # -- reading the form ----------------------------------------------------------

    def chosen_stage(self) -> Stage:
        return Stage(str(self.stage.currentData()))

    def chosen_rule(self) -> FrequencyRule | None:
        """The worker's own rule, or None to follow their stage."""
        choice = self.frequency.currentData()
        if choice == _STAGE_DEFAULT:
            return None
        if choice == _OWN_RULE:
            assert self._existing is not None
            return self._existing.frequency_rule
        return rule_named(str(choice))

    def _update_preview(self) -> None:
        stage_rule = self._rules[self.chosen_stage()]
        self.frequency.setItemText(0, f"As for their stage: {label_of(stage_rule)}")
        if self._existing is not None:
            self.preview.setText("")
            return
        rule = self.chosen_rule() or stage_rule
        due = next_due(rule, from_qdate(self.start.date()), None)
        self.preview.setText(f"First supervision due by {short_date(due)}")

    def problems(self) -> list[str]:
        """What stops the details being saved, in plain words."""
        found = []
        if not self.name.text().strip():
            found.append("Enter the worker's name.")
        start = from_qdate(self.start.date())
        if start.year > self._today.year + 1:
            found.append("The start date is more than a year ahead; check the year.")
        leaving = None if self._existing is None else self._existing.leaving_date
        if leaving is not None and leaving < start:
            found.append(f"They left on {short_date(leaving)}, before this start date.")
        return found

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error.setText(" ".join(problems))
            self.error.show()
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._result = self._build()
        super().accept()

    def _build(self) -> Worker:
        caseload = tuple(self._existing.caseload) if self._existing else ()
        count = self.caseload.value()
        current = self._existing.current_caseload if self._existing else None
        if count >= 0 and count != current:
            caseload = (
                *(e for e in caseload if e.on != self._today),
                CaseloadEntry(self._today, count),
            )
        return Worker(
            id=self._existing.id if self._existing else new_id(),
            name=self.name.text().strip(),
            role=self.role.text().strip(),
            team=self.team.text().strip(),
            start_date=from_qdate(self.start.date()),
            stage=self.chosen_stage(),
            frequency_rule=self.chosen_rule(),
            caseload=caseload,
            leaving_date=self._existing.leaving_date if self._existing else None,
        )

    def worker(self) -> Worker:
        """The worker as saved (after the dialog was accepted)."""
        assert self._result is not None, "the dialog was not accepted"
        return self._result


def build_worker_dialog(
    existing: Worker | None,
    stage_rules: Mapping[Stage, FrequencyRule],
    today: date,
    parent: QWidget | None = None,
) -> WorkerDialog:
    """A dialog to add a worker (``existing`` None) or change one."""
    return WorkerDialog(existing, stage_rules, today, parent)
