"""Run slow work off the UI thread, with callbacks back on it.

In the spirit of Anki's ``aqt.operations``: one small helper, so every slow
step (key derivation, opening a vault, backups, search) follows the same path
and the window never freezes. ``work`` runs on Qt's global thread pool; its
result or exception comes back through a queued signal, so ``on_success`` and
``on_failure`` always run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Bridge(QObject):
    """Lives on the UI thread; the worker thread emits, Qt queues the call.

    Qt owns it (its parent is the application), so it is deleted only by
    ``deleteLater`` on the UI thread once its call has been delivered. Were
    Python to own it, whichever reference went last would delete it: the
    worker thread's (the finished task, which the pool deletes there) or the
    delivery's own, inside its queued call. Either is a QObject deleted where
    Qt may still use it, and the app (and, rarely, a test run) crashed in the
    event loop.
    """

    succeeded = Signal(object)  # the work's return value
    failed = Signal(object)  # the exception it raised

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__(QCoreApplication.instance())
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _PENDING.discard(self)
        try:
            self._on_success(result)
        finally:
            self.deleteLater()

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        _PENDING.discard(self)
        try:
            if self._on_failure is None:
                raise exc
            self._on_failure(exc)
        finally:
            self.deleteLater()


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], bridge: _Bridge) -> None:
        super().__init__()
        self._work = work
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the UI thread)
            self._bridge.failed.emit(exc)
            return
        self._bridge.succeeded.emit(result)


T = TypeVar("T")

# Bridges of operations still running; holding them keeps them alive.
_PENDING: set[_Bridge] = set()


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``work()`` on a worker thread; call back on the UI thread.

    ``work`` must not touch widgets. Without ``on_failure`` an exception is
    re-raised on the UI thread, where the unexpected-error dialog shows it.
    """
    bridge = _Bridge(on_success, on_failure)
    _PENDING.add(bridge)
    QThreadPool.globalInstance().start(_Task(work, bridge))


def busy() -> bool:
    """True while any operation is still running (tests wait on this)."""
    return bool(_PENDING)


def wait_for_background(milliseconds: int = 10_000) -> bool:
    """Block until running operations finish (before closing the vault they may use)."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
) -> QProgressDialog:
    """:func:`run_in_background` behind a busy dialog saying ``label``; the dialog closes itself.

    The dialog has no Cancel: the slow steps here (key derivation, checking
    or restoring a vault) cannot be stopped halfway safely.
    """
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setObjectName("busy")
    progress.setWindowTitle("SupNotes")
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def succeeded(result: T) -> None:
        progress.close()
        progress.deleteLater()
        on_success(result)

    def failed(exc: BaseException) -> None:
        progress.close()
        progress.deleteLater()
        if on_failure is None:
            raise exc
        on_failure(exc)

    run_in_background(work, succeeded, failed)
    return progress
