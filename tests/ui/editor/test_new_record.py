"""A new session is written to the vault at its first save, not when it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordKind
from supnotes.ui.editor import saving
from supnotes.ui.editor.autosave import CEILING_MS, Autosave
from supnotes.ui.editor.window import SessionEditor
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Vault
from tests.ui.editor.conftest import WORKER, Setup, text_field


def _stored_ids(setup: Setup) -> list[str]:
    return RecordRepository(setup.vault).ids()


def _active(qtbot: QtBot, editor: SessionEditor) -> None:
    """Window shortcuts (Ctrl+S, Ctrl+W, Ctrl+Shift+R) need the window active."""
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)


def test_opened_and_closed_without_typing_leaves_no_record(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    _active(qtbot, editor)
    field = text_field(editor, "agenda.items")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    for _ in range(6):  # walk through a few fields: focus changes, no edit
        QTest.keyClick(editor.focusWidget() or field, Qt.Key.Key_Tab)
    assert not field.hasFocus()
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save now
    qtbot.wait(700)  # longer than the ceiling: any timer would have fired
    assert _stored_ids(setup) == []
    QTest.keyClick(editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert editor.record_id not in setup.editors.windows
    assert _stored_ids(setup) == []


def test_the_first_keystroke_stores_the_record(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    assert _stored_ids(setup) == []
    QTest.keyClicks(text_field(editor, "agenda.items"), "R")
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    assert not editor.autosave.is_new
    stored = RecordRepository(setup.vault).get(editor.record_id).record
    assert stored.reference == editor.record.reference
    assert stored.answer("agenda.items") == "R"
    assert stored.worker_id == WORKER.id
    editor.close()
    assert _stored_ids(setup) == [editor.record_id]


def test_two_new_sessions_at_once_get_their_own_references(qtbot: QtBot, setup: Setup) -> None:
    first = setup.editors.new_record(WORKER.id, "one-to-one")
    second = setup.editors.new_record(WORKER.id, "one-to-one")
    assert first.record.reference != second.record.reference
    QTest.keyClicks(text_field(second, "agenda.items"), "b")  # the second is stored first
    QTest.keyClicks(text_field(first, "agenda.items"), "a")
    qtbot.waitUntil(lambda: not (first.autosave.pending or second.autosave.pending), timeout=3000)
    references = {r.id: r.reference for r in RecordRepository(setup.vault).summaries()}
    assert references == {
        first.record_id: first.record.reference,
        second.record_id: second.record.reference,
    }


def test_reviewing_an_untouched_new_session_stores_it(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    _active(qtbot, editor)
    with qtbot.waitSignal(editor.review_requested, timeout=3000):
        QTest.keyClick(
            editor,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert _stored_ids(setup) == [editor.record_id]


def test_a_reference_taken_meanwhile_is_replaced_at_the_first_save(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    shown = editor.record.reference
    # Another record takes the same reference before the editor's first save.
    other = RecordRepository(setup.vault).create(
        setup.context.library.get("one-to-one"), worker_id=WORKER.id, held_on=editor.record.held_on
    )
    assert other.record.reference == shown
    QTest.keyClicks(text_field(editor, "agenda.items"), "x")
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    stored = RecordRepository(setup.vault).get(editor.record_id).record.reference
    assert stored != shown
    assert editor.record.reference == stored
    assert stored in editor.windowTitle()
    assert stored in editor.header.about.text()


def test_a_new_record_and_its_first_words_commit_together(qtbot: QtBot, setup: Setup) -> None:
    """If the first words cannot be written, the record is not stored either (no empty
    record is left); both are stored together once writing works."""
    records = RecordRepository(setup.vault)
    template = setup.context.library.get("one-to-one")
    content = records.draft(template, worker_id=WORKER.id, held_on=WORKER.start_date)
    rid = content.record.id
    autosave = Autosave(lambda: setup.vault, create=saving.create_record(content, template))
    broken = True

    def first_words(vault: Vault) -> None:
        saving.answer(rid, "agenda.items", "first words")(vault)
        if broken:
            raise OSError("the disk is full")

    autosave.mark_write("answer:agenda.items", first_words)
    with qtbot.waitSignal(autosave.failed, timeout=3000):
        autosave.flush()
    assert records.ids() == []
    broken = False
    autosave.flush()
    qtbot.waitUntil(lambda: not autosave.pending, timeout=3000)
    assert records.get(rid).record.answer("agenda.items") == "first words"


def test_no_form_writes_anything_by_itself(qtbot: QtBot, setup: Setup) -> None:
    """Opening a new session of every form (defaults, suggestions, loading) is no edit."""
    forms = [t.id for t in setup.context.library.latest() if t.kind is not RecordKind.AD_HOC]
    assert len(forms) >= 3
    editors = [setup.editors.new_record(WORKER.id, form) for form in forms]
    qtbot.wait(CEILING_MS + 300)
    assert not any(editor.autosave.pending for editor in editors)
    for editor in editors:
        editor.close()
    assert _stored_ids(setup) == []
