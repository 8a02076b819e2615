"""When a window or dialog closes, the keyboard goes back to the window it came from.

Left to the window manager, closing a dialog could leave no window active (a
"Discard?" question over Quick decision: both close, Ctrl+Q then did nothing),
or the window underneath active in the window manager's eyes but with no
keyboard focus inside it (Escape did not close the Overdue list after its
record closed, until one Tab). So every top-level window remembers which
window was active when it was shown, and when it hides that window is
activated again and its last focused control takes the keyboard, unless the
person has meanwhile moved on to another window.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

_WINDOW_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def _is_window(obj: QObject) -> bool:
    return isinstance(obj, QWidget) and obj.isWindow() and obj.windowType() in _WINDOW_TYPES


class FocusReturn(QObject):
    """Application event filter: a closing window hands the keyboard back to its opener."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Weak: a window closed for good must be free to go (a strong
        # reference here could delete it later, inside another window's Hide).
        self._openers: dict[int, weakref.ref[QWidget]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and _is_window(watched):
            assert isinstance(watched, QWidget)
            key = shiboken6.getCppPointer(watched)[0]
            if kind == QEvent.Type.Show:
                opener = QApplication.activeWindow() or _parent_window(watched)
                if opener is not None and opener is not watched:
                    self._openers[key] = weakref.ref(opener)
            else:
                ref = self._openers.pop(key, None)
                if ref is not None:
                    QTimer.singleShot(0, lambda: _give_back_if_alive(ref))
        return super().eventFilter(watched, event)


def _parent_window(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    return None if parent is None else parent.window()


def _give_back_if_alive(ref: weakref.ref[QWidget]) -> None:
    opener = ref()
    if opener is not None:
        give_back(opener)


def give_back(opener: QWidget) -> None:
    """Activate ``opener`` and focus its last control, if the keyboard is nowhere else."""
    if not shiboken6.isValid(opener) or not opener.isVisible():
        return
    active = QApplication.activeWindow()
    if active is not None and active is not opener and active.isVisible():
        return  # the person (or the program) went on to another window
    opener.raise_()
    opener.activateWindow()
    target = opener.focusWidget()
    if target is None or not target.isVisible() or not target.isEnabled():
        opener.focusNextChild()
    else:
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def install_focus_return(app: QApplication) -> FocusReturn:
    existing = app.findChild(FocusReturn, "focus-return")
    if isinstance(existing, FocusReturn):
        return existing
    filter_ = FocusReturn(app)
    filter_.setObjectName("focus-return")
    app.installEventFilter(filter_)
    return filter_
