"""A typist for tests: real key events into a widget, paced by a precise timer.

Used by the autosave tests and by the editor kill suite's child process. Each
key is a real ``QTest.keyClick`` sent from the event loop, so autosave's
timers, the spell highlighter and repainting all run between keys as they do
for a person typing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

# Milliseconds to wait before key number ``index`` (0-based) is typed.
Gaps = Callable[[int], float]


def steady(chars_per_second: float) -> Gaps:
    """A key every 1/``chars_per_second`` seconds."""
    return lambda _index: 1000.0 / chars_per_second


class Typist(QObject):
    """Types ``text`` into ``widget``, one key per timer tick; see the module docstring.

    ``keys`` holds the monotonic time each key was sent; ``late_ms`` how much
    later than asked the event loop let the latest key go (how busy it was).
    ``on_key(index, char, when)`` is called just before each key is sent.
    """

    finished = Signal()

    def __init__(
        self,
        widget: QWidget,
        text: str,
        gaps: Gaps,
        on_key: Callable[[int, str, float], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._widget = widget
        self._text = text
        self._gaps = gaps
        self._on_key = on_key
        self.keys: list[float] = []
        self.late_ms: list[float] = []
        self._due = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._type_one)

    @property
    def done(self) -> bool:
        return len(self.keys) >= len(self._text)

    def start(self) -> None:
        self._schedule(time.monotonic())

    def _schedule(self, now: float) -> None:
        self._due = now + self._gaps(len(self.keys)) / 1000
        self._timer.start(max(0, round((self._due - time.monotonic()) * 1000)))

    def _type_one(self) -> None:
        now = time.monotonic()
        self.late_ms.append(max(0.0, (now - self._due) * 1000))
        index = len(self.keys)
        char = self._text[index]
        if self._on_key is not None:
            self._on_key(index, char, now)
        self.keys.append(now)
        QTest.keyClicks(self._widget, char)
        if self.done:
            self.finished.emit()
        else:
            self._schedule(now)
