"""``FirstPaint``: run what the first screen does not need once the window has painted.

The main window shows, paints, and only then do the slower starts begin
(the spelling dictionary, the worker list's figures, the automatic backup):
a supervisor sees a usable window first. When the window is never painted
(hidden at once, or a platform that sends no paint), a fallback timer runs
them anyway, so nothing waits for ever.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: Run the deferred work this long after showing even if no paint came.
FALLBACK_MS = 1000


class FirstPaint(QObject):
    """Watches ``widget`` for its first paint; ``then`` queues work for after it."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._waiting: list[Callable[[], object]] = []
        self._ran = False
        self.painted_at: float | None = None  # time.perf_counter() at the first paint
        self.painted_clock: float | None = None  # time.time() then (for a benchmark harness)
        self.painted_cpu: float | None = None  # the UI thread's CPU seconds since the start
        widget.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._run)

    @property
    def done(self) -> bool:
        """What waited for the first paint has been run (or is running now)."""
        return self._ran

    def then(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the window has painted (in order, on the event loop)."""
        if self._ran:
            QTimer.singleShot(0, self, work)
        else:
            self._waiting.append(work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._widget and event.type() == QEvent.Type.Paint and not self._ran:
            self.painted_at = time.perf_counter()
            self.painted_clock = time.time()
            self.painted_cpu = time.thread_time()
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self._ran:
            return
        self._ran = True
        self._widget.removeEventFilter(self)
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()
