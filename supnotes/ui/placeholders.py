"""Stand-ins for the parts built on the domain model (workers, records, search).

Each real part replaces one of these in :func:`supnotes.ui.parts.build_parts`
and keeps the same place in the main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget


class PlaceholderPanel(QFrame):
    def __init__(self, name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        heading = QLabel(f"<b>{title}</b>", self)
        body = QLabel(text, self)
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        body.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body, 1)


class SearchBox(QLineEdit):
    """The search field; the search part gives it results."""

    search_requested = Signal(str)  # the query, on Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-box")
        self.setPlaceholderText("Search all records")
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(lambda: self.search_requested.emit(self.text()))
