"""The selected worker's thread, searching, and opening a record from either."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.shell import record_opening
from supnotes.ui.views import search_model as sm
from supnotes.ui.views import thread_model as tm
from supnotes.ui.views import worker_model as wm
from supnotes.ui.views.search_view import FIRST_SNIPPETS
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.views.conftest import Window


def _select_first_worker(qtbot: QtBot, window: Window) -> str:
    panel, thread = window.parts.workers, window.parts.thread
    with qtbot.waitSignal(thread.loaded, timeout=10_000):
        panel.table.selectRow(0)
    worker_id = panel.selected_worker_id()
    assert worker_id is not None
    return worker_id


def test_thread_shows_the_selected_workers_records_newest_first(
    qtbot: QtBot, window: Window
) -> None:
    worker_id = _select_first_worker(qtbot, window)
    vault = window.lock.vault
    assert vault is not None
    model = window.parts.thread.model
    expected = RecordRepository(vault).summaries(worker_id=worker_id)
    assert model.rowCount() == len(expected) > 3
    dates = [model.entry(r).held_on for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert {model.entry(r).record_id for r in range(model.rowCount())} == {s.id for s in expected}
    name = window.parts.workers.model.standing(
        window.parts.workers.model.row_of(worker_id) or 0
    ).worker.name
    assert name in window.parts.thread.title.text()
    assert model.index(0, tm.STATUS).data() in {"Draft", "Signed", "Signed, amended"}


def test_enter_on_a_thread_row_opens_that_record(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(record_opening, "open_record", lambda _ctx, rid: opened.append(rid))
    _select_first_worker(qtbot, window)
    table = window.parts.thread.table
    table.show()
    table.setCurrentIndex(table.model().index(2, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert opened == [window.parts.thread.model.entry(2).record_id]


def test_search_finds_a_known_record_and_opening_it_calls_the_seam(
    qtbot: QtBot, window: Window, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = window.lock.vault
    assert vault is not None
    target = RecordRepository(vault).summaries()[5]
    content = RecordRepository(vault).get(target.id)
    word = next(
        w
        for value in content.record.answers.values()
        if isinstance(value, str)
        for w in value.split()
        if w.isalpha() and len(w) > 6
    )
    opened: list[str] = []
    monkeypatch.setattr(record_opening, "open_record", lambda _ctx, rid: opened.append(rid))

    results = window.parts.search_results
    results.search_soon(f"{target.reference} {word}")  # both must match: one record
    with qtbot.waitSignal(results.searched, timeout=10_000):
        pass
    model = results.model
    assert model.rowCount() == 1
    assert model.index(0, sm.SNIPPET).data(sm.RECORD_ID_ROLE) == target.id
    snippet = model.index(0, sm.SNIPPET).data(sm.SNIPPET_HTML_ROLE)
    assert f"<b>{word.lower()}</b>" in snippet.lower()
    assert "\x02" not in model.index(0, sm.SNIPPET).data()

    results.table.show()
    results.table.doubleClicked.emit(model.index(0, sm.SNIPPET))
    results.table.activated.emit(model.index(0, sm.SNIPPET))
    assert opened == [target.id]


def test_typed_fts_syntax_never_errors(qtbot: QtBot, window: Window) -> None:
    results = window.parts.search_results
    for text in ('"unclosed', "AND OR NOT", "a:b (c", "NEAR(x y", "*", "-"):
        with qtbot.waitSignal(results.searched, timeout=10_000):
            results.search(text)


def test_filters_narrow_the_results(qtbot: QtBot, window: Window) -> None:
    results = window.parts.search_results
    with qtbot.waitSignal(results.searched, timeout=10_000):
        results.search("caseload")
    everyone = results.model.rowCount()
    worker_id = window.parts.workers.model.index(0, wm.NAME).data(wm.WORKER_ID_ROLE)
    with qtbot.waitSignal(results.searched, timeout=10_000):
        results.worker_filter.setCurrentIndex(results.worker_filter.findData(worker_id))
    assert 0 < results.model.rowCount() < everyone
    with qtbot.waitSignal(results.searched, timeout=10_000):
        results.kind_filter.setCurrentIndex(results.kind_filter.findData("agreement"))
    kinds = {results.model.hit(r).kind for r in range(results.model.rowCount())}
    assert kinds <= {"agreement"}


def test_snippets_beyond_the_first_rows_are_filled_in_after_the_results(
    qtbot: QtBot, window: Window
) -> None:
    vault = window.lock.vault
    assert vault is not None
    results = window.parts.search_results
    # A reference prefix every demo record has: more hits than carry snippets at first.
    prefix = RecordRepository(vault).summaries()[0].reference[:2]
    results.search_soon(f"{prefix}*")
    with qtbot.waitSignal(results.searched, timeout=10_000):
        pass
    model = results.model
    assert model.rowCount() > FIRST_SNIPPETS
    qtbot.waitUntil(lambda: all(model.hit(r).snippet for r in range(model.rowCount())))
    last = model.index(model.rowCount() - 1, sm.SNIPPET).data(sm.SNIPPET_HTML_ROLE)
    assert "<b>" in last


def test_typed_search_shows_each_snippets_first_match_in_its_cell(
    qtbot: QtBot, window: Window
) -> None:
    """D3: the words found get most of the width, and a long snippet is cut around its match."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    from supnotes.ui.views.rich_text_delegate import MARGIN, RichTextDelegate, first_bold, runs

    results = window.parts.search_results
    results.ensure_built()
    results.resize(560, 420)  # about the panel's width beside the worker list at 1024 px
    results.show()
    qtbot.waitExposed(results)
    box = window.parts.search_box
    box.setFocus()
    with qtbot.waitSignal(results.searched, timeout=10_000):
        QTest.keyClicks(box, "court")
        QTest.keyClick(box, Qt.Key.Key_Return)
    model, table = results.model, results.table
    qtbot.waitUntil(lambda: all(model.hit(r).snippet for r in range(model.rowCount())))
    assert model.rowCount() > 3
    header = table.horizontalHeader()
    after_date = table.viewport().width() - header.sectionSize(sm.DATE)
    assert header.sectionSize(sm.SNIPPET) >= after_date // 2

    delegate = table.itemDelegateForColumn(sm.SNIPPET)
    assert isinstance(delegate, RichTextDelegate)
    moved = 0
    for row in range(model.rowCount()):
        index = model.index(row, sm.SNIPPET)
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        option.rect = table.visualRect(index)
        layout, spot = delegate.spot(option, index)
        match = first_bold(runs(index.data(sm.SNIPPET_HTML_ROLE)))
        assert match is not None
        line = layout.lineAt(0)
        ends = [spot.x + _x(line.cursorToX(p)) for p in match]
        room = table.fontMetrics().horizontalAdvance("…")
        left = room if spot.left_mark else 0
        right = option.rect.width() - 2 * MARGIN - (room if spot.right_mark else 0)
        assert left - 1 <= min(ends), (row, ends, left)
        assert max(ends) <= right + 1, (row, ends, right)
        moved += spot.left_mark
    assert moved  # some matches lay beyond the cell's end: they were brought into view


def _x(cursor: object) -> float:
    value = cursor[0] if isinstance(cursor, tuple) else cursor
    assert isinstance(value, float | int)
    return float(value)
