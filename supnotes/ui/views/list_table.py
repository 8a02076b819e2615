"""The read-only list tables of the main window, set up one way.

Worker list, record thread and search results share the same behaviour:
whole-row single selection, no editing, no grid, alternating rows, no row
numbers, columns sized to their contents. Each panel then sets only what is
its own (sorting, stretched column, delegates).

They also share the keyboard rules of a list (docs/keyboard.md): Tab and
Shift+Tab (and Ctrl+Tab, Ctrl+Shift+Tab) move to the next control, never cell
by cell; the arrows move within, and Home and End (with or without Ctrl)
go to the first and last row, keeping the column; Enter opens the selected row (``activated``,
on every platform); Escape is offered to the panel (``escape_pressed``); a
key with Ctrl never leaves the list with nothing selected.
"""

from __future__ import annotations

from PySide6.QtCore import (
    SIGNAL,
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

#: Rows a column sized to its contents is measured over (Qt's resizeContentsPrecision).
CONTENT_ROWS = 50

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class ListTable(QTableView):
    """A read-only table that behaves as one control in the Tab order."""

    escape_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key in _TABS:
            backwards = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self._leave(backwards)
            return
        if key in _ENTER and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            index = self.currentIndex()
            if index.isValid() and self.selectionModel().isSelected(index):
                self.activated.emit(index)
            return
        if key == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self.receivers(SIGNAL("escape_pressed()")) > 0:
                self.escape_pressed.emit()
                return
            # Nobody takes it here: it goes on to the window (a dialog closes).
            event.ignore()
            return
        super().keyPressEvent(event)

    def moveCursor(  # noqa: N802 (Qt override)
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # QTableView's Home and End go to the row's first and last cell (only
        # with Ctrl to the first and last row); in a list both go along it.
        move = QAbstractItemView.CursorAction
        if action not in (move.MoveHome, move.MoveEnd):
            return super().moveCursor(action, modifiers)
        model = self.model()
        column = max(0, self.currentIndex().column())
        header = self.verticalHeader()
        count = model.rowCount(self.rootIndex())
        visual = range(count) if action == move.MoveHome else range(count - 1, -1, -1)
        for place in visual:
            row = header.logicalIndex(place)
            if not self.isRowHidden(row):
                return model.index(row, column, self.rootIndex())
        return QModelIndex()

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab never reaches keyPressEvent through QWidget's own focus
        # handling; catch it here so that it leaves the list as Tab does.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _TABS
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        # Arriving by keyboard on a list with nothing chosen chooses its first
        # row, so the focus is seen and Enter has something to open.
        super().focusInEvent(event)
        model = self.model()
        if (
            event.reason() != Qt.FocusReason.MouseFocusReason
            and model is not None
            and model.rowCount()
            and not self.selectionModel().hasSelection()
        ):
            self.selectRow(max(0, self.currentIndex().row()))

    def _leave(self, backwards: bool) -> None:
        # focusNextPrevChild honours the window's Tab order; with Tab key
        # navigation off it never walks the cells.
        self.focusNextPrevChild(not backwards)

    def selectionCommand(  # noqa: N802 (Qt override)
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        command = super().selectionCommand(index, event)
        if (
            event is not None
            and event.type() == QEvent.Type.KeyPress
            and command & QItemSelectionModel.SelectionFlag.Deselect
        ):
            # Ctrl with a key toggles the row off in Qt's single selection;
            # a list keeps its row chosen.
            return (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
        return command


def build_list_table(
    parent: QWidget, name: str, accessible_name: str, model: QAbstractItemModel
) -> ListTable:
    table = ListTable(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # A column sized to its contents measures the first rows only, not every
    # row: 200 search results measured cell by cell (each through Python) cost
    # more than the search itself.
    header.setResizeContentsPrecision(CONTENT_ROWS)
    return table
