"""Date and time fields that keep what was typed.

Each is a line edit read by a parser (:mod:`supnotes.domain.typed_dates`),
not Qt's sectioned date and time editors: those replaced an empty field
with today or 09:00 on the first digit, and Shift+Tab put the cursor in the
year. Here the whole text is read when the field is left or Return is
pressed: ``1030``, ``10:30``, ``14/12/2026``, ``14122026`` and ``+14`` all
work from empty, whichever way the field was entered. The value then shows
in its usual form (``10:30``, ``14/12/2026``).

Text that cannot be read is refused visibly: the field is outlined, the
reason shows beside it and is emitted as :attr:`TypedField.refused` (the
editor puts it in the status bar), and the value stays what it was. Empty
text clears the value, unless the field is required (the session's date).
A field never becomes a value nobody typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QLineEdit, QToolTip, QWidget

from supnotes.domain.typed_dates import (
    UnreadableEntry,
    parse_clock,
    parse_day,
    show_clock,
    show_day,
)

V = TypeVar("V", date, time)

# Outlined while its text was refused (or, for an end time, while it is before the start).
REFUSED_STYLE = 'QLineEdit[refused="true"] { border: 2px solid #c4372c; border-radius: 3px; }'
DATE_PLACEHOLDER = "Not set (dd/mm/yyyy)"
TIME_PLACEHOLDER = "Not set (hh:mm)"


class _Readable(QValidator):
    """Acceptable when the parser reads the text; otherwise Intermediate, never Invalid.

    Nothing typed is ever dropped by the validator: it only tells the field
    (and assistive technology) whether the text is readable yet.
    """

    def __init__(self, read: Callable[[str], object], parent: QWidget) -> None:
        super().__init__(parent)
        self._read = read

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        try:
            self._read(text)
        except UnreadableEntry:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class TypedField(QLineEdit, Generic[V]):
    """A value typed as text and read whole; see the module docstring."""

    value_changed = Signal()  # the user committed a different value (not when loaded)
    refused = Signal(str)  # why the typed text was not taken (the value is unchanged)
    problem_cleared = Signal(str)  # the refusal (as emitted) no longer holds: new typing

    def __init__(
        self,
        name: str,
        read: Callable[[str], V | None],
        show: Callable[[V | None], str],
        placeholder: str,
        parent: QWidget | None = None,
        *,
        required: bool = False,
    ) -> None:
        super().__init__(parent)
        self._read: Callable[[str], V | None] = read
        self._show: Callable[[V | None], str] = show
        self._value: V | None = None
        self.required = required
        self.problem = ""
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setValidator(_Readable(read, self))
        self.setMaxLength(24)
        self.setStyleSheet(REFUSED_STYLE)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(placeholder) + 16)
        self.textEdited.connect(self._typing)

    def value(self) -> V | None:
        """The value last committed (typed text counts once the field is left or Return)."""
        return self._value

    def set_value(self, value: V | None) -> None:
        """Load a value (no signal)."""
        self._value = value
        self.setText(self._show(value))
        self._set_problem("")

    def commit(self) -> bool:
        """Read the text now; True when it was taken (or unchanged)."""
        text = self.text()
        if text == self._show(self._value):
            self._set_problem("")
            return True
        name = self.accessibleName()
        try:
            found = self._read(text)
        except UnreadableEntry as problem:
            return self._refuse(f"{name} {self._kept()}: {problem}")
        if found is None and self.required:
            return self._refuse(f"{name} {self._kept()}: it cannot be empty.")
        changed = found != self._value
        self.set_value(found)
        if changed:
            self.value_changed.emit()
        return True

    def _kept(self) -> str:
        shown = self._show(self._value)
        return f"kept at {shown}" if shown else "left empty"

    def _refuse(self, message: str) -> bool:
        self.setText(self._show(self._value))
        self._set_problem(message)
        self.refused.emit(message)
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)
        return False

    def _set_problem(self, message: str) -> None:
        old, self.problem = self.problem, message
        if old and not message:
            self.problem_cleared.emit(old)
        self.setProperty("refused", bool(message))
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        style = self.style()
        style.unpolish(self)
        style.polish(self)

    def _typing(self, _text: str) -> None:
        if self.problem:
            self._set_problem("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.commit():
            event.accept()  # a refused value: Return must not also press a button
            return
        if event.key() == Qt.Key.Key_Escape and self.text() != self._show(self._value):
            self.set_value(self._value)  # Escape puts back the value (a dialog stays open)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
        super().focusOutEvent(event)


class DayField(TypedField[date]):
    """A date that may be empty; typed in any form :func:`parse_day` reads."""

    def __init__(self, name: str, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(name, parse_day, show_day, DATE_PLACEHOLDER, parent, required=required)


class ClockField(TypedField[time]):
    """A time of day that may be empty; typed in any form :func:`parse_clock` reads."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parse_clock, show_clock, TIME_PLACEHOLDER, parent)
