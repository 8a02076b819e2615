"""Record that a worker leaves: a date and a confirmation, nothing deleted."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.people import Worker
from supnotes.ui.views.formatting import short_date, warning_colour
from supnotes.ui.views.worker_dialog import date_edit, from_qdate, to_qdate


class LeavingDialog(QDialog):
    """Choose the leaving date; :meth:`leaving_date` once accepted."""

    def __init__(self, worker: Worker, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaving-dialog")
        self.setWindowTitle("Worker leaves")
        self._worker = worker
        self.setMinimumWidth(440)
        name = html.escape(worker.name)
        text = QLabel(
            f"<p>Record the day <b>{name}</b> leaves (their last day is the day before).</p>"
            "<p>Their records stay in the vault for the retention period. They are hidden "
            "from the worker list unless <i>Show leavers</i> is ticked, and no supervision "
            "falls due after they leave.</p>",
            self,
        )
        text.setWordWrap(True)
        self.date = date_edit(self, "leaving-date", "Leaving date", worker.leaving_date or today)
        self.date.setMinimumDate(to_qdate(worker.start_date))
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {warning_colour().name()}")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm = buttons.addButton("Record leaving", QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("confirm-leaving")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        form = QFormLayout()
        form.addRow("&Leaving date", self.date)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def leaving_date(self) -> date:
        return from_qdate(self.date.date())

    def accept(self) -> None:
        if self.leaving_date() < self._worker.start_date:
            self.error.setText(f"They started on {short_date(self._worker.start_date)}.")
            self.error.show()
            return
        super().accept()


def build_leaving_dialog(
    worker: Worker, today: date, parent: QWidget | None = None
) -> LeavingDialog:
    return LeavingDialog(worker, today, parent)
