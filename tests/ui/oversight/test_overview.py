"""The oversight overview on a real demo vault: actions and agreement reviews on each
worker's line and in the Table tab, the period chooser driven by real key events, and
the caseload levels read from (and edited in) the settings dialog."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from supnotes.domain.content import RecordContent
from supnotes.domain.ids import new_id
from supnotes.domain.records import Record, RecordKind, format_reference
from supnotes.domain.settings import CASELOAD_TARGET, CASELOAD_WARNING, setting
from supnotes.domain.template_loader import default_library
from supnotes.services.overdue import OverdueKind, overdue_entries
from supnotes.ui.dialogs.settings_dialog import SettingsDialog
from supnotes.ui.oversight.overview_view import OverviewDialog, TimelineTableModel
from supnotes.ui.oversight.period_chooser import last_months
from supnotes.ui.shell.controller import AppController
from supnotes.ui.views.formatting import warning_colour
from supnotes.vault.repositories.records import insert_contents
from supnotes.vault.repositories.settings import SettingsRepository
from supnotes.vault.repositories.templates import store_snapshot
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault
from tests.ui.oversight.conftest import NEWCOMER

M = TimelineTableModel


def _vault(controller: AppController) -> Vault:
    assert controller.lock is not None
    assert controller.lock.vault is not None
    return controller.lock.vault


def _add_agreement(vault: Vault, made_on: date, review: str) -> None:
    """A signed supervision agreement for the newcomer, with this review date ("": none)."""
    moment = datetime.now(UTC)
    record = Record(
        new_id(),
        format_reference(made_on.year, 9000),
        RecordKind.AGREEMENT,
        "supervision-agreement",
        1,
        made_on,
        worker_id=NEWCOMER.id,
        answers={"review.review-date": review} if review else {},
        created_at=moment,
        updated_at=moment,
    )
    with vault.transaction() as conn:
        store_snapshot(conn, default_library().get("supervision-agreement"))
        insert_contents(conn, [RecordContent(record)])


def _open(qtbot: QtBot, controller: AppController) -> OverviewDialog:
    assert controller.actions is not None
    controller.actions.oversight_overview.trigger()
    dialog = controller.oversight.overview
    assert isinstance(dialog, OverviewDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass  # the load runs off the UI thread and reports through the event loop
    return dialog


def test_actions_and_agreement_reviews_agree_with_the_overdue_list(
    qtbot: QtBot, controller: AppController, qtmodeltester: Any
) -> None:
    today = date.today()
    # No review date: due a year after it was made, so 20 days overdue today.
    _add_agreement(_vault(controller), today - timedelta(days=385), "")
    dialog = _open(qtbot, controller)
    entries = overdue_entries(_vault(controller), today)
    actions = Counter(e.worker_id for e in entries if e.kind is OverdueKind.ACTION)
    reviews = {e.worker_id: e.due_on for e in entries if e.kind is OverdueKind.AGREEMENT}
    assert sum(actions.values()) > 0  # the demo has overdue actions, or this tests nothing
    assert NEWCOMER.id in reviews
    lines = dialog.chart.lines
    for row, line in enumerate(lines):
        worker = line.worker.id
        assert line.actions_overdue == actions.get(worker, 0), line.worker.name
        assert dialog.model.index(row, M.ACTIONS_OVERDUE).data() == str(actions.get(worker, 0))
        assert dialog.model.index(row, M.OPEN_ACTIONS).data() == str(line.open_actions)
        assert line.open_actions >= line.actions_overdue
        if worker in reviews:
            assert line.review is not None
            assert line.review.overdue
            assert line.review.on == reviews[worker]
            cell = dialog.model.index(row, M.REVIEW)
            assert cell.data() == f"{reviews[worker].isoformat()} (overdue)"  # words, not colour
            assert cell.data(Qt.ItemDataRole.ForegroundRole) == warning_colour()
        elif line.review is not None:
            assert not line.review.overdue
            assert dialog.model.index(row, M.REVIEW).data() == line.review.on.isoformat()
    qtmodeltester.check(dialog.model, force_py=True)
    # The chart draws the overdue action in the warning red, under the worker's line.
    dialog.chart.resize(1000, dialog.chart.sizeHint().height())
    image = dialog.chart.grab().toImage()
    row, line = next((r, ln) for r, ln in enumerate(lines) if ln.actions_overdue)
    action = next(a for a in line.actions if a.overdue)
    x, y = int(dialog.chart.x_clamped(action.on)), int(dialog.chart.action_y(row))
    assert QColor(image.pixel(x, y)) == warning_colour()
    total = sum(line.actions_overdue for line in lines)
    assert f"Overdue today: {total} open actions, 1 agreement past review." in (
        dialog.summary.text()
    )


def test_the_period_chooser_redraws_with_real_keys(qtbot: QtBot, controller: AppController) -> None:
    dialog = _open(qtbot, controller)
    today = date.today()
    chooser = dialog.chooser
    assert dialog.chart.period == last_months(today, 6)
    periods: list[object] = []
    chooser.changed.connect(periods.append)
    chooser.preset.setFocus()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        QTest.keyClick(chooser.preset, Qt.Key.Key_Down)  # Last 6 months -> Last 12 months
    twelve = last_months(today, 12)
    assert periods == [twelve]
    assert dialog.chart.period == twelve == dialog.caseload._period
    assert dialog.model.rowCount() == len(dialog.chart.lines)
    first = dialog.chart.lines[0]
    assert dialog.model.index(0, 1).data() == (
        f"{first.window.start.isoformat()} to {first.window.end.isoformat()}"
    )
    # Down on the "from" field's year: a custom period a year longer.
    chooser.start.setFocus()
    chooser.start.setCurrentSection(chooser.start.Section.YearSection)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        QTest.keyClick(chooser.start, Qt.Key.Key_Down)
    assert chooser.preset.currentText() == "From… to…"
    longer = dialog.chart.period
    assert longer.end == today
    assert longer.start.year == twelve.start.year - 1
    assert all(line.window.start >= longer.start for line in dialog.chart.lines)
    # "to" a year earlier is still after "from" and redraws; a year more is refused
    # in words beside the dates, and nothing is reloaded.
    chooser.end.setFocus()
    chooser.end.setCurrentSection(chooser.end.Section.YearSection)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        QTest.keyClick(chooser.end, Qt.Key.Key_Down)
    shorter = dialog.chart.period
    assert shorter.start == longer.start
    assert shorter.end.year == today.year - 1
    assert chooser.problem.text() == ""
    QTest.keyClick(chooser.end, Qt.Key.Key_Down)
    assert chooser.period() is None
    assert chooser.problem.text() == "The period must start on or before its end."
    assert periods == [twelve, longer, shorter]  # the refused one was never sent
    assert dialog.chart.period == shorter


def test_caseload_levels_are_settings_and_old_stored_values_still_read(
    qtbot: QtBot, controller: AppController
) -> None:
    vault = _vault(controller)
    # As the old repository stored it, before the key joined the declarative table.
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO setting(key, value, updated_at) VALUES (?, ?, ?)",
            (CASELOAD_WARNING, json.dumps(24, sort_keys=True), "2026-01-01T00:00:00+00:00"),
        )
    assert SettingsRepository(vault).get(CASELOAD_WARNING) == 24
    assert SettingsStore(vault).get_int(CASELOAD_WARNING) == 24
    dialog = controller.open_settings()
    assert isinstance(dialog, SettingsDialog)
    warning, target = (dialog.editors[k] for k in (CASELOAD_WARNING, CASELOAD_TARGET))
    assert isinstance(warning, QSpinBox)
    assert isinstance(target, QSpinBox)
    assert (warning.value(), target.value()) == (24, 15)
    target.setFocus()
    target.selectAll()
    QTest.keyClicks(target, "12")
    dialog.accept()
    assert SettingsStore(vault).get_int(CASELOAD_TARGET) == 12
    assert SettingsRepository(vault).get(CASELOAD_TARGET) == 12
    overview = _open(qtbot, controller)
    assert (overview.caseload._warning, overview.caseload._target) == (24, 12)
    assert "(24)" in overview.caseload.legend_text()
    assert setting(CASELOAD_WARNING).group == "Caseload"
