"""Adding, changing and leaving a worker through the real dialogs and vault."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage
from supnotes.domain.rule_names import ASYE_RULE
from supnotes.domain.schedule import next_due
from supnotes.ui.views import worker_model as wm
from supnotes.ui.views.formatting import short_date, warning_colour
from supnotes.ui.views.leaving_dialog import LeavingDialog
from supnotes.ui.views.worker_dialog import WorkerDialog, to_qdate
from supnotes.vault.repositories.workers import WorkerRepository
from tests.ui.views.conftest import Window


def _row(window: Window, name: str) -> int | None:
    model = window.parts.workers.model
    for row in range(model.rowCount()):
        if model.index(row, wm.NAME).data() == name:
            return row
    return None


def _add(qtbot: QtBot, window: Window, name: str, start: date, stage: Stage) -> WorkerDialog:
    window.actions.add_worker.trigger()
    dialog = window.parts.wiring.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    QTest.keyClicks(dialog.name, name)
    dialog.start.setDate(to_qdate(start))
    dialog.stage.setCurrentIndex(dialog.stage.findData(stage))
    dialog.caseload.setValue(12)
    with qtbot.waitSignal(window.parts.workers.loaded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    return dialog


def test_add_asye_worker_shows_next_due_from_the_domain_rule(qtbot: QtBot, window: Window) -> None:
    today = date.today()
    start = today - timedelta(days=10)
    assert window.actions.add_worker.isEnabled()
    _add(qtbot, window, "Nia Test-Worker", start, Stage.ASYE)

    row = _row(window, "Nia Test-Worker")
    assert row is not None
    model = window.parts.workers.model
    due = next_due(ASYE_RULE, start, None)  # weekly in the first 6 weeks: start + 7 days
    assert due == start + timedelta(days=7)
    cell = model.index(row, wm.NEXT_DUE)
    assert cell.data(wm.DAYS_OVERDUE_ROLE) == (today - due).days == 3
    assert cell.data() == f"{wm.OVERDUE_MARK} {short_date(due)}"  # not colour alone
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("Supervision overdue by 3 days")
    assert QColor(cell.data(Qt.ItemDataRole.ForegroundRole)) == warning_colour()
    assert model.index(row, wm.LAST_HELD).data() == "None yet"
    assert model.index(row, wm.CASELOAD).data() == "12"
    # The new worker is selected, so their (empty) thread shows and edit is possible.
    assert window.parts.workers.selected_worker_id() == model.index(row, 0).data(wm.WORKER_ID_ROLE)
    assert window.actions.edit_worker.isEnabled()
    assert window.actions.new_session.isEnabled()


def test_a_new_worker_is_not_overdue_before_their_first_interval(
    qtbot: QtBot, window: Window
) -> None:
    start = date.today() - timedelta(days=3)
    _add(qtbot, window, "Olu Fresh", start, Stage.QUALIFIED)
    row = _row(window, "Olu Fresh")
    assert row is not None
    cell = window.parts.workers.model.index(row, wm.NEXT_DUE)
    assert cell.data() == short_date(start + timedelta(days=28))
    assert cell.data(wm.DAYS_OVERDUE_ROLE) == 0
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_dialog_refuses_a_worker_without_a_name(window: Window) -> None:
    window.actions.add_worker.trigger()
    dialog = window.parts.wiring.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.error.text() == "Enter the worker's name."
    assert dialog.name.accessibleName() == "Name"


def test_edit_then_leave(qtbot: QtBot, window: Window) -> None:
    panel = window.parts.workers
    vault = window.lock.vault
    assert vault is not None
    panel.table.selectRow(0)
    worker_id = panel.selected_worker_id()
    assert worker_id is not None

    window.actions.edit_worker.trigger()
    dialog = window.parts.wiring.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    dialog.name.setText("Renamed Person")
    dialog.frequency.setCurrentIndex(dialog.frequency.findData("fortnightly"))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        dialog.accept()
    saved = WorkerRepository(vault).get(worker_id)
    assert saved.name == "Renamed Person"
    assert saved.frequency_rule is not None
    assert saved.frequency_rule.describe() == "fortnightly"
    assert panel.selected_worker_id() == worker_id

    window.actions.worker_leaves.trigger()
    leaving = window.parts.wiring.commands.dialog
    assert isinstance(leaving, LeavingDialog)
    leaving.date.setDate(to_qdate(date.today()))
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        leaving.confirm.click()
    assert WorkerRepository(vault).get(worker_id).leaving_date == date.today()
    # Selected, so "Show leavers" switched on to keep them in view, marked as left.
    assert panel.show_leavers.isChecked()
    row = panel.model.row_of(worker_id)
    assert row is not None
    assert panel.model.index(row, wm.NEXT_DUE).data().startswith("Left ")
    panel.show_leavers.setChecked(False)
    names = [panel.proxy.index(r, wm.NAME).data() for r in range(panel.proxy.rowCount())]
    assert "Renamed Person" not in names
