"""The search field in the toolbar; the search part shows its results."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBox(QLineEdit):
    """The search field; the search part gives it results.

    Escape clears it (and the window goes back to the worker's thread).
    """

    search_requested = Signal(str)  # the query, on Enter
    typing = Signal(str)  # the text as typed (the search part waits for a pause)
    cleared = Signal()  # emptied, or Escape: show the thread again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-box")
        self.setPlaceholderText("Search all records")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search all records")
        self.returnPressed.connect(lambda: self.search_requested.emit(self.text()))
        self.textChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        if text.strip():
            self.typing.emit(text)
        else:
            self.cleared.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)
