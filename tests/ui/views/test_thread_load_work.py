"""Filling a worker's records table costs the same for 60 records or 600 (cells asked, not time).

Qt measures column widths by asking every cell of every row for every role,
through Python; for the busiest worker of a 10-year vault that was most of the
time from choosing them to a filled table. The column fitter measures at most
:data:`CONTENT_ROWS` rows, so the cells asked stop growing with the records.

And a worker's rows are painted once, already at their fitted widths and with
their scroll bar: each paint asks every cell in view for every role, and a
paint at the old widths followed by the fit's repaint (and the scroll bar's)
made the user wait for three paints where one shows the same table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
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


class _Paints(QObject):
    """What the rows' viewport looked like at each paint: column widths, scroll bar."""

    def __init__(self, panel: ThreadPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.seen: list[tuple[list[int], bool, bool, bool]] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Paint:
            self.seen.append(self.now())
        return False

    def now(self) -> tuple[list[int], bool, bool, bool]:
        table = self.panel.table
        header = table.horizontalHeader()
        widths = [header.sectionSize(c) for c in range(header.count())]
        down, across = table.verticalScrollBar(), table.horizontalScrollBar()
        return widths, down.isVisible(), across.isVisible(), self.panel.columns.pending


def test_a_workers_rows_are_painted_once_at_their_fitted_widths(qtbot: QtBot) -> None:
    panel = ThreadPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    # A worker with three records (no scroll bar), then one with 600: as
    # choosing one worker after another in the list does.
    few = [replace(e, template_title="Note") for e in _entries(3)]
    panel._show(few)
    qtbot.wait(100)
    paints = _Paints(panel)
    panel.table.viewport().installEventFilter(paints)

    panel._show(_entries(600))
    assert not panel.columns.pending  # fitted before the event loop turns
    qtbot.wait(200)  # whatever the load left queued runs

    final = paints.now()
    assert final[1], "600 rows in 500 pixels need a scroll bar"
    assert not final[2], "fitted columns need no sideways scroll bar"
    assert paints.seen == [final], (
        "the new rows must be painted once, with their fitted widths and their scroll bar "
        "(widths, scroll bars shown down and across, fit pending, at each paint): "
        f"{paints.seen}; final: {final}"
    )


def test_plain_text_fitting_gives_the_widths_of_measuring_every_cell(qtbot: QtBot) -> None:
    """The thread measures only the widest text of each column the full way; same widths."""
    titles = ["One-to-one supervision", "Group: signs of safety", "ASYE", "Agreement"]
    statuses = [RecordStatus.SIGNED, RecordStatus.DRAFT]
    entries = [
        replace(
            e,
            template_title=titles[i % len(titles)],
            kind=list(RecordKind)[i % len(RecordKind)],
            status=statuses[i % 2],
            addenda=2 if i % 4 == 0 else 0,
            open_actions=(i * 37) % 120,
        )
        for i, e in enumerate(_entries(2 * CONTENT_ROWS))
    ]
    panel = ThreadPanel()
    qtbot.addWidget(panel)
    panel.resize(1400, 500)  # room for every column whole: widths are the wanted ones
    panel.show()
    qtbot.waitExposed(panel)
    panel._show(entries)
    header = panel.table.horizontalHeader()
    fitted = [header.sectionSize(c) for c in range(header.count())]
    assert panel.columns.plain_text
    panel.columns.plain_text = False
    panel.columns.fit_now()
    assert [header.sectionSize(c) for c in range(header.count())] == fitted


def test_fitting_a_workers_columns_measures_one_cell_per_column(qtbot: QtBot) -> None:
    """Measuring a cell asks the model for every role, each a call into Python.

    The widest text of each column is found from its display text alone; only
    that cell is measured in full (Qt asks it for its size hint first).
    """
    panel = ThreadPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    measured = 0
    original = panel.model.cell_data

    def counting(entry: ThreadEntry, column: int, role: int) -> Any:
        nonlocal measured
        measured += role == Qt.ItemDataRole.SizeHintRole
        return original(entry, column, role)

    panel.model.cell_data = counting  # type: ignore[method-assign]
    panel._show(_entries(600))
    assert measured == panel.model.columnCount(), measured
