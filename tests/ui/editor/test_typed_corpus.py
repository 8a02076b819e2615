"""What is typed or pasted: the corpus into the editor, the quick decision and the search box.

Every case is pasted with the clipboard and Ctrl+V (and, where it can be
typed, typed with real key events). Nothing raises; a paste too large is
refused in words and changes nothing; control characters (NUL above all)
are dropped — a decision documented in docs/security.md — so what the field
shows is exactly what is saved and read back; text saved before is never
lost.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.quick_decision import build_quick_decision_dialog
from supnotes.ui.widgets.sanitise import clean_text
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE
from tests.ui.editor.conftest import WORKER, Setup, text_field
from tests.ui.helpers import type_text
from tests.ui.typed_corpus import CASES, IDS, Case, paste

SAVED_BEFORE = "Saved before the paste: the worker described the home visit. "


def _to_end(field: QPlainTextEdit) -> None:
    cursor = field.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    field.setTextCursor(cursor)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pasted_into_the_editor_reads_back_as_shown(qtbot: QtBot, setup: Setup, case: Case) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    record_id = editor.record_id
    field = text_field(editor, "notes.notes")
    type_text(field, SAVED_BEFORE)
    editor.autosave.flush()
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=5000)
    _to_end(field)
    paste(field, case.text)
    if case.refused:
        assert field.text() == SAVED_BEFORE
        assert "That paste was not added" in editor.statusBar().currentMessage()
        assert "10,000,000 characters" in editor.statusBar().currentMessage()
    else:
        assert field.text() == SAVED_BEFORE + clean_text(case.text)
        assert "\x00" not in field.text()
    shown = field.text()
    editor.autosave.flush()
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=5000)
    folder = setup.vault.paths.folder
    editor.close()
    setup.lock.close_vault()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        stored = RecordRepository(vault).get(record_id).record.answer("notes.notes")
    assert stored == shown  # identical, byte for byte, and nothing saved before is lost
    assert isinstance(stored, str)
    assert stored.startswith(SAVED_BEFORE)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pasted_into_the_quick_decision(qtbot: QtBot, setup: Setup, case: Case) -> None:
    dialog = build_quick_decision_dialog(setup.vault, [WORKER], setup.context.library, WORKER.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    before = len(RecordRepository(setup.vault).summaries())
    QTest.keyClicks(dialog.child_ref, "C-104233 ")
    paste(dialog.child_ref, case.text)
    paste(dialog.decision, case.text)
    type_text(dialog.rationale, "Typed: ")
    paste(dialog.rationale, case.text)
    if case.refused:
        assert "That paste was not added" in dialog.problem.text()
        assert dialog.decision.text() == ""
        dialog.save()
        assert "the decision" in dialog.problem.text()
        assert len(RecordRepository(setup.vault).summaries()) == before
        return
    assert "\x00" not in dialog.child_ref.text() + dialog.decision.text()
    decision, rationale = dialog.decision.text().strip(), dialog.rationale.text().strip()
    child_ref = dialog.child_ref.text().strip()
    if not decision:  # e.g. only control characters: the form says what is missing
        dialog.save()
        assert "the decision" in dialog.problem.text()
        return
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        QTest.keyClick(dialog.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    content = RecordRepository(setup.vault).get(str(saved.args[0]))
    assert [(d.child_ref, d.decision, d.rationale) for d in content.decisions] == [
        (child_ref, decision, rationale)
    ]
