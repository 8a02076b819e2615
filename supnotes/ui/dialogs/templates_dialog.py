"""Help → Templates: where the user's own templates go, what loaded, and what was refused.

A malformed template file never breaks the app, and is never ignored
silently either: each refused file (built-in ones too) is listed here with
its file, line and reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.template_loader import TemplateLibrary
from supnotes.services.templates import ensure_user_template_folder
from supnotes.ui.common.rows_model import Index, RowsModel


class TextRowsModel(RowsModel[tuple[str, ...]]):
    """Fixed rows of text under fixed headers (read-only); the tooltip is the whole row."""

    def __init__(
        self,
        headers: tuple[str, ...],
        rows: Sequence[tuple[str, ...]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.HEADERS = headers
        self._rows = list(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(index.row())
        return super().data(index, role)

    def cell_data(self, row: tuple[str, ...], column: int, role: int) -> object:
        return row[column] if role == Qt.ItemDataRole.DisplayRole else None

    def tooltip(self, row: int) -> str:
        """The whole row, for a reason or path too long for its column."""
        return "\n".join(self._rows[row])


class RefusedModel(TextRowsModel):
    """One refused file a row: its name, line (blank where it has none) and reason.

    The name column shows the file's name; its full path is the row's tooltip
    and :attr:`FULL_PATH_ROLE`.
    """

    COLUMN_FILE, COLUMN_LINE, COLUMN_REASON = range(3)
    FULL_PATH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, library: TemplateLibrary, parent: QObject | None = None) -> None:
        self._paths = [error.file for error in library.errors]
        rows = [
            (Path(error.file).name, "" if error.line is None else str(error.line), error.reason)
            for error in library.errors
        ]
        super().__init__(("File", "Line", "Reason"), rows, parent)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if index.isValid() and role == self.FULL_PATH_ROLE:
            return self._paths[index.row()]
        return super().data(index, role)

    def tooltip(self, row: int) -> str:
        _name, line, reason = self._rows[row]
        where = self._paths[row] if not line else f"{self._paths[row]}, line {line}"
        return f"{where}\n{reason}"


class LoadedModel(TextRowsModel):
    COLUMN_TITLE, COLUMN_ID, COLUMN_VERSION, COLUMN_FILE = range(4)

    def __init__(self, library: TemplateLibrary, parent: QObject | None = None) -> None:
        rows = [
            (t.title, t.id, str(t.version), library.files.get(t.key, ""))
            for t in sorted(library.templates.values(), key=lambda t: (t.title, t.version))
        ]
        super().__init__(("Title", "Id", "Version", "File"), rows, parent)


def _table(model: QAbstractTableModel, name: str, stretch: int, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return table


def build_templates_dialog(
    library: TemplateLibrary, user_folder: Path, parent: QWidget | None = None
) -> QDialog:
    """The templates dialog for ``library`` (as loaded now) and the user's folder."""
    dialog = QDialog(parent)
    dialog.setObjectName("templates-dialog")
    dialog.setWindowTitle("Templates")
    where = QLabel(
        f"Your own templates (TOML files, see the documentation) go in:<br>"
        f"<code>{user_folder}</code><br>"
        "New or changed files are used the next time SupNotes starts.",
        dialog,
    )
    where.setObjectName("templates-folder")
    where.setWordWrap(True)
    where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    open_folder = QPushButton("&Open the folder", dialog)
    open_folder.setObjectName("open-templates-folder")

    def open_it() -> None:
        if ensure_user_template_folder(user_folder) is None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_folder)))

    open_folder.clicked.connect(open_it)
    refused = RefusedModel(library, dialog)
    count = refused.rowCount()
    if count:
        noun = "file was" if count == 1 else "files were"
        summary = f"<b>{count} template {noun} refused</b> and not loaded:"
    else:
        summary = "No template file was refused."
    refused_label = QLabel(summary, dialog)
    refused_label.setObjectName("templates-refused-summary")
    refused_table = _table(refused, "templates-refused", RefusedModel.COLUMN_REASON, dialog)
    refused_table.setVisible(count > 0)
    loaded_table = _table(
        LoadedModel(library, dialog), "templates-loaded", LoadedModel.COLUMN_FILE, dialog
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    row.addWidget(where, 1)
    row.addWidget(open_folder, 0, Qt.AlignmentFlag.AlignTop)
    layout = QVBoxLayout(dialog)
    layout.addLayout(row)
    layout.addWidget(refused_label)
    layout.addWidget(refused_table, 2)
    layout.addWidget(QLabel("Loaded:", dialog))
    layout.addWidget(loaded_table, 1)
    layout.addWidget(buttons)
    dialog.resize(760, 520)
    return dialog
