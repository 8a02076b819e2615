"""The overdue list and the report dialog in the real main window, on a demo vault."""

from __future__ import annotations

import csv
import io
import re
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.services.overdue import OverdueEntry, OverdueKind, overdue_entries
from supnotes.ui.dialogs import help as help_ui
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.oversight import overdue_model as om
from supnotes.ui.oversight.overdue_view import OverdueDialog
from supnotes.ui.oversight.report_dialog import ReportDialog
from supnotes.ui.shell.controller import AppController
from tests.ui.oversight.conftest import NEWCOMER


def _open_overdue(qtbot: QtBot, controller: AppController) -> OverdueDialog:
    window = controller.window
    assert window is not None
    window.activateWindow()
    window.setFocus()
    QTest.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = controller.oversight.overdue
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.summary.text() != "Loading…", timeout=10_000)
    return dialog


def _select(dialog: OverdueDialog, kind: OverdueKind) -> int:
    for row in range(dialog.proxy.rowCount()):
        entry = dialog.proxy.index(row, 0).data(om.ENTRY_ROLE)
        if entry.kind is kind:
            dialog.table.selectRow(row)
            dialog.table.setCurrentIndex(dialog.proxy.index(row, 0))
            return row
    raise AssertionError(f"no {kind} entry")


def test_one_keystroke_opens_the_overdue_list(qtbot: QtBot, controller: AppController) -> None:
    dialog = _open_overdue(qtbot, controller)
    assert dialog.isVisible()
    assert dialog.model.rowCount() > 0
    assert dialog.summary.text().startswith("Overdue: ")
    kinds = {e.kind for e in dialog.model.entries()}
    assert OverdueKind.SUPERVISION in kinds
    newcomer = [e for e in dialog.model.entries() if e.worker_id == NEWCOMER.id]
    assert [(e.kind, e.days, e.details) for e in newcomer] == [
        (OverdueKind.SUPERVISION, 23, "No supervision yet")
    ]
    assert OverdueKind.ACTION in kinds
    vault = controller.lock.vault if controller.lock else None
    assert vault is not None
    assert dialog.model.entries() == overdue_entries(vault, date.today())


def test_the_shortcut_is_in_f1s_list(controller: AppController) -> None:
    assert controller.actions is not None
    rows = dict(help_ui.shortcut_rows(controller.actions.all()))
    keys = QKeySequence("Ctrl+Shift+O").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows.get("Overdue") == keys


def test_enter_on_a_supervision_opens_the_worker(qtbot: QtBot, controller: AppController) -> None:
    dialog = _open_overdue(qtbot, controller)
    row = _select(dialog, OverdueKind.SUPERVISION)
    entry = dialog.proxy.index(row, 0).data(om.ENTRY_ROLE)
    with qtbot.waitSignal(dialog.open_worker, timeout=5000):
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert controller.window is not None
    assert controller.window.parts.workers.selected_worker_id() == entry.worker_id
    assert dialog.isVisible()  # Enter did not press Close


def test_enter_on_a_supervision_leaves_search_and_shows_the_worker(
    qtbot: QtBot, controller: AppController
) -> None:
    window = controller.window
    assert window is not None
    box = window.parts.search_box
    box.setFocus()
    QTest.keyClicks(box, "school")
    assert window.right.currentWidget() is window.parts.search_results
    dialog = _open_overdue(qtbot, controller)
    row = _select(dialog, OverdueKind.SUPERVISION)
    entry = dialog.proxy.index(row, 0).data(om.ENTRY_ROLE)
    with qtbot.waitSignal(dialog.open_worker, timeout=5000):
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.right.currentWidget() is window.parts.thread
    assert box.text() == ""
    assert window.parts.workers.selected_worker_id() == entry.worker_id


def test_enter_on_an_action_opens_its_record(qtbot: QtBot, controller: AppController) -> None:
    dialog = _open_overdue(qtbot, controller)
    row = _select(dialog, OverdueKind.ACTION)
    entry = dialog.proxy.index(row, 0).data(om.ENTRY_ROLE)
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)

    def editor_open() -> bool:
        return any(
            isinstance(w, SessionEditor) and w.record_id == entry.record_id
            for w in QApplication.topLevelWidgets()
        )

    qtbot.waitUntil(editor_open, timeout=10_000)


def test_locking_closes_the_overdue_list(qtbot: QtBot, controller: AppController) -> None:
    dialog = _open_overdue(qtbot, controller)
    assert controller.lock is not None
    controller.lock.lock()
    assert not dialog.isVisible()
    assert dialog.model.rowCount() == 0


def test_the_model_passes_qt_model_tester(
    qtbot: QtBot, controller: AppController, qtmodeltester: Any
) -> None:
    entries = _open_overdue(qtbot, controller).model.entries()
    model = om.OverdueModel()
    model.set_entries(entries)
    qtmodeltester.check(model, force_py=True)
    model.set_entries(entries[:1])  # resets are checked too
    model.clear()
    model.set_entries(entries)
    days = [int(model.index(r, om.DAYS).data()) for r in range(model.rowCount())]
    assert all(d > 0 for d in days)
    assert model.headerData(om.DAYS, Qt.Orientation.Horizontal) == "Days overdue"


