"""Bold titles as plain text.

A title that is only bold needs no rich text: ``QLabel("<b>Workers</b>")``
starts Qt's rich-text engine, whose first use costs tens of milliseconds on
the way to the main window's first paint. Plain text in a bold font looks
the same, and a name shown in it can never be read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def bold_label(text: str, parent: QWidget | None = None) -> QLabel:
    """``text`` in bold, as plain text; it follows the app's text size (zoom)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont()  # only the weight is set: size and family still come from the app
    font.setBold(True)
    label.setFont(font)
    label.setText(text)
    return label
