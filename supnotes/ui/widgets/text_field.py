"""The text fields of the session editor: plain, safe, spell-checked.

:class:`LongTextField` is for paragraphs of notes, :class:`ShortTextField` for
one line (a child's reference, a title). Both accept only plain text, strip
control characters, refuse enormous pastes without touching the clipboard,
underline misspellings and offer corrections on right-click.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from supnotes.spelling import Word
from supnotes.ui.widgets.sanitise import clean_text, paste_refusal
from supnotes.ui.widgets.spell_highlighter import SpellHighlighter
from supnotes.ui.widgets.spell_service import SpellService
from supnotes.ui.widgets.utf16 import index_from_utf16, utf16_length

# Texts longer than this are loaded with underlining paused and then caught up
# gradually, so opening a long record never freezes the window.
GRADUAL_LOAD_CHARS = 20_000
MAX_SUGGESTIONS = 5


class SpellTextEdit(QPlainTextEdit):
    """What both fields share. Use :class:`LongTextField` or :class:`ShortTextField`."""

    edited = Signal()  # the user changed the text (typing, paste, cut, undo, a correction)
    paste_refused = Signal(str)  # a paste was refused; the message says why

    _single_line = False

    def __init__(
        self,
        spelling: SpellService | None = None,
        parent: QWidget | None = None,
        *,
        accessible_name: str = "",
    ) -> None:
        super().__init__(parent)
        self._spelling = spelling
        self._loading = False
        self._highlighter = (
            SpellHighlighter(self.document(), spelling) if spelling is not None else None
        )
        self.setTabChangesFocus(True)  # keyboard-first form: Tab moves on
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.document().contentsChange.connect(self._on_contents_change)

    # -- text in and out ------------------------------------------------------------

    def text(self) -> str:
        """The field's text."""
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Load ``text`` (from the vault): not undoable, and no ``edited``."""
        gradual = self._highlighter is not None and len(text) > GRADUAL_LOAD_CHARS
        if gradual and self._highlighter is not None:
            self._highlighter.pause()
        self._loading = True
        try:
            self.setPlainText(text)  # also clears the undo history
        finally:
            self._loading = False
            if gradual and self._highlighter is not None:
                self._highlighter.resume()

    @property
    def highlighter(self) -> SpellHighlighter | None:
        """The spell-check highlighter (None for a field without spell-checking)."""
        return self._highlighter

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        if not self._loading and (removed or added):
            self.edited.emit()

    # -- paste and drop ---------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if source.hasText():
            text = source.text()
        elif source.hasHtml():
            text = QTextDocumentFragment.fromHtml(source.html()).toPlainText()
        else:
            return
        refusal = paste_refusal(len(text))
        if refusal is not None:
            self.paste_refused.emit(refusal)
            return
        cleaned = clean_text(text, single_line=self._single_line)
        if cleaned:
            self.textCursor().insertText(cleaned)
            self.ensureCursorVisible()

    # -- right-click ------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The Menu key or Shift+F10: the menu of the word at the text cursor.
            position = self.cursorRect().center()
            where = self.viewport().mapToGlobal(position)
        else:
            position, where = event.pos(), event.globalPos()
        menu = self.context_menu_at(position)
        menu.exec(where)
        menu.deleteLater()

    def context_menu_at(self, position: QPoint) -> QMenu:
        """The right-click menu for a point in the viewport: corrections first."""
        menu = self.createStandardContextMenu(position)
        cursor = self.cursorForPosition(position)
        found = self._misspelt_word_at(cursor)
        if found is None or self._spelling is None:
            return menu
        word, start, length = found
        first = menu.actions()[0] if menu.actions() else None
        checker = self._spelling.checker
        suggestions = checker.suggestions(word.text, MAX_SUGGESTIONS) if checker else []
        spelling_actions: list[QAction] = []
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            bold = QFont(action.font())
            bold.setBold(True)
            action.setFont(bold)
            action.triggered.connect(
                lambda _checked=False, s=suggestion: self.replace_range(start, length, s)
            )
            spelling_actions.append(action)
        if not suggestions:
            none = QAction("(no suggestions)", menu)
            none.setEnabled(False)
            spelling_actions.append(none)
        add = QAction("Add to dictionary", menu)
        add.setObjectName("spelling-add")
        add.triggered.connect(lambda: self._add_to_dictionary(word.text))
        ignore = QAction("Ignore", menu)
        ignore.setObjectName("spelling-ignore")
        ignore.triggered.connect(lambda: self._ignore(word.text))
        spelling_actions += [add, ignore]
        if first is None:
            menu.addActions(spelling_actions)
        else:
            menu.insertActions(first, spelling_actions)
            menu.insertSeparator(first)
        return menu

    def _misspelt_word_at(self, cursor: QTextCursor) -> tuple[Word, int, int] | None:
        """The misspelt word at ``cursor``, with its document position and length (UTF-16)."""
        if self._spelling is None or self._spelling.checker is None:
            return None
        block = cursor.block()
        text = block.text()
        index = index_from_utf16(text, cursor.positionInBlock())
        word = self._spelling.checker.misspelt_word_at(text, index)
        if word is None:
            return None
        start = block.position() + utf16_length(text[: word.start])
        return word, start, utf16_length(word.text)

    def replace_range(self, start: int, length: int, replacement: str) -> None:
        """Replace ``length`` characters at ``start`` (UTF-16) as one undo step."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _add_to_dictionary(self, word: str) -> None:
        if self._spelling is not None:
            self._spelling.add_to_dictionary(word)

    def _ignore(self, word: str) -> None:
        if self._spelling is not None:
            self._spelling.ignore(word)


class LongTextField(SpellTextEdit):
    """A paragraph-length notes field (wraps lines, grows a scroll bar)."""

    def __init__(
        self,
        spelling: SpellService | None = None,
        parent: QWidget | None = None,
        *,
        accessible_name: str = "",
    ) -> None:
        super().__init__(spelling, parent, accessible_name=accessible_name)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
