"""The child of the editor kill suite: the real editor, typing until it is killed.

    python -m tests.faults.editor_child VAULT PACE SEED LOG

Opens VAULT (passphrase in ``SUPNOTES_PASSPHRASE``) as the app does (a
``LockController``, the app's editor context with the real spell-checker),
starts a new one-to-one for the vault's first worker with ``Editors.new_record``,
and types :func:`typed_text` into its notes with real key events at PACE
(:data:`PACES`). It never stops by itself: the parent kills it with SIGKILL.

LOG gets one line per event, ``<time.monotonic()> <event> <detail>``, written
unbuffered with ``os.write`` so that everything logged before the kill is in
the file:

* ``record ID`` the new record's id; ``typing-start`` the first key is due;
* ``key N`` key N (0-based) of the text is about to be sent;
* autosave's own trace (``Autosave.trace``, set on this one editor):
  ``first-edit``, ``batch-start``, ``commit-start``, ``commit-end``, ``batch-end``;
* ``stall FROM TO`` the event loop did not run between FROM and TO (a 10 ms
  heartbeat came more than 40 ms late): nothing on the UI thread, autosave's
  timers included, could run then.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from supnotes.ui.access.lock import LockController
from supnotes.ui.editor.context import build_context
from supnotes.ui.editor.fields import TextInput
from supnotes.ui.editor.launch import Editors
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.editor.typing import Gaps, Typist, steady

FIELD = "notes.notes"
HEARTBEAT_MS = 10
STALL_S = 0.04
VOCABULARY = (
    "the worker visited the family on Tuesday and the children were safe although mother "
    "described feeling overwhelmed by housing we agreed the assessment will be shared with "
    "school and the health visitor before review kinship carers grandparents safeguarding "
    "behaviour colour programme judgement analysis reflective decision rationale outcome "
    "child voice worries strengths plan"
)
WORDS = VOCABULARY.split()


def typed_text(seed: int, length: int = 1200) -> str:
    """Sentences of ordinary words: what the child types (the parent regenerates it)."""
    rng = random.Random(seed)
    sentences: list[str] = []
    while sum(len(s) for s in sentences) < length:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        sentences.append(" ".join(words).capitalize() + ". ")
    return "".join(sentences)[:length]


def bursts(text: str, seed: int) -> Gaps:
    """A person typing: 60-180 ms a key, and a 1.2-2.5 s pause after each sentence."""
    rng = random.Random(seed)

    def gap(index: int) -> float:
        if index >= 2 and text[index - 2 : index] == ". ":
            return rng.uniform(1200, 2500)
        return rng.uniform(60, 180)

    return gap


PACES = ("steady8", "steady15", "bursts")


def gaps_for(pace: str, text: str, seed: int) -> Gaps:
    if pace == "steady8":
        return steady(8)
    if pace == "steady15":
        return steady(15)
    if pace == "bursts":
        return bursts(text, seed)
    raise ValueError(f"unknown pace {pace!r}")


class Log:
    """One unbuffered line per event; safe from any thread (one ``os.write`` each)."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def __call__(self, event: str, detail: str = "", when: float | None = None) -> None:
        stamp = time.monotonic() if when is None else when
        os.write(self._fd, f"{stamp:.6f} {event} {detail}\n".encode())


def main(argv: list[str]) -> int:
    folder, pace, seed_text, log_path = argv
    seed = int(seed_text)
    log = Log(Path(log_path))
    app = QApplication([])
    vault = Vault.open(Path(folder), Unlock(passphrase=os.environ["SUPNOTES_PASSPHRASE"]))
    lock = LockController(app, Path(folder))
    lock.set_vault(vault)
    context = build_context(lock)
    loaded = threading.Event()
    context.spelling.ready.connect(loaded.set)
    context.spelling.unavailable.connect(lambda _reason: loaded.set())
    context.spelling.start_loading()  # what the app does once its window is up
    while not loaded.is_set() and context.spelling.checker is None:  # as at unlock, long before
        app.processEvents()
        time.sleep(0.005)
    worker = WorkerRepository(vault).all()[0]
    editor = Editors(context).new_record(worker.id, "one-to-one")
    log("record", editor.record_id)
    editor.autosave.trace = log
    field_input = editor.form.inputs[FIELD]
    assert isinstance(field_input, TextInput)
    field = field_input.text_field
    field.setFocus()
    text = typed_text(seed)
    typist = Typist(field, text, gaps_for(pace, text, seed), lambda i, _c, t: log("key", str(i), t))
    _heartbeat(log)

    def start() -> None:
        log("typing-start")
        typist.start()

    QTimer.singleShot(200, start)  # once the window has settled
    return app.exec()


def _heartbeat(log: Log) -> QTimer:
    timer = QTimer(QApplication.instance())
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(HEARTBEAT_MS)
    last = [time.monotonic()]

    def beat() -> None:
        now = time.monotonic()
        if now - last[0] > STALL_S:
            log("stall", f"{last[0]:.6f} {now:.6f}", now)
        last[0] = now

    timer.timeout.connect(beat)
    timer.start()
    return timer


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
