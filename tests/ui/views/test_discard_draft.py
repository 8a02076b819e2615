"""Discarding a draft from the worker's thread: Delete asks first; Keep is the default."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordStatus
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.views.conftest import Window


def _thread_with_rows(qtbot: QtBot, window: Window) -> None:
    panel, thread = window.parts.workers, window.parts.thread
    thread.show()  # the parts are top-level widgets in this fixture
    qtbot.waitExposed(thread)
    thread.activateWindow()
    qtbot.waitUntil(thread.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(thread.loaded, timeout=10_000):
        panel.table.selectRow(0)
    thread.table.setFocus()
    qtbot.waitUntil(thread.table.hasFocus, timeout=2000)


def _row_of(window: Window, status: RecordStatus) -> int:
    model = window.parts.thread.model
    return next(r for r in range(model.rowCount()) if model.entry(r).status is status)


def _question() -> QMessageBox | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "discard-draft"
        ),
        None,
    )


def test_delete_on_a_draft_asks_and_return_keeps_it(qtbot: QtBot, window: Window) -> None:
    _thread_with_rows(qtbot, window)
    thread = window.parts.thread
    row = _row_of(window, RecordStatus.DRAFT)
    entry = thread.model.entry(row)
    thread.table.setCurrentIndex(thread.model.index(row, 0))
    QTest.keyClick(thread.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _question() is not None, timeout=2000)
    box = _question()
    assert box is not None
    assert entry.reference in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)  # the default: Keep it
    qtbot.waitUntil(lambda: _question() is None, timeout=2000)
    vault = window.lock.vault
    assert vault is not None
    assert entry.record_id in RecordRepository(vault).ids()


def test_choosing_discard_deletes_the_draft_and_the_thread_updates(
    qtbot: QtBot, window: Window
) -> None:
    _thread_with_rows(qtbot, window)
    thread = window.parts.thread
    row = _row_of(window, RecordStatus.DRAFT)
    entry = thread.model.entry(row)
    count = thread.model.rowCount()
    thread.table.setCurrentIndex(thread.model.index(row, 0))
    QTest.keyClick(thread.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _question() is not None, timeout=2000)
    box = _question()
    assert box is not None
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=2000)
    with qtbot.waitSignal(thread.loaded, timeout=10_000):
        QTest.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # &Discard draft
    vault = window.lock.vault
    assert vault is not None
    assert entry.record_id not in RecordRepository(vault).ids()
    assert thread.model.rowCount() == count - 1


def test_a_signed_record_is_never_discarded(qtbot: QtBot, window: Window) -> None:
    _thread_with_rows(qtbot, window)
    thread = window.parts.thread
    row = _row_of(window, RecordStatus.SIGNED)
    entry = thread.model.entry(row)
    thread.table.setCurrentIndex(thread.model.index(row, 0))
    with qtbot.waitSignal(thread.discarder.refused, timeout=2000) as refused:
        QTest.keyClick(thread.table, Qt.Key.Key_Delete)
    assert "signed" in str(refused.args[0])
    assert _question() is None
    vault = window.lock.vault
    assert vault is not None
    assert entry.record_id in RecordRepository(vault).ids()


def test_a_draft_open_in_an_editor_is_not_discarded(qtbot: QtBot, window: Window) -> None:
    _thread_with_rows(qtbot, window)
    thread = window.parts.thread
    row = _row_of(window, RecordStatus.DRAFT)
    thread.discarder.is_open = lambda record_id: True
    thread.table.setCurrentIndex(thread.model.index(row, 0))
    with qtbot.waitSignal(thread.discarder.refused, timeout=2000) as refused:
        QTest.keyClick(thread.table, Qt.Key.Key_Delete)
    assert "open in an editor" in str(refused.args[0])
