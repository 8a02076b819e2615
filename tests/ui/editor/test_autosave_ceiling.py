"""Autosave keeps up with continuous typing: a ceiling from the first unsaved edit.

Real key events, paced by a timer as a typist would (``tests/ui/editor/typing.py``).
The checks on time allow for how late the event loop itself ran (measured
from the typist's own timer), so a loaded machine does not make them fail.
"""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from supnotes.ui.editor import saving
from supnotes.ui.editor.autosave import CEILING_MS, PAUSE_MS, Autosave
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault
from tests.ui.editor.conftest import WORKER, Setup, text_field
from tests.ui.editor.typing import Typist, steady

Event = tuple[str, str, float]
TIMER_SLACK_S = 0.05  # a timer firing, a keystroke being handled at that moment


def _trace(events: list[Event]) -> object:
    return lambda event, detail, when: events.append((event, detail, when))


def _starts_after(events: list[Event], since: float) -> float | None:
    return next((t for e, _d, t in events if e == "batch-start" and t >= since), None)


def test_continuous_typing_is_saved_while_it_goes_on(qtbot: QtBot, setup: Setup) -> None:
    """A key every 100 ms for 3 s never pauses long enough for the pause timer,
    yet saves start during the typing, each within the ceiling of its first edit."""
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    assert editor.autosave.delays_ms == (PAUSE_MS, CEILING_MS)
    events: list[Event] = []
    editor.autosave.trace = _trace(events)  # type: ignore[assignment]
    field = text_field(editor, "notes.notes")
    text = "Discussed the rota and the new referral, agreed next steps. "[:30]
    typist = Typist(field, text, steady(10))
    typist.start()
    qtbot.waitUntil(lambda: typist.done, timeout=20_000)
    last_key = typist.keys[-1]
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=5000)

    commits_while_typing = [
        t
        for e, d, t in events
        if e == "commit-end" and "answer:notes.notes" in d.split() and t < last_key
    ]
    assert len(commits_while_typing) >= 2, events  # the old autosave made none until a pause
    slack = TIMER_SLACK_S + max(typist.late_ms) / 1000
    firsts = [t for e, _d, t in events if e == "first-edit"]
    assert firsts
    for first in firsts:
        started = _starts_after(events, first)
        assert started is not None
        assert started - first <= CEILING_MS / 1000 + slack, (first, started, slack)
    assert RecordRepository(setup.vault).get(editor.record_id).record.answer("notes.notes") == text


def test_a_pause_saves_before_the_ceiling(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    events: list[Event] = []
    editor.autosave.trace = _trace(events)  # type: ignore[assignment]
    # One key: both timers start together, and the shorter always fires first.
    typist = Typist(text_field(editor, "agenda.items"), "L", steady(20))
    typist.start()
    qtbot.waitUntil(lambda: not editor.autosave.pending and typist.done, timeout=5000)
    started = _starts_after(events, typist.keys[-1])
    assert started is not None
    # Saved by the pause after the last key, not the ceiling from the first.
    assert started - typist.keys[-1] >= PAUSE_MS / 1000 - 0.005
    assert [e for e, _d, _t in events].count("batch-start") == 1


def test_a_save_due_while_one_is_in_flight_starts_as_it_ends(qtbot: QtBot, setup: Setup) -> None:
    """One batch at a time, in order; the next starts the moment the slow one ends."""
    template = setup.context.library.get("one-to-one")
    record = RecordRepository(setup.vault).create(
        template, worker_id=WORKER.id, held_on=WORKER.start_date
    )
    rid = record.record.id
    release = threading.Event()
    order: list[str] = []

    def slow(vault: Vault) -> None:
        release.wait(10)
        saving.answer(rid, "agenda.items", "first")(vault)
        order.append("first")

    def second(vault: Vault) -> None:
        saving.answer(rid, "agenda.items", "second")(vault)
        order.append("second")

    events: list[Event] = []
    autosave = Autosave(lambda: setup.vault)
    autosave.trace = _trace(events)  # type: ignore[assignment]
    autosave.mark_write("a", slow)
    autosave.flush()
    autosave.mark_write("a", second)
    qtbot.wait(CEILING_MS + 200)  # the ceiling passes while the first batch is stuck
    assert [e for e, _d, _t in events].count("batch-start") == 1
    ended_at = time.monotonic()
    release.set()
    qtbot.waitUntil(lambda: not autosave.pending, timeout=5000)
    assert order == ["first", "second"]
    starts = [t for e, _d, t in events if e == "batch-start"]
    ends = [t for e, _d, t in events if e == "batch-end"]
    assert len(starts) == 2
    assert ends[0] <= starts[1] <= ends[0] + TIMER_SLACK_S  # at once, not a timer later
    assert starts[1] >= ended_at
    assert RecordRepository(setup.vault).get(rid).record.answer("agenda.items") == "second"


def test_saving_at_once_waits_for_the_batch_in_flight_then_writes_the_rest(
    qtbot: QtBot, setup: Setup
) -> None:
    """Lock and close: with a batch in flight and another save due, ``flush_now`` waits,
    writes the rest itself and reports everything saved (it never starts a second
    background batch and then says the text is unsaved)."""
    template = setup.context.library.get("one-to-one")
    rid = (
        RecordRepository(setup.vault)
        .create(template, worker_id=WORKER.id, held_on=WORKER.start_date)
        .record.id
    )
    release = threading.Event()

    def slow(vault: Vault) -> None:
        release.wait(10)
        saving.answer(rid, "agenda.items", "first")(vault)

    autosave = Autosave(lambda: setup.vault)
    autosave.mark_write("agenda", slow)
    autosave.flush()
    runs: list[str] = []

    def second(vault: Vault) -> None:
        runs.append(threading.current_thread().name)
        saving.answer(rid, "notes.notes", "second")(vault)

    autosave.mark_write("notes", second)
    autosave.flush()  # due while the first is in flight
    threading.Timer(0.2, release.set).start()
    assert autosave.flush_now()
    assert not autosave.pending
    qtbot.wait(200)  # a stray background batch, if one had been started, would run now
    assert runs == [threading.current_thread().name]  # once, here
    record = RecordRepository(setup.vault).get(rid).record
    assert (record.answer("agenda.items"), record.answer("notes.notes")) == ("first", "second")