def test_report_dialog_writes_a_csv_off_the_ui_thread(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    assert controller.actions is not None
    controller.actions.compliance_report.trigger()
    dialog = controller.oversight.report
    assert isinstance(dialog, ReportDialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    out = tmp_path / "team.csv"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.written, timeout=20_000) as said:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert str(out) in said.args[0]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) >= 2
    assert rows[-1]["Worker"].startswith("Team totals")
    assert not re.search(r"C-1\d{5}", text)  # no demo child reference


def test_report_dialog_refuses_a_missing_folder_in_words(
    controller: AppController, tmp_path: Path
) -> None:
    assert controller.actions is not None
    controller.actions.compliance_report.trigger()
    dialog = controller.oversight.report
    assert isinstance(dialog, ReportDialog)
    dialog.path.setText(str(tmp_path / "nowhere" / "r.pdf"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "does not exist" in dialog.message.text()
    assert dialog.isVisible()


def test_summary_counts_workers_not_group_sessions() -> None:
    from supnotes.services.overdue import GROUP_SESSIONS, OverdueEntry
    from supnotes.ui.oversight.overdue_view import summary_text

    day = date(2026, 5, 1)
    entries = [
        OverdueEntry("w1", "Ann", OverdueKind.SUPERVISION, "No supervision yet", day, 4, None),
        OverdueEntry("w1", "Ann", OverdueKind.ACTION, "Book it", day, 4, "r1"),
        OverdueEntry(None, GROUP_SESSIONS, OverdueKind.ACTION, "Share notes", day, 9, "r2"),
        OverdueEntry("w2", "Ben", OverdueKind.AGREEMENT, "Agreement of 2025-01-01", day, 2, "r3"),
    ]
    assert summary_text(entries) == (
        "Overdue: 1 supervision, 2 actions, 1 agreement past its review date, "
        "for 2 workers and group sessions."
    )
    assert summary_text([]) == "Nothing is overdue."


def test_the_overview_opens_on_the_demo_vault(
    qtbot: QtBot, controller: AppController, qtmodeltester: Any
) -> None:
    from PySide6.QtGui import QColor

    from supnotes.ui.oversight.overview_view import OverviewDialog

    assert controller.actions is not None
    controller.actions.oversight_overview.trigger()
    dialog = controller.oversight.overview
    assert isinstance(dialog, OverviewDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    lines = dialog.chart.lines
    assert len(lines) == dialog.model.rowCount() > 3
    newcomer = next(line for line in lines if line.worker.id == NEWCOMER.id)
    assert newcomer.overdue  # no supervision since starting a month ago
    assert len(newcomer.due_dates) == 4  # weekly: 7, 14, 21, 28 days after starting
    qtmodeltester.check(dialog.model, force_py=True)
    # Caseload: every demo worker has counts; the table's columns agree with the data.
    assert len(dialog.caseload.lines) >= len(lines) - 1  # the newcomer has none
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    assert headers[-3:] == ["Caseload at start", "Caseload at end", "Highest caseload"]
    first = lines[0]
    end_count = first.worker.caseload_on(first.window.end)
    assert dialog.model.index(0, 10).data() == ("" if end_count is None else str(end_count))
    # The chart is drawn: the newcomer's overdue stretch is shaded (not the base colour).
    dialog.chart.resize(900, dialog.chart.sizeHint().height())
    image = dialog.chart.grab().toImage()
    row = lines.index(newcomer)
    y = int(dialog.chart._top() + dialog.chart._row_height() * (row + 0.3))
    x = int(dialog.chart.x_of(NEWCOMER.start_date + timedelta(days=20)))
    base = dialog.chart.palette().color(dialog.chart.backgroundRole())
    assert QColor(image.pixel(x, y)) != base


def test_details_read_dates_as_the_other_lists_do(qtbot: QtBot) -> None:
    model = om.OverdueModel()
    due = date(2026, 11, 26)
    model.set_entries(
        [
            OverdueEntry(
                "w1", "Ann", OverdueKind.SUPERVISION, "Last held 2026-10-29", due, 4, None
            ),
            OverdueEntry(
                "w1", "Ann", OverdueKind.AGREEMENT, "Agreement of 2025-03-01", due, 4, "r"
            ),
            OverdueEntry("w1", "Ann", OverdueKind.ACTION, "Ring 2026-13-45 back", due, 4, "r"),
        ]
    )
    shown = [model.index(row, om.DETAILS).data() for row in range(3)]
    assert shown == ["Last held 29 Oct 2026", "Agreement of 1 Mar 2025", "Ring 2026-13-45 back"]
    assert model.index(0, om.DUE).data() == "26 Nov 2026"  # as the Was due column reads
