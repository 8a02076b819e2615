"""The app's demo seals its signed records after its window shows, one at a time.

Sealing a record takes about 0.1-0.3 s, so sealing the demo's 50 before
the window appeared kept a newcomer waiting 8-16 s. Instead the demo is
written with those records as drafts (:func:`supnotes.ui.shell.demo.write_demo_drafts`)
and :class:`DemoSealer` seals them on a worker thread, oldest first, once the
window is up:

- each record waiting to be sealed reads "Being sealed…" in the thread, does
  not open (so it cannot be edited, discarded or sealed twice), and the
  status bar counts them down;
- each seal is one transaction (:func:`supnotes.services.sealing.seal_record`),
  so stopping between two seals leaves every record whole;
- locking (and quitting, which closes the vault) pauses it: the seal under
  way finishes first (the lock waits for background work), and unlocking
  goes on from the next one.

The signing stack (pyHanko, reportlab) is imported by the worker thread that
seals, not before the window shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from supnotes.services.demo_plan import DemoSealing
    from supnotes.ui.shell.parts import Parts


def seal_one(vault: Vault, sealing: DemoSealing, record_id: str) -> None:
    """Seal one of the demo's records (loads the signing stack on first use)."""
    from supnotes.services.demo import seal_one as seal

    seal(vault, sealing, record_id)


def finish_demo(vault: Vault, sealing: DemoSealing) -> None:
    """After the seals: the demo's signed addendum and counter-signed record."""
    from supnotes.services.demo import finish_demo as finish

    finish(vault, sealing)


def seal_all(vault: Vault, sealing: DemoSealing) -> None:
    """Every seal now, in order (the demo written whole, as ``supnotes demo`` does)."""
    for record_id in sealing.record_ids:
        seal_one(vault, sealing, record_id)
    finish_demo(vault, sealing)


class DemoSealer(QObject):
    """Seals a demo's records in the background after the window shows."""

    progressed = Signal(str)  # the id of the record just sealed
    finished = Signal()  # every record sealed, the addendum and counter-signature added

    def __init__(self, lock: LockController, sealing: DemoSealing, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = lock
        self._sealing = sealing
        self._pending: list[str] = list(sealing.record_ids)
        self._total = len(self._pending)
        self._running = False  # a seal is under way on a worker thread
        self._paused = True  # until start(); and while locked
        self._done = False
        lock.about_to_lock.connect(self.pause)
        lock.unlocked.connect(lambda _vault: self.start())

    # -- what the window asks -------------------------------------------------------

    def is_pending(self, record_id: str) -> bool:
        """Whether ``record_id`` is still to be sealed (it must not be opened)."""
        return record_id in self._pending

    def pending(self) -> list[str]:
        return list(self._pending)

    @property
    def done(self) -> bool:
        return self._done

    def progress_text(self) -> str:
        if self._done:
            return f"Demo ready: its {self._total} signed records are sealed."
        sealed = self._total - len(self._pending)
        return (
            f"Demo: sealing its signed records, {sealed} of {self._total} done.\n"
            "Those marked “Being sealed…” open once sealed."
        )

    # -- running ----------------------------------------------------------------------

    def start(self) -> None:
        self._paused = False
        self._next()

    def pause(self) -> None:
        """Start no further seal (the one under way finishes: the lock waits for it)."""
        self._paused = True

    def _next(self) -> None:
        vault = self._lock.vault
        if self._running or self._paused or self._done or vault is None:
            return
        sealing = self._sealing
        self._running = True
        if self._pending:
            record_id = self._pending[0]
            self._run(lambda: seal_one(vault, sealing, record_id), lambda: self._sealed(record_id))
        else:
            self._run(lambda: finish_demo(vault, sealing), self._finished)

    def _run(self, work: Callable[[], None], then: Callable[[], None]) -> None:
        def failed(exc: BaseException) -> None:
            self._running = False
            self._paused = True
            raise exc  # the unexpected-error dialog (a demo that cannot seal is a bug)

        run_in_background(work, lambda _none: then(), failed)

    def _sealed(self, record_id: str) -> None:
        self._running = False
        self._pending.remove(record_id)
        self.progressed.emit(record_id)
        self._next()

    def _finished(self) -> None:
        self._running = False
        self._done = True
        self.finished.emit()


def install_demo_sealer(
    window: QMainWindow, lock: LockController, parts: Parts, sealing: DemoSealing
) -> DemoSealer:
    """Show the demo's records being sealed, and keep them shut until they are.

    Returns the sealer, not yet started: :meth:`DemoSealer.start` once the
    window shows.
    """
    sealer = DemoSealer(lock, sealing, window)
    thread = parts.thread

    def show_progress() -> None:
        thread.model.set_being_sealed(sealer.pending())
        window.statusBar().showMessage(sealer.progress_text(), 0 if not sealer.done else 10_000)

    def sealed(_record_id: str) -> None:
        show_progress()
        thread.reload()  # the record now reads "Signed"

    sealer.progressed.connect(sealed)
    sealer.finished.connect(show_progress)
    sealer.finished.connect(parts.wiring.refresh_soon)
    lock.unlocked.connect(lambda _vault: show_progress())
    show_progress()
    return sealer


def guard_opening(
    sealer: DemoSealer, open_record: Callable[[str], object], window: QMainWindow
) -> Callable[[str], object]:
    """``open_record``, except for a record still being sealed: that is said instead."""

    def guarded(record_id: str) -> object:
        if sealer.is_pending(record_id):
            window.statusBar().showMessage(
                "That record is being sealed for the demo: it opens in a moment, signed.", 8000
            )
            return None
        return open_record(record_id)

    return guarded
