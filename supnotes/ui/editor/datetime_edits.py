"""Date and time editors for a keyboard-first form.

Qt's date and time editors move between their own sections on Tab, and when
they show "Not set" (their special value) Tab never leaves them: a trap for
anyone not using a mouse. Here Tab always moves to the next field (typing
``31/12/2026`` moves through the sections by itself; Left and Right move
too), Delete clears the value to "Not set", and the first digit or arrow
typed into an empty editor starts from today (or 09:00).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QWidget

NO_DATE = QDate(1900, 1, 1)
NO_TIME = QTime(0, 0)
NOT_SET = "Not set"

_STARTERS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, *(Qt.Key(k) for k in range(0x30, 0x3A))})


def _key_press(editor: QDateTimeEdit, event: QKeyEvent) -> bool:
    """Handle the form's keys; True when handled (the caller then stops)."""
    key = event.key()
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    ):
        forward = key == Qt.Key.Key_Tab and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        QWidget.focusNextPrevChild(editor, forward)
        return True
    if key == Qt.Key.Key_Delete:
        editor.setDateTime(editor.minimumDateTime())
        return True
    if key in _STARTERS and editor.dateTime() == editor.minimumDateTime():
        if isinstance(editor, QTimeEdit):
            editor.setTime(QTime(9, 0))
        else:
            editor.setDate(QDate.currentDate())
        editor.setCurrentSectionIndex(0)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return True
    return False


class FormDateEdit(QDateEdit):
    """A date (dd/MM/yyyy) that may be 'Not set'; see the module docstring."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(NOT_SET)
        self.setDate(NO_DATE)
        self.setAccessibleName(name)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if not _key_press(self, event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, forward)


class FormTimeEdit(QTimeEdit):
    """A time (HH:mm) whose lowest value, 00:00, reads 'Not set'."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(NO_TIME)
        self.setSpecialValueText(NOT_SET)
        self.setTime(NO_TIME)
        self.setAccessibleName(name)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if not _key_press(self, event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        return QWidget.focusNextPrevChild(self, forward)
