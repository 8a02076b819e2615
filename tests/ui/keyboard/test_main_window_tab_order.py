"""The main window's Tab order follows the screen (eyes5 D8); real Tab and Shift+Tab.

Found in a real window: Tab went Show leavers → workers → search box →
records, the search box (top right, in the toolbar) between the two lists,
the Lock button (and the other toolbar buttons) could not be reached at all,
and with search results shown the filters were visited in the order they
were made, zig-zagging across their grid.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views.filter_grid import FilterGrid
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Vault

#: Tab from "New session" with a worker's records shown, then round again.
ON_SCREEN = [
    "toolbar-new-session",
    "toolbar-quick-decision",
    "toolbar-add-worker",
    "search-box",
    "toolbar-lock",
    "show-leavers",
    "workers-table",
    "thread-table",
]


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
    qtbot.waitUntil(lambda: window.parts.thread.model.rowCount() > 0, timeout=10_000)
    yield window
    window.close()
    if controller.lock is not None and controller.lock.lock_dialog is not None:
        controller.lock.lock_dialog.done(0)
    qapp.setFont(font)
    controller.deleteLater()


def _walk(window: MainWindow, key: Qt.Key, start: QWidget) -> list[str]:
    start.setFocus()
    seen = [start.objectName()]
    for _ in range(40):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, key)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return seen
        seen.append(now.objectName())
    raise AssertionError(f"Tab never came back: {seen}")


def _named(window: MainWindow, name: str) -> QWidget:
    widget = window.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def test_tab_goes_along_the_toolbar_then_the_workers_then_the_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.parts.thread.table.objectName() == "thread-table"
    forward = _walk(window, Qt.Key.Key_Tab, _named(window, "toolbar-new-session"))
    assert forward == ON_SCREEN
    backward = _walk(window, Qt.Key.Key_Backtab, _named(window, "toolbar-new-session"))
    assert backward == [ON_SCREEN[0], *reversed(ON_SCREEN[1:])]


def test_lock_is_reached_by_shift_tab_from_the_workers_and_space_locks(
    qtbot: QtBot, window: MainWindow
) -> None:
    workers = window.parts.workers.table
    workers.setFocus()
    qtbot.waitUntil(workers.hasFocus)
    for _ in range(2):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Backtab)
    lock = _named(window, "toolbar-lock")
    assert lock.hasFocus()
    locked: list[bool] = []
    window.commands.lock.triggered.connect(lambda: locked.append(True))
    QTest.keyClick(lock, Qt.Key.Key_Space)
    assert locked == [True]


def _row_by_row(boxes: list[QWidget], grid: QWidget) -> None:
    places = [box.mapTo(grid, QPoint(0, 0)) for box in boxes]
    for a, b, before, after in zip(boxes, boxes[1:], places, places[1:], strict=False):
        same_row = abs(before.y() - after.y()) < 4
        assert (same_row and after.x() > before.x()) or (not same_row and after.y() > before.y()), (
            f"{a.objectName()} at {before.toTuple()} then {b.objectName()} at {after.toTuple()}"
        )


def test_the_search_filters_are_visited_row_by_row_then_the_results(
    qtbot: QtBot, window: MainWindow
) -> None:
    box = window.parts.search_box
    box.setFocus()
    QTest.keyClicks(box, "supervision")
    results = window.parts.search_results
    assert window.right.currentWidget() is results
    qtbot.waitUntil(results.filter_grid.isVisible)
    walked = _walk(window, Qt.Key.Key_Tab, box)
    combos = [name for name in walked if name.startswith("search-") and name != "search-box"]
    assert combos[-1] == "search-table"
    filters = [results.findChild(QComboBox, name) for name in combos[:-1]]
    assert len(filters) == 6
    _row_by_row([f for f in filters if f is not None], results.filter_grid)


@pytest.mark.parametrize("width", [260, 900])
def test_the_filter_grid_tabs_row_by_row_in_either_arrangement(qtbot: QtBot, width: int) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    boxes: list[QWidget] = []
    for name in ("who", "child", "template", "kind", "status", "when"):
        combo = QComboBox(holder)
        combo.setObjectName(name)
        combo.addItem(f"Any {name}")
        combo.setMinimumContentsLength(8)
        boxes.append(combo)
    # Made in another order than they are shown, as the search panel makes them.
    made_first = boxes[0]
    for later in (boxes[3], boxes[4], boxes[5], boxes[1], boxes[2]):
        QWidget.setTabOrder(made_first, later)
        made_first = later
    grid = FilterGrid(boxes, most=3, parent=holder)
    grid.resize(width, 200)
    holder.resize(width, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert grid.columns == (2 if width < 400 else 3)
    boxes[0].setFocus()
    qtbot.waitUntil(boxes[0].hasFocus)
    seen = [boxes[0]]
    for _ in range(5):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        seen.append(now)
    assert seen == boxes
    _row_by_row(boxes, grid)
