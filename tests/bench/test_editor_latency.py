"""Keystroke-to-screen latency in the session editor, with autosave writing meanwhile.

Run by hand (prints figures, asserts nothing but sanity):

    uv run pytest tests/bench/test_editor_latency.py -s -p no:randomly

A one-to-one record of about 15,000 words (spread over its text fields) is
stored in a real temporary vault and opened in a :class:`SessionEditor` with
spell-checking on. Then 600 keystrokes are typed into the middle of one long
field. Autosave runs as in use: every 20 keystrokes (a pause, a focus change)
a background save of the field and the record's index starts, so most saves
overlap the following keystrokes. Each sample runs from sending the key event
to the end of a synchronous repaint of the field's viewport (insertion,
re-highlighting, layout and painting); the event loop runs between keystrokes,
outside the timing, with a 5 ms gap so the save thread gets the GIL as it would
between real keystrokes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import default_library
from supnotes.spelling import HunspellEngine
from supnotes.ui.access.lock import LockController
from supnotes.ui.editor.autosave import Write
from supnotes.ui.editor.context import EditorContext
from supnotes.ui.editor.fields import TextInput
from supnotes.ui.editor.launch import Editors
from supnotes.ui.widgets import SpellService
from supnotes.ui.widgets.text_field import SpellTextEdit
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault
from tests.bench.conftest import report
from tests.bench.test_typing_latency import TYPED, long_note

pytestmark = pytest.mark.bench

TEXT_KEYS = (
    "agenda.items",
    "wellbeing.wellbeing",
    "wellbeing.support-offered",
    "workload.workload-notes",
    "development.learning",
    "development.good-practice",
    "organisation.issues",
    "notes.notes",
)
TYPED_INTO = "workload.workload-notes"
COMMAND = "uv run pytest tests/bench/test_editor_latency.py -s -p no:randomly"


def test_editor_keystroke_latency_with_autosave(qtbot: QtBot, tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "bench passphrase here", kdf_params=TEST_PARAMS)
    worker = Worker("w-1", "Priya Shah", "Social worker", "CIN", date(2023, 9, 4), Stage.QUALIFIED)
    WorkerRepository(vault).save(worker)
    library = default_library()
    records = RecordRepository(vault)
    record = records.create(library.get("one-to-one"), worker_id=worker.id, held_on=date.today())
    per_field = 1_900  # x 8 fields: about 15,000 words
    for key in TEXT_KEYS:
        records.save_answer(record.record.id, key, long_note(per_field, 100))
    lock = LockController(QApplication.instance(), tmp_path)  # type: ignore[arg-type]
    lock.set_vault(vault)
    personal = VaultPersonalDictionary(vault)
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    editors = Editors(EditorContext(lock, spelling, library, personal))
    start = time.perf_counter()
    editor = editors.open_editor(record.record.id)
    print(f"\nopen a {15_000:,}-word record in the editor: {_ms(start):.0f} ms")
    qtbot.waitExposed(editor)
    field_input = editor.form.inputs[TYPED_INTO]
    assert isinstance(field_input, TextInput)
    field = field_input.text_field
    highlighter = field.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=60_000)
    field.setFocus()
    cursor = field.textCursor()
    cursor.setPosition(len(field.text()) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    field.setTextCursor(cursor)
    field.ensureCursorVisible()
    QApplication.processEvents()

    latencies = _type(field, 600, every=20, flush=editor.autosave.flush)
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=10_000)
    words = sum(len(str(v).split()) for v in records.get(record.record.id).record.answers.values())
    print(f"record: {words:,} words; saves during typing: {len(editor.autosave.commit_ms)}")
    report("editor keystroke to screen, autosave running", latencies, COMMAND)
    report(
        "autosave commit (one answer + search backlog entry)", editor.autosave.commit_ms, COMMAND
    )
    assert editor.autosave.commit_ms
    editor.close()
    lock.close_vault()


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _type(
    field: SpellTextEdit, count: int, *, every: int, flush: Callable[[], None]
) -> list[float]:
    samples = []
    for index in range(count):
        char = TYPED[index % len(TYPED)]
        start = time.perf_counter()
        QTest.keyClicks(field, char)
        field.viewport().repaint()
        samples.append(_ms(start))
        if index % every == every - 1:
            flush()
        QApplication.processEvents()
        time.sleep(0.005)
    return samples


PACED_WORDS = 4_000
PACED_KEYS = 300
PACED_GAP_MS = 66  # 15 characters a second: faster than anyone types notes
FLOOR_MS = 16  # one frame at 60 Hz
PACED_COMMAND = (
    "uv run pytest tests/bench/test_editor_latency.py -s -p no:randomly -k typing_a_4000_word_note"
)


@pytest.mark.parametrize("saving", [True, False], ids=["saving", "no-saves-for-comparison"])
def test_typing_a_4000_word_note_while_autosave_keeps_up(
    qtbot: QtBot, tmp_path: Path, saving: bool
) -> None:
    """A new one-to-one whose notes hold 4,000 words (spell-checked), typed into at
    15 characters a second from a timer, with autosave as it is: its own pause and
    ceiling timers, so a save (snapshot on the UI thread, commit on the worker) runs
    about every 0.6 s throughout. Two figures per key: from sending the key to the
    end of a synchronous repaint, and from when the key was due (so time the UI
    thread spent on a snapshot or anything else before the key counts too). The same
    run without saves (their timers held off until the end) shows what is the
    machine's and what is autosave's."""
    vault, _ = Vault.create(tmp_path / "vault", "bench passphrase here", kdf_params=TEST_PARAMS)
    worker = Worker("w-1", "Priya Shah", "Social worker", "CIN", date(2023, 9, 4), Stage.QUALIFIED)
    WorkerRepository(vault).save(worker)
    library = default_library()
    lock = LockController(QApplication.instance(), tmp_path)  # type: ignore[arg-type]
    lock.set_vault(vault)
    personal = VaultPersonalDictionary(vault)
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    editor = Editors(EditorContext(lock, spelling, library, personal)).new_record(
        worker.id, "one-to-one"
    )
    qtbot.waitExposed(editor)
    field_input = editor.form.inputs["notes.notes"]
    assert isinstance(field_input, TextInput)
    field = field_input.text_field
    field.set_text(long_note(PACED_WORDS, 100))
    highlighter = field.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=60_000)
    field.setFocus()
    cursor = field.textCursor()
    cursor.setPosition(len(field.text()) // 2)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    field.setTextCursor(cursor)
    field.ensureCursorVisible()
    QApplication.processEvents()

    autosave = editor.autosave
    if not saving:
        autosave.set_delay_ms(3_600_000)
    snapshots: list[float] = []
    take = autosave._take

    def timed_take() -> list[tuple[str, Write]]:
        started = time.perf_counter()
        try:
            return take()
        finally:
            snapshots.append(_ms(started))

    autosave._take = timed_take  # type: ignore[method-assign]
    handled: list[float] = []
    from_due: list[float] = []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    due = [time.perf_counter() + PACED_GAP_MS / 1000]

    def key() -> None:
        start = time.perf_counter()
        QTest.keyClicks(field, TYPED[len(handled) % len(TYPED)])
        field.viewport().repaint()
        end = time.perf_counter()
        handled.append((end - start) * 1000)
        from_due.append((end - due[0]) * 1000)
        if len(handled) < PACED_KEYS:
            due[0] += PACED_GAP_MS / 1000
            timer.start(max(0, round((due[0] - time.perf_counter()) * 1000)))

    timer.timeout.connect(key)
    timer.start(PACED_GAP_MS)
    qtbot.waitUntil(lambda: len(handled) >= PACED_KEYS, timeout=120_000)
    saves_while_typing = len(autosave.commit_ms)
    autosave.flush()
    qtbot.waitUntil(lambda: not autosave.pending, timeout=10_000)
    stored = RecordRepository(vault).get(editor.record_id).record.answer("notes.notes")
    assert stored == field.text()  # sanity: everything typed was saved
    print(
        f"\n{len(field.text().split()):,}-word field, {PACED_KEYS} keys at "
        f"{1000 / PACED_GAP_MS:.0f}/s, saving={saving}; {saves_while_typing} commits while typing; "
        f"floor (not asserted): p99 < {FLOOR_MS} ms"
    )
    report("keystroke to screen (key sent -> repainted)", handled, PACED_COMMAND)
    report("keystroke to screen (key due -> repainted)", from_due, PACED_COMMAND)
    report("autosave snapshot on the UI thread", snapshots, PACED_COMMAND)
    report("autosave commit on the worker thread", autosave.commit_ms, PACED_COMMAND)
    editor.close()
    lock.close_vault()
