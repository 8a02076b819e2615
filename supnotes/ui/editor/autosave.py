"""Autosave: edits are remembered in memory and written off the UI thread.

A keystroke only marks its field dirty (a dict entry and a timer restart):
it never reads the field's text, waits on disk or touches crypto. About a
second after the last edit, on focus change and on close, :meth:`Autosave.flush`
takes a snapshot of every dirty field *on the UI thread* (reading the
widgets), and one background batch writes them in order, each as one short
vault transaction. Only one batch is in flight at a time, so saves never
overlap or arrive out of order.

If a write fails (the folder became read-only, the disk is full), the
entries that were not written stay dirty, the failure is reported in plain
words, and saving is tried again every few seconds and on the next edit.
Nothing typed is dropped.

On lock, :meth:`Autosave.flush_now` waits for the batch in flight and then
writes what is left synchronously: the vault key is about to be dropped, so
this is the one place a synchronous save is right.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from supnotes.ui.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

SAVE_DELAY_MS = 800  # after the last edit; well inside the promised second
RETRY_MS = 5000

# A write to run against the vault (off the UI thread), with the values it
# writes already captured.
Write = Callable[[Vault], None]
# Reads a field's current value on the UI thread and returns its write.
Snapshot = Callable[[], Write]


@dataclass
class Batch:
    """Writes taken together; filled in by the worker thread."""

    writes: list[tuple[str, Write]]
    done: list[str] = field(default_factory=list)
    error: BaseException | None = None
    commit_ms: list[float] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)
    handled: bool = False

    def run(self, vault: Vault) -> Batch:
        try:
            for key, write in self.writes:
                started = time.perf_counter()
                write(vault)
                self.commit_ms.append((time.perf_counter() - started) * 1000)
                self.done.append(key)
        except Exception as exc:  # noqa: BLE001 (kept and reported; the text stays dirty)
            self.error = exc
        finally:
            self.finished.set()
        return self


def failure_text(exc: BaseException) -> str:
    """What to tell the supervisor when a save fails."""
    if isinstance(exc, VaultError):
        # The vault's advice is for every caller; only here was something typed.
        return f"{exc.message} {exc.advice} What you typed is kept.".strip()
    return f"An unexpected problem stopped the save ({type(exc).__name__}). Your text is kept."


class Autosave(QObject):
    """The dirty fields of one editor and the writing of them; see the module docstring."""

    state_changed = Signal(str)  # the indicator's text: "Saving…", "Saved 14:03:12", "Not saved"
    failed = Signal(str)  # a save failed: the plain-words reason (the text is kept)
    recovered = Signal()  # saving works again after a failure
    saved = Signal()  # a batch was written completely

    def __init__(self, vault: Callable[[], Vault | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self._dirty: dict[str, Snapshot] = {}
        self._retained: dict[str, Write] = {}  # snapshots taken but not yet written
        self._in_flight: Batch | None = None
        self._failing = False
        self.commit_ms: list[float] = []
        self._init_timers()

    def _init_timers(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.flush)

    def set_delay_ms(self, milliseconds: int) -> None:
        """How long after the last edit the save starts (tests and benchmarks change it)."""
        self._timer.setInterval(milliseconds)

    # -- marking ------------------------------------------------------------------

    def mark(self, key: str, snapshot: Snapshot) -> None:
        """``key`` changed; ``snapshot`` will read it when the save runs (cheap: no I/O)."""
        self._dirty[key] = snapshot
        self._timer.start()

    def mark_write(self, key: str, write: Write) -> None:
        """A change whose values are known now (a button, a review outcome)."""
        self.mark(key, lambda: write)

    @property
    def pending(self) -> bool:
        """True while anything is unsaved or being saved."""
        return bool(self._dirty or self._retained or self._in_flight)

    @property
    def failing(self) -> bool:
        return self._failing

    # -- saving ---------------------------------------------------------------------

    def _take(self) -> list[tuple[str, Write]]:
        for key, snapshot in self._dirty.items():
            self._retained[key] = snapshot()  # a newer value replaces an unwritten older one
        self._dirty.clear()
        return list(self._retained.items())

    def flush(self) -> None:
        """Save what is dirty in the background (after the batch in flight, if any)."""
        self._timer.stop()
        if self._in_flight is not None or not (self._dirty or self._retained):
            return
        vault = self._vault()
        if vault is None:  # locked: kept until unlocked
            return
        batch = Batch(self._take())
        self._in_flight = batch
        self.state_changed.emit("Saving…")
        run_in_background(lambda: batch.run(vault), self._finish)

    def flush_now(self, timeout_s: float = 10.0) -> bool:
        """Save everything before returning (lock, close); True when all is saved."""
        self._timer.stop()
        if self._in_flight is not None:
            self._in_flight.finished.wait(timeout_s)
            self._finish(self._in_flight)
        vault = self._vault()
        if vault is None or not (self._dirty or self._retained):
            return not self.pending
        batch = Batch(self._take())
        self._in_flight = batch
        self._finish(batch.run(vault))
        return not self.pending

    def _finish(self, batch: Batch) -> None:
        if batch.handled:
            return
        batch.handled = True
        if self._in_flight is batch:
            self._in_flight = None
        self.commit_ms += batch.commit_ms
        for key in batch.done:
            written = dict(batch.writes)[key]
            if self._retained.get(key) is written:
                del self._retained[key]
        if batch.error is not None:
            self._failing = True
            self.state_changed.emit("Not saved")
            self.failed.emit(failure_text(batch.error))
            self._retry.start()
            return
        if self._failing:
            self._failing = False
            self.recovered.emit()
        self.state_changed.emit(f"Saved {datetime.now().strftime('%H:%M:%S')}")
        self.saved.emit()
        if self._dirty or self._retained:
            self._timer.start()
