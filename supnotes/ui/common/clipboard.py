"""Text copied from the vault leaves the clipboard after a while, as password managers do.

:class:`ClipboardGuard` puts text on the clipboard and, after the time
given, clears it — only if the clipboard still holds that same text: what
the supervisor copied since is never touched. It also clears at once when
SupNotes locks or quits. One guard per application (:func:`clipboard_guard`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

GUARD_NAME = "supnotes-clipboard-guard"


class ClipboardGuard(QObject):
    def __init__(self, clipboard: QClipboard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(GUARD_NAME)
        self._clipboard = clipboard
        self._text: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear_now)

    @property
    def holding(self) -> bool:
        """True while text we copied may still be on the clipboard."""
        return self._text is not None

    def copy(self, text: str, seconds: int) -> None:
        """Put ``text`` on the clipboard; clear it after ``seconds`` if still there."""
        self._text = text
        self._clipboard.setText(text, QClipboard.Mode.Clipboard)
        self.timer.start(max(1, seconds) * 1000)

    def clear_now(self) -> bool:
        """Clear the clipboard if it still holds our text; True if it did."""
        self.timer.stop()
        ours, self._text = self._text, None
        if ours is None or self._clipboard.text(QClipboard.Mode.Clipboard) != ours:
            return False
        self._clipboard.clear(QClipboard.Mode.Clipboard)
        return True


def clipboard_guard() -> ClipboardGuard:
    """The application's guard, made on first use (cleared when the application quits)."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    found = app.findChild(ClipboardGuard, GUARD_NAME)
    if isinstance(found, ClipboardGuard):
        return found
    guard = ClipboardGuard(QGuiApplication.clipboard(), app)
    app.aboutToQuit.connect(guard.clear_now)
    return guard
