"""Filling a worker's records table costs the same for 60 records or 600 (cells asked, not time).

Qt measures column widths by asking every cell of every row for every role,
through Python; for the busiest worker of a 10-year vault that was most of the
time from choosing them to a filled table. The column fitter measures at most
:data:`CONTENT_ROWS` rows, so the cells asked stop growing with the records.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.ui.views.column_fit import CONTENT_ROWS
from supnotes.ui.views.thread_view import ThreadPanel
from supnotes.vault.repositories.thread import ThreadEntry


def _entries(count: int) -> list[ThreadEntry]:
    return [
        ThreadEntry(
            record_id=f"r{i}",
            reference=f"SUP-{i:05d}",
            held_on=date(2026, 1, 1) - timedelta(days=7 * i),
            kind=RecordKind.ONE_TO_ONE,
            template_title="One-to-one supervision",
            status=RecordStatus.SIGNED,
            open_actions=i % 3,
            addenda=0,
        )
        for i in range(count)
    ]


def _cells_asked(qtbot: QtBot, rows: int) -> int:
    panel = ThreadPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    asked = 0
    original = panel.model.cell_data

    def counting(entry: ThreadEntry, column: int, role: int) -> Any:
        nonlocal asked
        asked += 1
        return original(entry, column, role)

    panel.model.cell_data = counting  # type: ignore[method-assign]
    panel.model.set_entries(_entries(rows))
    panel.body.setCurrentWidget(panel.table)
    qtbot.wait(50)  # the fitter runs on the next turn of the event loop
    panel.table.viewport().repaint()
    assert panel.model.rowCount() == rows
    return asked


def test_cells_asked_do_not_grow_with_the_records(qtbot: QtBot) -> None:
    few = _cells_asked(qtbot, CONTENT_ROWS + 10)
    many = _cells_asked(qtbot, 10 * CONTENT_ROWS)
    assert many <= few * 1.1, (few, many)
