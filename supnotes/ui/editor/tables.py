"""Actions and decisions as editable tables, usable by keyboard alone.

Insert (or Ctrl+Return) adds a row, Delete removes the current one (a row
holding text only after "Remove?" is answered, Keep being the default), F2 or
typing edits a cell; dates are typed (``31/12/2026``, ``31122026``,
``2026-12-31`` or ``+14`` for a fortnight from today; see
:mod:`supnotes.domain.typed_dates`). Each model holds domain objects and says
which one changed, so the editor can save just that row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableView, QWidget

from supnotes.domain.actions import Action
from supnotes.domain.decisions import Decision
from supnotes.domain.ids import new_id
from supnotes.domain.typed_dates import DATE_HINT, UnreadableEntry, parse_day, show_day
from supnotes.ui.common.keep_typed import build_remove_question
from supnotes.ui.common.keyboard import ctrl_tab_backwards, is_ctrl_tab
from supnotes.ui.common.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class ListTableModel(RowsModel[T]):
    """Rows of domain objects; subclasses name their columns and how cells read and write."""

    row_changed = Signal(object)  # the Action or Decision as edited or added
    row_removed = Signal(object)  # the Action or Decision removed
    input_refused = Signal(str)  # why a typed value was not taken (the cell keeps its value)

    CHECK_COLUMNS: frozenset[int] = frozenset()
    DATE_COLUMNS: frozenset[int] = frozenset()  # typed dates (see parse_day)
    NARROW_COLUMNS: frozenset[int] = frozenset()  # sized to their contents; the rest stretch

    def __init__(self, rows: Sequence[T] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self.read_only = False

    def items(self) -> list[T]:
        return list(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if index.column() in self.CHECK_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if column in self.CHECK_COLUMNS:
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = bool(self.cell(item, column))
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return str(self.cell(item, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADERS[column]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self.read_only:
            return False
        column = index.column()
        if column in self.CHECK_COLUMNS:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        try:
            updated = self.with_cell(self._rows[index.row()], column, value)
        except UnreadableEntry as problem:
            self.input_refused.emit(f"{self.HEADERS[column]}: {problem} The cell keeps its value.")
            return False
        except ValueError:
            self.input_refused.emit(
                f"“{value}” is not a date SupNotes can read in {self.HEADERS[column]}: {DATE_HINT}."
                if column in self.DATE_COLUMNS
                else f"“{value}” cannot go in {self.HEADERS[column]}."
            )
            return False
        self._rows[index.row()] = updated
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        self.row_changed.emit(updated)
        return True

    def row_has_text(self, row: int) -> bool:
        """True when any text cell of ``row`` holds something typed."""
        item = self._rows[row]
        return any(
            str(self.cell(item, column)).strip()
            for column in range(len(self.HEADERS))
            if column not in self.CHECK_COLUMNS
        )

    def add_row(self, item: T) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(item)
        self.endInsertRows()
        self.row_changed.emit(item)
        return row

    def remove_row(self, row: int) -> None:
        if not 0 <= row < len(self._rows) or self.read_only:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._rows.pop(row)
        self.endRemoveRows()
        self.row_removed.emit(item)

    # -- per model --------------------------------------------------------------

    def cell(self, item: T, column: int) -> object:
        raise NotImplementedError

    def with_cell(self, item: T, column: int, value: object) -> T:
        raise NotImplementedError

    def new_item(self, position: int) -> T:
        raise NotImplementedError


class ActionsModel(ListTableModel[Action]):
    """Actions raised in this record."""

    TEXT, OWNER, DUE, CHILD = range(4)
    HEADERS = ("Action", "Owner", "Due (dd/mm/yyyy)", "Child ref")
    NARROW_COLUMNS = frozenset({DUE, CHILD})
    DATE_COLUMNS = frozenset({DUE})

    def __init__(
        self, record_id: str, rows: Sequence[Action] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(rows, parent)
        self.record_id = record_id

    def cell(self, item: Action, column: int) -> object:
        return {
            self.TEXT: item.text,
            self.OWNER: item.owner,
            self.DUE: show_day(item.due_on),
            self.CHILD: item.child_ref or "",
        }[column]

    def with_cell(self, item: Action, column: int, value: object) -> Action:
        text = str(value).strip()
        if column == self.TEXT:
            return replace(item, text=text)
        if column == self.OWNER:
            return replace(item, owner=text)
        if column == self.DUE:
            return replace(item, due_on=parse_day(text))
        return replace(item, child_ref=text or None)

    def new_item(self, position: int) -> Action:
        return Action(id=new_id(), raised_in=self.record_id, text="", position=position)


class DecisionsModel(ListTableModel[Decision]):
    """Management decisions, with their rationale (a decision not to act included)."""

    CHILD, DECISION, RATIONALE, NOT_TO_ACT, DECIDED_BY = range(5)
    HEADERS = ("Child ref", "Decision", "Rationale", "Not to act", "Decided by")
    CHECK_COLUMNS = frozenset({NOT_TO_ACT})
    NARROW_COLUMNS = frozenset({CHILD, NOT_TO_ACT})

    def __init__(
        self, record_id: str, rows: Sequence[Decision] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(rows, parent)
        self.record_id = record_id

    def cell(self, item: Decision, column: int) -> object:
        return {
            self.CHILD: item.child_ref,
            self.DECISION: item.decision,
            self.RATIONALE: item.rationale,
            self.NOT_TO_ACT: item.not_to_act,
            self.DECIDED_BY: item.decided_by,
        }[column]

    def with_cell(self, item: Decision, column: int, value: object) -> Decision:
        if column == self.NOT_TO_ACT:
            return replace(item, not_to_act=bool(value))
        text = str(value).strip()
        if column == self.CHILD:
            return replace(item, child_ref=text)
        if column == self.DECISION:
            return replace(item, decision=text)
        if column == self.RATIONALE:
            return replace(item, rationale=text)
        return replace(item, decided_by=text)

    def new_item(self, position: int) -> Decision:
        return Decision(
            id=new_id(), record_id=self.record_id, child_ref="", decision="", position=position
        )


class ListTable(QTableView):
    """A table of a :class:`ListTableModel`: Insert adds a row, Delete removes one."""

    def __init__(
        self, model: ListTableModel[Any], name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.list_model = model
        self.setModel(model)
        self.setAccessibleName(name)
        self.setObjectName(name)
        self.setTabKeyNavigation(False)  # Tab leaves the table: arrows move between cells
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in model.NARROW_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(120)
        self.pending_question: QMessageBox | None = None  # "Remove …?" while it is asked
        self._shortcut(QKeySequence(Qt.Key.Key_Insert), self.add_row)
        self._shortcut(QKeySequence("Ctrl+Return"), self.add_row)
        self._shortcut(QKeySequence(Qt.Key.Key_Delete), self.remove_current)

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab and Ctrl+Shift+Tab leave the grid (docs/keyboard.md); Qt
        # would otherwise toggle the current cell's selection.
        if is_ctrl_tab(event) and isinstance(event, QKeyEvent):
            self.focusNextPrevChild(not ctrl_tab_backwards(event))
            return True
        return super().event(event)

    def _shortcut(self, keys: QKeySequence, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(keys, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    def add_row(self) -> None:
        """Add an empty row and start typing in its first cell."""
        model = self.list_model
        if model.read_only:
            return
        row = model.add_row(model.new_item(model.rowCount()))
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.edit(index)

    def remove_current(self) -> QMessageBox | None:
        """Remove the current row; one holding text only after the question (Keep: default)."""
        index = self.currentIndex()
        model = self.list_model
        if not index.isValid() or model.read_only:
            return None
        row = index.row()
        if not model.row_has_text(row):
            model.remove_row(row)
            return None
        box = build_remove_question(self, f"row {row + 1} of {self.accessibleName()}")
        self.pending_question = box
        item = model.items()[row]

        def answered(result: int) -> None:
            self.pending_question = None
            now = next((n for n, r in enumerate(model.items()) if r is item), None)
            if result == QMessageBox.StandardButton.Discard and now is not None:
                model.remove_row(now)
            self.setFocus()

        box.finished.connect(answered)
        box.open()
        return box
