"""Reading what a spell-checked field shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit

_SPELLING = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def _utf16_slice(text: str, start: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * start : 2 * (start + length)].decode("utf-16-le")


def underlined_words(field: QPlainTextEdit) -> list[str]:
    """Every stretch of text the highlighter underlined, in document order."""
    found: list[str] = []
    block = field.document().firstBlock()
    while block.isValid():
        for change in block.layout().formats():
            if change.format.underlineStyle() == _SPELLING:
                found.append(_utf16_slice(block.text(), change.start, change.length))
        block = block.next()
    return found


def type_text(field: QPlainTextEdit, text: str) -> None:
    """Type any Unicode text, one key event per character.

    QTest.keyClicks aborts on characters outside Latin-1 (Arabic, Hebrew), so
    this sends the key events a keyboard layout for those scripts would.
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(field, event)
