"""The people at a group session: name, role (chair, presenter, member).

A name is chosen from the worker list (an editable list: a guest from
another team is still typed); a name that is not one of your workers is
shown marked "not a worker", so a misspelt colleague is seen at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from supnotes.domain.group import Attendee, AttendeeRole
from supnotes.domain.ids import new_id
from supnotes.domain.people import Worker
from supnotes.ui.editor.tables import ListTableModel

ROLE_WORDS = {role.value: role for role in AttendeeRole}
NOT_A_WORKER = "not a worker"
PLACEHOLDER_NAME = "(name)"
Index = QModelIndex | QPersistentModelIndex


class AttendeesModel(ListTableModel[Attendee]):
    """Attendees; a name matching a worker is linked to that worker."""

    NAME, ROLE = range(2)
    HEADERS = ("Name", "Role (chair, presenter, member)")

    def __init__(
        self,
        record_id: str,
        rows: Sequence[Attendee] = (),
        workers: Sequence[Worker] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(rows, parent)
        self.record_id = record_id
        self._workers = {w.name.casefold(): w for w in workers}

    def worker_names(self) -> list[str]:
        return sorted((w.name for w in self._workers.values()), key=str.casefold)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if index.column() != self.NAME or not 0 <= index.row() < len(self.items()):
            return value
        item = self.items()[index.row()]
        unlinked = item.worker_id is None and item.name not in ("", PLACEHOLDER_NAME)
        if role == Qt.ItemDataRole.DisplayRole and unlinked:
            return f"{item.name} ({NOT_A_WORKER})"
        if role == Qt.ItemDataRole.ToolTipRole:
            if unlinked:
                return "Not one of your workers: kept as typed, and not linked to a worker"
            return "One of your workers" if item.worker_id else value
        return value

    def cell(self, item: Attendee, column: int) -> object:
        return item.name if column == self.NAME else item.role.value

    def with_cell(self, item: Attendee, column: int, value: object) -> Attendee:
        text = str(value).strip()
        if column == self.NAME:
            worker = self._workers.get(text.casefold())
            return replace(item, name=text, worker_id=None if worker is None else worker.id)
        role = ROLE_WORDS.get(text.casefold())
        if role is None:
            raise ValueError(f"{text!r} is not a role")
        return replace(item, role=role)

    def new_item(self, position: int) -> Attendee:
        return Attendee(
            id=new_id(), record_id=self.record_id, name=PLACEHOLDER_NAME, position=position
        )


class AttendeeNameDelegate(QStyledItemDelegate):
    """The name cell's editor: the worker list to choose from, or a name typed in."""

    def __init__(self, names: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names = list(names)

    def createEditor(  # noqa: N802 (Qt override)
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("attendee-name")
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._names)
        completer = combo.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt override)
        if isinstance(editor, QComboBox):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setEditText("" if text == PLACEHOLDER_NAME else text)
            editor.lineEdit().selectAll()  # type: ignore[union-attr]

    def setModelData(  # noqa: N802 (Qt override)
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def choose_names_from_workers(table: QTableView, model: AttendeesModel) -> AttendeeNameDelegate:
    """Give ``table``'s name column the worker list to choose from."""
    delegate = AttendeeNameDelegate(model.worker_names(), table)
    table.setItemDelegateForColumn(AttendeesModel.NAME, delegate)
    return delegate
