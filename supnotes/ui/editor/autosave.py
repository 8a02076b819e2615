"""Autosave: edits are remembered in memory and written off the UI thread.

A keystroke only marks its field dirty (a dict entry and two timer starts):
it never reads the field's text, waits on disk or touches crypto. A save
starts when the first of these comes:

* a pause: :data:`PAUSE_MS` after the last edit;
* the ceiling: :data:`CEILING_MS` after the *first* edit not yet saved, however
  fast the typing goes on (a supervisor who never pauses is still saved);
* focus leaving a field, lock, close, Ctrl+S.

:meth:`Autosave.flush` then takes a snapshot of every dirty field *on the UI
thread* (reading a 4,000-word field's text takes about 0.04 ms), and one
background batch writes them in order, each as one short vault transaction
(2-6 ms for a 4,000-word answer). Only one batch is in flight at a time, so
saves never overlap or arrive out of order; a save due while one is in
flight starts the moment it ends.

Why these numbers: the promise is that a word is in the vault within a second
of being typed. A keystroke typed at ``t`` is taken by a batch that starts no
later than ``t + CEILING_MS`` (it is either in the batch whose ceiling is
already running, or it starts a new one), after at most one batch in flight,
and is committed a few milliseconds later: 600 ms + twice a batch leaves about
350 ms for a slow disk, a busy machine and a late timer. A shorter ceiling
buys little and commits a long note's whole text more often; the 300 ms pause
saves a finished sentence sooner than the ceiling would, without saving on
every keystroke of a fast typist (gaps between keys are 60-200 ms).

If a write fails (the folder became read-only, the disk is full), the
entries that were not written stay dirty, the failure is reported in plain
words, and saving is tried again every few seconds and on the next edit.
Nothing typed is dropped.

On lock, :meth:`Autosave.flush_now` waits for the batch in flight and then
writes what is left synchronously: the vault key is about to be dropped, so
this is the one place a synchronous save is right.

A new record is not in the vault until its first save: the editor passes the
write that creates it as ``create``, and it goes first in the first batch
that has an edit to write. An editor opened and closed without an edit (or
killed before its first save) leaves nothing behind.

``trace`` (None unless a test sets it on one instance) is told of each step
with a monotonic time stamp: the fault suite checks the ceiling from it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.search import tidy_index
from supnotes.vault.vault import Vault

PAUSE_MS = 300  # a pause in typing this long saves
CEILING_MS = 600  # after the first unsaved edit, however fast the typing goes on
RETRY_MS = 5000
CREATE_KEY = "record:create"

# A write to run against the vault (off the UI thread), with the values it
# writes already captured.
Write = Callable[[Vault], None]
# Reads a field's current value on the UI thread and returns its write.
Snapshot = Callable[[], Write]
# Told of each step: (event, detail, time.monotonic()); may be called from the worker thread.
Trace = Callable[[str, str, float], None]


@dataclass
class Batch:
    """Writes taken together; filled in by the worker thread."""

    writes: list[tuple[str, Write]]
    trace: Trace | None = None
    done: list[str] = field(default_factory=list)
    error: BaseException | None = None
    commit_ms: list[float] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)
    handled: bool = False

    @property
    def together(self) -> bool:
        """A batch that stores a new record commits it with its first words, in one
        transaction: a crash between the two would leave an empty record."""
        return any(key == CREATE_KEY for key, _write in self.writes)

    def run(self, vault: Vault, *, tidy: bool = False) -> Batch:
        """Write each entry as its own transaction (a together batch: all in one).

        ``tidy`` (a batch in the background, never lock's or close's): after
        the writes, one bounded merge of the search index's edit segments
        (:func:`supnotes.vault.search.tidy_index`), so the first search after
        an edit does not do it. Not part of the writes' commit times; a failure
        there is not a failed save (the index is merged at a later batch or by
        FTS5 itself).
        """
        keys = [key for key, _write in self.writes]
        groups = [keys] if self.together else [[key] for key in keys]
        writes = dict(self.writes)
        try:
            for group in groups:
                detail = " ".join(group)
                started = time.perf_counter()
                self._trace("commit-start", detail)
                with vault.transaction():  # the writes' own transactions join this one
                    for key in group:
                        writes[key](vault)
                self._trace("commit-end", detail)
                self.commit_ms.append((time.perf_counter() - started) * 1000)
                self.done.extend(group)
            if tidy:
                self._tidy(vault)
        except Exception as exc:  # noqa: BLE001 (kept and reported; the text stays dirty)
            self.error = exc
        finally:
            self.finished.set()
        return self

    def _tidy(self, vault: Vault) -> None:
        try:
            self._trace("tidy-start", "")
            tidy_index(vault)
            self._trace("tidy-end", "")
        except Exception as exc:  # noqa: BLE001 (the saves are done; merging can wait)
            self._trace("tidy-failed", type(exc).__name__)

    def _trace(self, event: str, detail: str) -> None:
        if self.trace is not None:
            self.trace(event, detail, time.monotonic())


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

    def __init__(
        self,
        vault: Callable[[], Vault | None],
        parent: QObject | None = None,
        *,
        create: Write | None = None,
    ) -> None:
        super().__init__(parent)
        self._vault = vault
        self._create = create  # writes the new record; goes first in the first batch
        self._dirty: dict[str, Snapshot] = {}
        self._retained: dict[str, Write] = {}  # snapshots taken but not yet written
        self._in_flight: Batch | None = None
        self._due = False  # a save came due while a batch was in flight
        self._failing = False
        self.commit_ms: list[float] = []
        self.trace: Trace | None = None
        self._init_timers()

    def _init_timers(self) -> None:
        def timer(milliseconds: int) -> QTimer:
            made = QTimer(self)
            made.setSingleShot(True)
            made.setInterval(milliseconds)
            made.setTimerType(Qt.TimerType.PreciseTimer)
            made.timeout.connect(self.flush)
            return made

        self._pause = timer(PAUSE_MS)
        self._ceiling = timer(CEILING_MS)
        self._retry = timer(RETRY_MS)

    def set_delay_ms(self, milliseconds: int) -> None:
        """Make both the pause and the ceiling ``milliseconds`` (tests change them)."""
        self._pause.setInterval(milliseconds)
        self._ceiling.setInterval(milliseconds)

    @property
    def delays_ms(self) -> tuple[int, int]:
        """(pause, ceiling) in milliseconds."""
        return self._pause.interval(), self._ceiling.interval()

    # -- marking ------------------------------------------------------------------

    def mark(self, key: str, snapshot: Snapshot) -> None:
        """``key`` changed; ``snapshot`` will read it when the save runs (cheap: no I/O)."""
        first = not self._dirty
        self._dirty[key] = snapshot
        self._pause.start()
        if first:  # the first edit not yet taken: the ceiling runs from here, unrestarted
            self._ceiling.start()
            self._trace("first-edit", key)

    def mark_write(self, key: str, write: Write) -> None:
        """A change whose values are known now (a button, a review outcome)."""
        self.mark(key, lambda: write)

    def keep_record(self) -> None:
        """Write a new record at the next save even if nothing was typed (before a review)."""
        if self._create is not None:
            self._retained = {CREATE_KEY: self._create, **self._retained}
            self._create = None

    @property
    def is_new(self) -> bool:
        """True while the record has not been written to the vault (no save yet)."""
        return self._create is not None or CREATE_KEY in self._retained

    @property
    def pending(self) -> bool:
        """True while anything is unsaved or being saved."""
        return bool(self._dirty or self._retained or self._in_flight)

    @property
    def failing(self) -> bool:
        return self._failing

    def _trace(self, event: str, detail: str = "") -> None:
        if self.trace is not None:
            self.trace(event, detail, time.monotonic())

    # -- saving ---------------------------------------------------------------------

    def _take(self) -> list[tuple[str, Write]]:
        if self._dirty:
            self.keep_record()  # a real edit: the new record goes in first
        for key, snapshot in self._dirty.items():
            self._retained[key] = snapshot()  # a newer value replaces an unwritten older one
        self._dirty.clear()
        self._pause.stop()
        self._ceiling.stop()
        return list(self._retained.items())

    def flush(self) -> None:
        """Save what is dirty in the background (after the batch in flight, if any)."""
        if not (self._dirty or self._retained):
            self._pause.stop()
            self._ceiling.stop()
            return
        if self._in_flight is not None:
            self._due = True  # started as soon as the batch in flight ends
            return
        vault = self._vault()
        if vault is None:  # locked: kept until unlocked
            self._pause.stop()
            self._ceiling.stop()
            return
        self._due = False
        batch = Batch(self._take(), self.trace)
        self._in_flight = batch
        self._trace("batch-start", " ".join(key for key, _write in batch.writes))
        self.state_changed.emit("Saving…")
        run_in_background(lambda: batch.run(vault, tidy=True), self._finish)

    def flush_now(self, timeout_s: float = 10.0) -> bool:
        """Save everything before returning (lock, close); True when all is saved."""
        in_flight = self._in_flight
        if in_flight is not None:
            if not in_flight.finished.wait(timeout_s):
                return False  # still writing: never start a second batch beside it
            self._finish(in_flight, resume=False)
        vault = self._vault()
        if vault is None or not (self._dirty or self._retained):
            return not self.pending
        self._due = False
        batch = Batch(self._take(), self.trace)
        self._in_flight = batch
        self._trace("batch-start", " ".join(key for key, _write in batch.writes))
        self._finish(batch.run(vault), resume=False)
        return not self.pending

    def _finish(self, batch: Batch, *, resume: bool = True) -> None:
        """Account for a finished batch; ``resume``: start the next save if one is due."""
        if batch.handled:
            return
        batch.handled = True
        if self._in_flight is batch:
            self._in_flight = None
        self._trace("batch-end", "failed" if batch.error is not None else "")
        self.commit_ms += batch.commit_ms
        written = dict(batch.writes)
        for key in batch.done:
            if self._retained.get(key) is written[key]:
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
        if resume and (self._due or (self._retained and not self._dirty)):
            self.flush()  # came due meanwhile; otherwise the running timers will save
