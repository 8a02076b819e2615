"""Keyboard rules that hold in every window (docs/keyboard.md).

* Shift+F10 opens the context menu of whatever has the keyboard, as the Menu
  key does (Qt on Linux and macOS knows only the Menu key). The menu opens at
  the text cursor in a text box (so the spelling menu offers the word there)
  and at the current row in a list.
* Text boxes show a focus ring: Fusion draws one round a one-line box but none
  round a many-line one, so a supervisor could not see where their typing goes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from supnotes.ui.common.focus_return import install_focus_return

#: A visible ring round the text box that has the keyboard (and the same box,
#: one pixel thinner, round the others so nothing moves when focus does).
FOCUS_RING_STYLE = """
QPlainTextEdit, QTextEdit {
    border: 1px solid palette(mid);
    border-radius: 3px;
    padding: 1px;
}
QPlainTextEdit:focus, QTextEdit:focus {
    border: 2px solid palette(highlight);
    padding: 0px;
}
"""


def context_menu_point(widget: QWidget) -> QPoint:
    """Where a keyboard-opened context menu belongs in ``widget``'s own coordinates."""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.viewport().mapTo(widget, widget.cursorRect().center())
    if isinstance(widget, QLineEdit):
        return widget.cursorRect().center()
    if isinstance(widget, QAbstractItemView):
        rect = widget.visualRect(widget.currentIndex())
        if rect.isValid():
            return widget.viewport().mapTo(widget, rect.center())
    if isinstance(widget, QAbstractScrollArea):
        return widget.viewport().geometry().center()
    return widget.rect().center()


def open_context_menu(widget: QWidget) -> None:
    """Send ``widget`` the context-menu request that the Menu key sends."""
    point = context_menu_point(widget)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)


def _is_menu_key(event: QKeyEvent) -> bool:
    key, modifiers = event.key(), event.modifiers()
    if key == Qt.Key.Key_F10:
        return modifiers == Qt.KeyboardModifier.ShiftModifier
    return key == Qt.Key.Key_Menu and modifiers == Qt.KeyboardModifier.NoModifier


class ContextMenuKey(QObject):
    """Application event filter: Shift+F10 and the Menu key open the same menu.

    Both are taken here (the key press is then accepted, so Qt does not also
    make its own menu from the Menu key) and the menu opens where the keyboard is.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and _is_menu_key(event)
        ):
            focused = QApplication.focusWidget()
            if focused is not None and watched is focused:
                open_context_menu(focused)
                return True
        return super().eventFilter(watched, event)


def is_ctrl_tab(event: QEvent) -> bool:
    """Ctrl+Tab or Ctrl+Shift+Tab: the key that leaves a grid where Tab walks cells."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    )


def ctrl_tab_backwards(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Backtab or bool(
        event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    )


def install_keyboard_rules(app: QApplication) -> ContextMenuKey:
    """Shift+F10 and the focus ring, for every window of ``app`` (once)."""
    existing = app.findChild(ContextMenuKey, "context-menu-key")
    if isinstance(existing, ContextMenuKey):
        return existing
    filter_ = ContextMenuKey(app)
    filter_.setObjectName("context-menu-key")
    app.installEventFilter(filter_)
    install_focus_return(app)
    app.setStyleSheet(app.styleSheet() + FOCUS_RING_STYLE)
    return filter_
