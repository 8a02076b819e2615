"""Showing search results costs the same for 60 hits or 200 (cells asked, not time).

Qt sizes a column to its contents by asking every row's cells for every role,
through Python; for the panel's 200 results that cost more than the search. The
list tables measure at most :data:`CONTENT_ROWS` rows, and the kind column one
cell of each kind shown, so the cells asked stop growing with the hits.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordKind, RecordStatus
from supnotes.ui.views import search_model as sm
from supnotes.ui.views.list_table import CONTENT_ROWS
from supnotes.ui.views.search_view import SearchPanel
from supnotes.ui.views.thread_model import KIND_WORDS
from supnotes.vault.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchHit

KINDS = [RecordKind.ONE_TO_ONE, RecordKind.GROUP, RecordKind.AD_HOC]


def _hits(count: int) -> list[SearchHit]:
    return [
        SearchHit(
            record_id=f"r{i}",
            reference=f"SUP-{i:05d}",
            held_on=date(2026, 1, 1) - timedelta(days=7 * i),
            kind=KINDS[i % len(KINDS)],
            status=RecordStatus.SIGNED,
            people=f"Worker {i}",
            snippet=f"the {HIGHLIGHT_START}school{HIGHLIGHT_END} visit number {i}",
            score=-float(count - i),
        )
        for i in range(count)
    ]


def _cells_asked(qtbot: QtBot, rows: int) -> int:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    asked = 0
    original = panel.model.cell_data

    def counting(hit: SearchHit, column: int, role: int) -> Any:
        nonlocal asked
        asked += 1
        return original(hit, column, role)

    panel.model.cell_data = counting  # type: ignore[method-assign]
    panel._show("school", _hits(rows))
    panel.table.viewport().repaint()
    assert panel.model.rowCount() == rows
    return asked


def test_cells_asked_do_not_grow_with_the_hits(qtbot: QtBot) -> None:
    few = _cells_asked(qtbot, CONTENT_ROWS + 10)
    many = _cells_asked(qtbot, 4 * CONTENT_ROWS)
    assert many <= few * 1.1, (few, many)


def test_the_kind_column_still_holds_its_widest_word(qtbot: QtBot) -> None:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 500)
    panel.show()
    qtbot.waitExposed(panel)
    # The widest kind only in the last row, far beyond the rows Qt measures.
    metrics = panel.table.fontMetrics()
    widest_kind = max(RecordKind, key=lambda k: metrics.horizontalAdvance(KIND_WORDS[k]))
    other = next(k for k in RecordKind if k is not widest_kind)
    hits = [replace(h, kind=other) for h in _hits(3 * CONTENT_ROWS)]
    hits[-1] = replace(hits[-1], kind=widest_kind)
    panel._show("school", hits)
    widest = max(
        panel.table.sizeHintForIndex(panel.model.index(row, sm.KIND)).width()
        for row in range(len(hits))
    )
    assert panel.table.horizontalHeader().sectionSize(sm.KIND) >= widest
