"""Tell the outcome of a button's act where it happened, and move the focus on from it.

After "Export public key…" had saved the file, the focus stayed on the button,
so a second Enter opened the save dialog again (seen in the real app). An act
that has done its job now says so in its section's message label, has that
message read out by a screen reader (an accessibility announcement), brings
it into view in a scrolling form, and moves the focus to the next sensible
place: what the message talks about (a fingerprint to read out), or else the
dialog's OK (or Close), so the next Enter finishes the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QScrollArea, QWidget


def announce(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label``, have a screen reader say it, and scroll it into view."""
    label.setText(text)
    label.setAccessibleDescription(text)
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, text))
    scroll = _scroll_area_of(label)
    if scroll is not None:
        # After the wrapped label has its new height (it is often a section's last line).
        QTimer.singleShot(0, label, lambda: scroll.ensureWidgetVisible(label))


def done(label: QLabel, text: str, focus: QWidget | None = None) -> QWidget | None:
    """Announce ``text``; the focus to ``focus`` (if it can take it), else OK, Close or Cancel.

    Returns the widget given the focus (None if none could take it).
    """
    announce(label, text)
    target = focus if focus is not None and _can_focus(focus) else default_button(label)
    if target is not None:
        target.setFocus()
    return target


def default_button(inside: QWidget) -> QPushButton | None:
    """The window's OK, else its Close, else its Cancel button: never another act.

    (Not ``isDefault()``: while an auto-default button has the focus, it is the
    default one, and OK is not.)
    """
    boxes = inside.window().findChildren(QDialogButtonBox)
    for which in (
        QDialogButtonBox.StandardButton.Ok,
        QDialogButtonBox.StandardButton.Close,
        QDialogButtonBox.StandardButton.Cancel,
    ):
        for box in boxes:
            button = box.button(which)
            if button is not None and _can_focus(button):
                return button
    return None


def _can_focus(widget: QWidget) -> bool:
    return widget.isEnabled() and widget.isVisibleTo(widget.window())


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
