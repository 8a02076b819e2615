"""A one-line text field with the same safety and spell-checking as the long one.

A ``QLineEdit`` cannot show spell-check underlines, so this is a one-line
``QPlainTextEdit``: no wrapping, no scroll bars, line breaks in a paste become
spaces, and Return is passed on (so a dialog's default button works).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

from supnotes.ui.widgets.sanitise import clean_text
from supnotes.ui.widgets.spell_service import SpellService
from supnotes.ui.widgets.text_field import SpellTextEdit


class ShortTextField(SpellTextEdit):
    """One line of text: a title, a child's reference, a name."""

    _single_line = True

    def __init__(
        self,
        spelling: SpellService | None = None,
        parent: QWidget | None = None,
        *,
        accessible_name: str = "",
    ) -> None:
        super().__init__(spelling, parent, accessible_name=accessible_name)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        margins = self.contentsMargins()
        document_margin = int(self.document().documentMargin())
        height = (
            self.fontMetrics().lineSpacing()
            + 2 * document_margin
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )
        return QSize(super().sizeHint().width(), height)

    def set_text(self, text: str) -> None:
        """Load ``text``; line breaks (which one line cannot show) become spaces."""
        super().set_text(clean_text(text, single_line=True))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # one line: let the form or dialog act on Return
            return
        super().keyPressEvent(event)
