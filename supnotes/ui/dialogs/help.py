"""Help: the keyboard shortcuts sheet and the About box with third-party licences."""

from __future__ import annotations

import html
import platform
from collections.abc import Iterable

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    qVersion,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import supnotes

# (component, licence, why SupNotes uses it)
THIRD_PARTY: tuple[tuple[str, str, str], ...] = (
    ("Qt 6 and PySide6", "LGPL-3.0", "the windows, widgets and printing"),
    ("SQLCipher (via sqlcipher3)", "BSD-3-Clause", "the encrypted vault file"),
    ("SQLite", "Public domain", "the database inside the vault"),
    ("cryptography", "Apache-2.0 or BSD-3-Clause", "Argon2id, AES-GCM key slots, X.509"),
    ("OpenSSL (inside cryptography)", "Apache-2.0", "the cryptographic primitives"),
    ("reportlab", "BSD-3-Clause", "rendering PDF records"),
    ("pyHanko", "MIT", "signing and verifying PDF records"),
    ("platformdirs", "MIT", "the right folders on each platform"),
    ("filelock", "Unlicense", "one program at a time per vault"),
    ("zxcvbn (Python port)", "MIT", "judging how guessable a new passphrase is"),
    ("Python", "PSF-2.0", "the language SupNotes is written in"),
)

_ROOT = QModelIndex()

# Keys every window shares that are not menu actions.
COMMON_KEYS: tuple[tuple[str, str], ...] = (
    ("Next or previous field", "Tab, Shift+Tab"),
    ("Context menu (spelling in a text box)", "Shift+F10, Menu"),
    ("Close a dialog", "Esc"),
)

# The main window's lists (docs/keyboard.md).
EXTRA_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Leave a list (workers, records, search results)", "Tab, Shift+Tab, Ctrl+Tab"),
    ("Move within a list", "Up, Down, PgUp, PgDown, Home, End"),
    ("Worker list: to their records, on the newest", "Enter"),
    ("Records or search results: open the record", "Enter"),
    ("Records: back to the worker list", "Esc"),
    ("Search box: go to the results", "Down"),
    ("Search results: back to the search box", "Esc"),
    ("Search box: clear the search", "Esc"),
    ("Records: discard the selected draft", "Delete"),
    *COMMON_KEYS,
)

# The session editor's keys that are not its own actions.
EDITOR_EXTRA_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Actions, decisions, attendees: add a row", "Insert, Ctrl+Enter"),
    ("Actions, decisions, attendees: remove the row", "Delete"),
    ("Actions, decisions: move between cells", "Arrows"),
    ("Actions, decisions: leave the table", "Tab, Ctrl+Tab, Shift+Tab"),
    ("Actions, decisions: change the cell", "F2, or start typing"),
    ("Earlier actions: done, then the next row", "1"),
    ("Earlier actions: carried forward, then the next row", "2"),
    ("Earlier actions: dropped, then the next row", "3"),
    ("Earlier actions: not reviewed yet", "0"),
    ("Outline: open the section", "Enter"),
    *COMMON_KEYS,
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(command, keys) for every action with a shortcut, in native notation.

    Only the primary binding is listed; platforms add media-key names
    ("Find", "Zoom In") as secondary ones that nobody types.
    """
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    return rows


class ShortcutsModel(QAbstractTableModel):
    """(command, keys) rows for the shortcuts sheet."""

    COLUMN_COMMAND = 0
    COLUMN_KEYS = 1
    _HEADERS = ("Command", "Keys")

    def __init__(self, rows: list[tuple[str, str]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._HEADERS)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._rows[index.row()][index.column()]

    def headerData(  # noqa: N802 (Qt override)
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._HEADERS[section] if 0 <= section < len(self._HEADERS) else None
        return None


def build_shortcuts_dialog(
    actions: Iterable[QAction],
    parent: QWidget | None = None,
    extra: Iterable[tuple[str, str]] = EXTRA_SHORTCUTS,
) -> QDialog:
    """Every shortcut of the window it is opened from: its actions' keys, then ``extra``."""
    dialog = QDialog(parent)
    dialog.setObjectName("shortcuts-dialog")
    dialog.setWindowTitle("Keyboard shortcuts")
    model = ShortcutsModel(shortcut_rows(actions) + list(extra), dialog)
    table = QTableView(dialog)
    table.setObjectName("shortcuts-table")
    table.setModel(model)
    table.verticalHeader().hide()
    table.setSelectionMode(QTableView.SelectionMode.NoSelection)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(
        ShortcutsModel.COLUMN_COMMAND, QHeaderView.ResizeMode.Stretch
    )
    table.horizontalHeader().setSectionResizeMode(
        ShortcutsModel.COLUMN_KEYS, QHeaderView.ResizeMode.ResizeToContents
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(440, 480)
    return dialog


def about_html() -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{html.escape(licence)}</td>"
        f"<td>{html.escape(why)}</td></tr>"
        for name, licence, why in THIRD_PARTY
    )
    return (
        f"<h2>SupNotes {supnotes.__version__}</h2>"
        "<p>Offline, encrypted recording of social-work supervision.<br>"
        "Free software under the GNU General Public Licence, version 3 or later.</p>"
        f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
        "<h3>Third-party software</h3>"
        "<table cellpadding='3'><tr><th align='left'>Component</th>"
        f"<th align='left'>Licence</th><th align='left'>Used for</th></tr>{rows}</table>"
        "<p>Qt and PySide6 are used under the LGPL: you may replace them with your own "
        "build of the same version.</p>"
    )


def build_about_dialog(parent: QWidget | None = None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName("about-dialog")
    dialog.setWindowTitle("About SupNotes")
    browser = QTextBrowser(dialog)
    browser.setObjectName("about-text")
    browser.setOpenExternalLinks(False)
    browser.setHtml(about_html())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("SupNotes opens no network connection.", dialog))
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(620, 520)
    return dialog
