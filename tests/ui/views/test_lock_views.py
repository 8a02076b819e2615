"""Locking drops every name the parts hold; unlocking loads them again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.views import thread_model as tm
from tests.ui.conftest import PASSPHRASE
from tests.ui.views.conftest import Window


def test_lock_drops_model_data_and_unlock_reloads(qtbot: QtBot, window: Window) -> None:
    parts = window.parts
    with qtbot.waitSignal(parts.thread.loaded, timeout=10_000):
        parts.workers.table.selectRow(1)
    chosen = parts.workers.selected_worker_id()
    with qtbot.waitSignal(parts.search_results.searched, timeout=10_000):
        parts.search_results.search("caseload")
    assert parts.search_results.model.rowCount() > 0
    assert parts.search_results.worker_filter.count() > 1

    window.lock.lock()
    assert parts.workers.model.rowCount() == 0
    assert parts.workers.summary.text() == ""
    assert parts.thread.model.rowCount() == 0
    assert parts.search_results.model.rowCount() == 0
    assert parts.search_results.worker_filter.count() == 1  # "All workers": no names
    assert not window.actions.add_worker.isEnabled()
    assert not window.actions.edit_worker.isEnabled()

    screen = window.lock.lock_dialog
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(parts.workers.loaded, timeout=10_000):
        screen.try_passphrase()
    assert parts.workers.model.rowCount() > 0
    assert "workers" in parts.workers.summary.text()
    assert parts.workers.selected_worker_id() == chosen  # the same worker, chosen again
    qtbot.waitUntil(lambda: parts.thread.model.rowCount() > 0, timeout=10_000)
    assert window.actions.add_worker.isEnabled()


def test_the_query_left_in_the_box_is_searched_again_after_unlock(
    qtbot: QtBot, window: Window
) -> None:
    parts = window.parts
    parts.search_box.setText("caseload")
    with qtbot.waitSignal(parts.search_results.searched, timeout=10_000):
        parts.search_box.search_requested.emit("caseload")
    found = parts.search_results.model.rowCount()
    assert found > 0
    window.lock.lock()
    assert parts.search_results.model.rowCount() == 0
    screen = window.lock.lock_dialog
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(parts.search_results.searched, timeout=10_000):
        screen.try_passphrase()
    assert parts.search_box.text() == "caseload"
    assert parts.search_results.model.rowCount() == found


def test_unlock_puts_the_selected_record_row_back(qtbot: QtBot, window: Window) -> None:
    parts = window.parts
    with qtbot.waitSignal(parts.thread.loaded, timeout=10_000):
        parts.workers.table.selectRow(1)
    thread = parts.thread
    assert thread.model.rowCount() > 2  # a row other than the newest can be chosen
    thread.table.setFocus()
    QTest.keyClick(thread.table, Qt.Key.Key_Down)
    QTest.keyClick(thread.table, Qt.Key.Key_Down)
    chosen = thread.table.selectionModel().selectedRows()
    assert len(chosen) == 1
    record_id = chosen[0].data(tm.RECORD_ID_ROLE)
    window.lock.lock()
    assert thread.model.rowCount() == 0
    screen = window.lock.lock_dialog
    assert screen is not None
    screen.passphrase.setText(PASSPHRASE)
    screen.try_passphrase()
    qtbot.waitUntil(lambda: thread.model.rowCount() > 0, timeout=10_000)
    rows = thread.table.selectionModel().selectedRows()
    assert [r.data(tm.RECORD_ID_ROLE) for r in rows] == [record_id]
