"""Size windows and dialogs to their content and to the screen they are on.

Qt sizes a top-level widget to its size hint, which can be larger than a
1024x640 screen (or one at 150% text). :func:`fit_to_screen` keeps the hint
where it fits and otherwise takes what the screen's free area allows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left around a window for the title bar and the panel of the desktop.
MARGIN = QSize(24, 48)


def available(widget: QWidget) -> QSize:
    """The free area of the screen ``widget`` is on (or the primary screen)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - MARGIN


def fit_to_screen(widget: QWidget, wanted: QSize | None = None) -> QSize:
    """Resize ``widget`` to ``wanted`` (default: its size hint), no larger than the screen."""
    hint = wanted if wanted is not None else widget.sizeHint()
    room = available(widget)
    size = QSize(min(hint.width(), room.width()), min(hint.height(), room.height()))
    widget.resize(size)
    return size


def wanted_height(widget: QWidget) -> int:
    """The height ``widget``'s layout needs at its present width.

    A wrapped label's size hint assumes one width; at a narrower one (a small
    screen, 150% text) it needs more lines, which a size hint does not say but
    the layout's height-for-width does.
    """
    layout = widget.layout()
    hint = widget.sizeHint().height()
    if layout is None or not layout.hasHeightForWidth():
        return hint
    return max(hint, layout.totalHeightForWidth(widget.width()))


def grow_on_screen(widget: QWidget) -> None:
    """After its content grew: take the new size hint (within the screen) and stay on it."""
    fit_to_screen(widget, widget.sizeHint().expandedTo(widget.size()))
    # Now that the width is settled, the height its wrapped lines need there.
    fit_to_screen(widget, QSize(widget.width(), max(widget.height(), wanted_height(widget))))
    screen = (widget.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = widget.frameGeometry()
    x = min(max(frame.left(), screen.left()), screen.right() - frame.width())
    y = min(max(frame.top(), screen.top()), screen.bottom() - frame.height())
    widget.move(max(x, screen.left()), max(y, screen.top()))
