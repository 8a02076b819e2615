"""Red spell-check underlines, drawn without holding up typing.

Qt re-highlights only the paragraph being typed in, which costs a few
microseconds a word once the checker's cache is warm. Whole-document passes
(the dictionary arriving, a long note loaded) run in slices of a few
milliseconds from the event loop, so keystrokes are never queued behind them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from supnotes.spelling.tokens import normalise_apostrophes
from supnotes.ui.widgets.spell_service import SpellService
from supnotes.ui.widgets.utf16 import spans_to_utf16

# Time one slice of a whole-document pass may take before yielding to input.
SLICE_SECONDS = 0.006


def misspelling_format() -> QTextCharFormat:
    """The wavy red underline word processors use for misspelt words."""
    char_format = QTextCharFormat()
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    char_format.setUnderlineColor(QColor(200, 0, 0))
    return char_format


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words in one document, using the shared service."""

    def __init__(self, document: QTextDocument, service: SpellService) -> None:
        super().__init__(document)  # owned by, and attached to, the document
        self._service = service
        self._format = misspelling_format()
        self._paused = False
        # Paragraph numbers still to re-check, last first (popped from the end).
        self._pending: list[int] = []
        self._slice_timer = QTimer(self)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._highlight_slice)
        service.ready.connect(self.rehighlight_gradually)
        service.dictionary_changed.connect(self._recheck_word)

    # -- what Qt calls for each paragraph ---------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        checker = self._service.checker
        if checker is None or self._paused or not text:
            return
        spans = checker.misspelt_spans(text)
        for start, length in spans_to_utf16(text, spans):
            self.setFormat(start, length, self._format)

    # -- whole-document passes ----------------------------------------------------

    def pause(self) -> None:
        """Stop underlining (while a long text is loaded); :meth:`resume` catches up."""
        self._paused = True
        self._pending = []
        self._slice_timer.stop()

    def resume(self) -> None:
        """Underline again, working through the document gradually."""
        self._paused = False
        self.rehighlight_gradually()

    def rehighlight_gradually(self) -> None:
        """Re-check every paragraph, a slice at a time from the event loop."""
        document = self.document()
        if document is not None:
            self._queue_blocks(range(document.blockCount()))

    def is_pass_running(self) -> bool:
        """Whether a gradual pass still has paragraphs to do."""
        return bool(self._pending)

    def _queue_blocks(self, numbers: Iterable[int]) -> None:
        if self._paused or self._service.checker is None:
            return
        # Later paragraphs first in the list, so that popping takes the earliest.
        self._pending = sorted(set(self._pending).union(numbers), reverse=True)
        if self._pending:
            self._slice_timer.start()

    def _highlight_slice(self) -> None:
        document = self.document()
        deadline = time.perf_counter() + SLICE_SECONDS
        while self._pending and document is not None:
            block = document.findBlockByNumber(self._pending.pop())
            if block.isValid():  # paragraphs may have been deleted meanwhile
                self.rehighlightBlock(block)
            if time.perf_counter() > deadline:
                break
        if not self._pending:
            self._slice_timer.stop()

    def _recheck_word(self, word: str) -> None:
        """Re-check only the paragraphs that mention ``word`` (any case)."""
        document = self.document()
        if document is None or self._paused:
            return
        needle = normalise_apostrophes(word).casefold()
        mentions = []
        block = document.firstBlock()
        while block.isValid():
            if needle in normalise_apostrophes(block.text()).casefold():
                mentions.append(block.blockNumber())
            block = block.next()
        self._queue_blocks(mentions)
        # One slice now: a short note is done before the menu has closed, and
        # a long one carries on from the event loop.
        self._highlight_slice()
