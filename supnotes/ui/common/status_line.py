"""A window's status-bar line: messages that fit, whatever the window's width.

``QStatusBar`` paints a message on one line and cuts it at the right ("review
and sigr" in the editor, "Your copy now follows the retention" after a
handover, at 1024 px with 150% text). This label takes the status bar's
message (``showMessage``/``currentMessage`` keep working) and shows it on one
line, elided to its width.

A message's first line is what the bar shows; lines after it are detail
(where a file went, what happens next): the whole message, detail included,
is the line's tooltip and accessible description, so a screen reader and a
mouse reach it. Messages are worded so their first line fits a 1024-pixel
window at 150% text (``tests/ui/test_status_messages_fit.py``).

With no message it shows its standing text again (the editor's keys; the main
window shows its vault line beside it instead, see :meth:`attach`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget


def first_line(message: str) -> str:
    """What the status bar shows of ``message`` (the rest is its detail)."""
    return message.split("\n", 1)[0]


class StatusLine(QLabel):
    """The status bar's message, elided to fit, whole (with its detail) in the tooltip."""

    def __init__(self, standing: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-line")
        self._standing = standing
        self._full = ""
        # Ignored: the label never asks for more width than the bar gives it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.show_message("")

    def attach(self, bar: QStatusBar) -> None:
        """Show ``bar``'s messages here instead of where the bar would cut them.

        The line is a permanent widget with stretch, so the bar's own message
        area is left with no width and paints nothing.
        """
        bar.insertPermanentWidget(0, self, 1)
        bar.messageChanged.connect(self.show_message)

    def set_standing(self, standing: str) -> None:
        """The text shown when there is no message (a signed record has fewer keys)."""
        showing_standing = self._full == self._standing
        self._standing = standing
        if showing_standing:
            self.show_message("")

    @property
    def full_text(self) -> str:
        return self._full

    @property
    def shown_line(self) -> str:
        """The line the bar shows before eliding (the message's first line)."""
        return first_line(self._full)

    def fits(self) -> bool:
        """Whether the shown line is whole (not elided) at the line's present width."""
        return self.fontMetrics().horizontalAdvance(self.shown_line) <= self.contentsRect().width()

    def show_message(self, text: str) -> None:
        self._full = text or self._standing
        self.setToolTip(self._full)
        self.setAccessibleDescription(self._full.replace("\n", " "))
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        line = self.shown_line
        self.setText(self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, width))
