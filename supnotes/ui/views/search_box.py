"""The search field in the toolbar; the search part shows its results."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from supnotes.ui.widgets.sanitise import clean_text

#: A search is a few words; a longer paste is refused in words, never cut short.
MAX_SEARCH_CHARS = 500


class SearchBox(QLineEdit):
    """The search field; the search part gives it results.

    Escape clears it (and the window goes back to the worker's thread);
    Down goes to the results (Escape there comes back).
    What is pasted is cleaned as the editor's fields clean it (control
    characters such as NUL dropped, line breaks made spaces); a paste that
    would make the search longer than :data:`MAX_SEARCH_CHARS` is refused
    with :attr:`refused`, and the box is left as it was.
    """

    search_requested = Signal(str)  # the query, on Enter
    typing = Signal(str)  # the text as typed (the search part waits for a pause)
    cleared = Signal()  # emptied, or Escape: show the thread again
    refused = Signal(str)  # a paste was not taken; the message says why
    down_pressed = Signal()  # Down: go to the results

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-box")
        self.setPlaceholderText("Search all records")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search all records")
        self.setMaxLength(MAX_SEARCH_CHARS)  # also holds for the context menu's Paste
        self.returnPressed.connect(lambda: self.search_requested.emit(self.text()))
        self.textChanged.connect(self._changed)

    def _changed(self, text: str) -> None:
        if text.strip():
            self.typing.emit(text)
        else:
            self.cleared.emit()

    def paste_text(self, text: str) -> bool:
        """Insert pasted ``text`` at the cursor, cleaned; False (and ``refused``) if too long."""
        cleaned = clean_text(text, single_line=True)
        room = MAX_SEARCH_CHARS - len(self.text()) + len(self.selectedText())
        if len(cleaned) > room:
            self.refused.emit(
                f"That paste was not put in the search box: it is {len(cleaned):,} characters "
                f"long, and a search takes at most {MAX_SEARCH_CHARS:,}."
            )
            return False
        self.insert(cleaned)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.down_pressed.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)
