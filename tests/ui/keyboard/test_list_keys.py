"""Read-only lists: Tab leaves, arrows move, Enter opens; real key events.

The rules of docs/keyboard.md, checked on the main window as the controller
assembles it over the demo vault, for each of its three lists: workers, the
selected worker's records and the search results.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views.list_table import ListTable
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Vault

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(
    qapp: QApplication, qtbot: QtBot, open_vault: Vault, machine: MachineState
) -> Iterator[MainWindow]:
    write_demo(open_vault, build_demo(default_library(), today=date.today()))
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    controller.vault_ready(open_vault)
    window = controller.window
    assert window is not None
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    workers = window.parts.workers
    qtbot.waitUntil(lambda: workers.model.rowCount() > 0, timeout=10_000)
    yield window
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SessionEditor):
            widget.close()
    window.close()
    if controller.lock is not None and controller.lock.lock_dialog is not None:
        controller.lock.lock_dialog.done(0)
    qapp.setFont(font)
    controller.deleteLater()


def _key(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key, modifier)


def _focus_workers(qtbot: QtBot, window: MainWindow) -> ListTable:
    table = window.parts.workers.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(0)
    return table


def _selected_row(table: ListTable) -> int:
    rows = table.selectionModel().selectedRows()
    assert len(rows) == 1, "exactly one row stays selected"
    return rows[0].row()


def _open_editors() -> list[SessionEditor]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SessionEditor) and w.isVisible()
    ]


def _records_shown(qtbot: QtBot, window: MainWindow) -> None:
    thread = window.parts.thread
    qtbot.waitUntil(lambda: thread.model.rowCount() > 0, timeout=10_000)


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, CTRL])
def test_tab_leaves_the_worker_list_without_changing_the_worker(
    qtbot: QtBot, window: MainWindow, modifier: Qt.KeyboardModifier
) -> None:
    table = _focus_workers(qtbot, window)
    chosen = window.parts.workers.selected_worker_id()
    assert chosen is not None
    _key(qtbot, Qt.Key.Key_Tab, modifier)
    assert not table.hasFocus()
    assert window.parts.workers.selected_worker_id() == chosen  # Ctrl+Tab did not deselect
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    _key(qtbot, Qt.Key.Key_Backtab, modifier | SHIFT)
    assert not table.hasFocus()
    assert window.parts.workers.selected_worker_id() == chosen


def test_tab_from_the_workers_reaches_the_records_in_a_few_presses(
    qtbot: QtBot, window: MainWindow
) -> None:
    _focus_workers(qtbot, window)
    _records_shown(qtbot, window)
    records = window.parts.thread.table
    seen: list[QWidget | None] = []
    for _ in range(8):
        _key(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if records.hasFocus():
            break
    assert records.hasFocus(), [w.objectName() if w else None for w in seen]


def test_arrows_move_within_the_worker_list(qtbot: QtBot, window: MainWindow) -> None:
    table = _focus_workers(qtbot, window)
    _key(qtbot, Qt.Key.Key_Down)
    assert table.hasFocus()
    assert _selected_row(table) == 1
    _key(qtbot, Qt.Key.Key_Up)
    assert _selected_row(table) == 0
    _key(qtbot, Qt.Key.Key_Down, CTRL)  # Ctrl+arrow moves without letting go of the row
    _key(qtbot, Qt.Key.Key_Space, CTRL)
    assert len(table.selectionModel().selectedRows()) == 1


def test_enter_on_a_worker_goes_to_their_newest_record(qtbot: QtBot, window: MainWindow) -> None:
    _focus_workers(qtbot, window)
    _records_shown(qtbot, window)
    _key(qtbot, Qt.Key.Key_Return)
    records = window.parts.thread.table
    assert records.hasFocus()
    assert _selected_row(records) == 0  # newest first
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    assert dialogs == []  # not "Change worker"
    _key(qtbot, Qt.Key.Key_Escape)  # and back
    assert window.parts.workers.table.hasFocus()


def test_enter_on_a_record_opens_it_and_tab_leaves_the_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    _focus_workers(qtbot, window)
    _records_shown(qtbot, window)
    _key(qtbot, Qt.Key.Key_Return)
    records = window.parts.thread.table
    chosen = _selected_row(records)
    _key(qtbot, Qt.Key.Key_Tab, CTRL)
    assert not records.hasFocus()
    assert _selected_row(records) == chosen
    records.setFocus()
    qtbot.waitUntil(records.hasFocus)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_open_editors()) == 1, timeout=10_000)


def test_down_from_the_search_box_goes_to_the_results_and_escape_comes_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.commands.find.trigger()
    box, results = window.parts.search_box, window.parts.search_results
    qtbot.waitUntil(box.hasFocus)
    QTest.keyClicks(box, "supervision")
    _key(qtbot, Qt.Key.Key_Down)  # before the pause in typing has run the search
    qtbot.waitUntil(results.table.hasFocus, timeout=10_000)
    assert _selected_row(results.table) == 0
    if results.model.rowCount() > 1:
        _key(qtbot, Qt.Key.Key_Down)
        assert _selected_row(results.table) == 1
    _key(qtbot, Qt.Key.Key_Tab)
    assert not results.table.hasFocus()
    results.table.setFocus()
    qtbot.waitUntil(results.table.hasFocus)
    _key(qtbot, Qt.Key.Key_Escape)
    assert box.hasFocus()
    assert box.text() == "supervision"  # Escape in the results keeps the query
    _key(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(results.table.hasFocus, timeout=10_000)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_open_editors()) == 1, timeout=10_000)


def test_the_worker_list_has_the_keyboard_when_the_window_opens(
    qtbot: QtBot, window: MainWindow
) -> None:
    table = window.parts.workers.table
    qtbot.waitUntil(table.hasFocus, timeout=5_000)
    assert len(table.selectionModel().selectedRows()) == 1  # the focus is seen on a row


def test_enter_straight_after_choosing_a_worker_waits_for_their_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    table = _focus_workers(qtbot, window)
    _records_shown(qtbot, window)
    _key(qtbot, Qt.Key.Key_Down)  # another worker: their records start loading
    _key(qtbot, Qt.Key.Key_Return)  # before they are in
    records = window.parts.thread.table
    if window.parts.thread.model.rowCount() or window.parts.thread._loading:
        qtbot.waitUntil(records.hasFocus, timeout=10_000)
        assert _selected_row(records) == 0
    else:
        assert table.hasFocus()  # a worker with no records: the keyboard stays


def test_f1_in_the_main_window_lists_the_list_keys(qtbot: QtBot, window: MainWindow) -> None:
    from supnotes.ui.dialogs.help import ShortcutsModel

    window.commands.shortcuts.trigger()
    [sheet] = [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "shortcuts-dialog" and w.isVisible()
    ]
    model = sheet.findChild(ShortcutsModel)
    assert model is not None
    rows = {
        str(model.index(r, 0).data()): str(model.index(r, 1).data())
        for r in range(model.rowCount())
    }
    assert rows["Worker list: to their records, on the newest"] == "Enter"
    assert rows["Search box: go to the results"] == "Down"
    assert "Ctrl+Tab" in rows["Leave a list (workers, records, search results)"]
    assert "Shift+F10" in rows["Context menu (spelling in a text box)"]
    assert isinstance(sheet, QDialog)
    sheet.reject()


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, CTRL])
def test_home_and_end_go_to_the_first_and_last_row_of_each_list(
    qtbot: QtBot, window: MainWindow, modifier: Qt.KeyboardModifier
) -> None:
    """docs/keyboard.md: Home and End move within the list, not along the row's cells."""
    table = _focus_workers(qtbot, window)
    _records_shown(qtbot, window)
    last = table.model().rowCount() - 1
    assert last > 1
    _key(qtbot, Qt.Key.Key_Down)
    column = table.currentIndex().column()
    _key(qtbot, Qt.Key.Key_End, modifier)
    assert _selected_row(table) == last
    assert table.currentIndex().column() == column
    _key(qtbot, Qt.Key.Key_Home, modifier)
    assert _selected_row(table) == 0
    assert table.currentIndex().column() == column
    # The records of the first worker, as reached from the workers with Enter.
    _key(qtbot, Qt.Key.Key_Return)
    records = window.parts.thread.table
    qtbot.waitUntil(records.hasFocus, timeout=10_000)  # once the worker's records are in
    rows = records.model().rowCount()
    assert rows > 1
    _key(qtbot, Qt.Key.Key_End, modifier)
    assert _selected_row(records) == rows - 1
    assert records.currentIndex().column() == 0
    _key(qtbot, Qt.Key.Key_Home, modifier)
    assert _selected_row(records) == 0
    assert records.currentIndex().column() == 0
