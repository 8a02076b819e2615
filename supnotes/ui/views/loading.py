"""Load a part's rows off the UI thread, dropping answers that arrive too late.

Each request gets a generation number; an answer for an older generation (a
reload overtook it, or the vault was locked meanwhile) is ignored, so a
locked window never receives names from a load started before the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from supnotes.ui.common.operations import run_in_background

T = TypeVar("T")


class Loader(QObject):
    busy_changed = Signal(bool)  # True while a load is under way

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._pending = 0

    def load(self, work: Callable[[], T], deliver: Callable[[T], None]) -> None:
        """Run ``work`` on a worker thread; ``deliver`` its result unless overtaken."""
        self._generation += 1
        generation = self._generation
        self._set_pending(+1)

        def done(result: T) -> None:
            self._set_pending(-1)
            if generation == self._generation:
                deliver(result)

        def failed(exc: BaseException) -> None:
            self._set_pending(-1)
            if generation == self._generation:
                raise exc

        run_in_background(work, done, failed)

    @property
    def busy(self) -> bool:
        """A load is still running (its result may yet be delivered)."""
        return self._pending > 0

    def cancel(self) -> None:
        """Ignore whatever is still running (the vault is about to lock)."""
        self._generation += 1

    def _set_pending(self, step: int) -> None:
        before = self._pending > 0
        self._pending += step
        if (self._pending > 0) != before:
            self.busy_changed.emit(self._pending > 0)
