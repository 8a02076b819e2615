"""The editor's status-bar line: hints that fit, whatever the window's width.

``QStatusBar`` paints a message on one line and cuts it at the right ("review
and sigr" at 1024 px with 150% text). This label takes the status bar's
message (``showMessage``/``currentMessage`` keep working), elides it to its
width and keeps the whole text in its tooltip and accessible description.
With no message it shows the standing keys line again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget


class HintLine(QLabel):
    """The status bar's message, elided to fit, whole in the tooltip."""

    def __init__(self, standing: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hint-line")
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
        """The keys line shown when there is no message (a signed record has fewer keys)."""
        showing_standing = self._full == self._standing
        self._standing = standing
        if showing_standing:
            self.show_message("")

    @property
    def full_text(self) -> str:
        return self._full

    def show_message(self, text: str) -> None:
        self._full = text or self._standing
        self.setToolTip(self._full)
        self.setAccessibleDescription(self._full)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.contentsRect().width())
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))
