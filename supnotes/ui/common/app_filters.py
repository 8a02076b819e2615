"""The app's own application-wide event filters, held back while the main window is built.

Three Python objects filter every event of the application: the idle lock's
activity clock, Shift+F10 (the Menu key) and focus return. Building the main
window sends a few thousand construction events (polish, child added, layout,
property changes) of Qt classes no Python code has seen yet, and PySide creates
the Python class of each one (with its enums) the first time it hands one to a
filter: 30-50 ms before the first paint, for events none of the filters acts on.

Building runs no event loop, so no input arrives and no window is shown or
hidden meanwhile: taking the filters off for the build and putting them back,
in their order, changes nothing they would have acted on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from supnotes.ui.common.focus_return import FocusReturn
from supnotes.ui.common.keyboard import ContextMenuKey


def standing_app_filters(app: QApplication) -> list[QObject]:
    """The filters installed with the application (Shift+F10, focus return), oldest first."""
    found: list[QObject] = []
    for kind, name in ((ContextMenuKey, "context-menu-key"), (FocusReturn, "focus-return")):
        child = app.findChild(kind, name)
        if child is not None:
            found.append(child)
    return found


@contextmanager
def app_filters_held(app: QApplication, filters: Sequence[QObject]) -> Iterator[None]:
    """``filters`` (installed on ``app``, oldest first) are off ``app`` within the block.

    They go back in the same order, so Qt asks them in the same order as
    before (the newest first). Only around code that runs no event loop.
    """
    for filter_ in filters:
        app.removeEventFilter(filter_)
    try:
        yield
    finally:
        for filter_ in filters:
            app.installEventFilter(filter_)
