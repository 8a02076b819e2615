"""Ctrl+Shift+G in the editor: mark the record as good practice, with a note, by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.oversight.good_practice_dialog import GoodPracticeDialog
from supnotes.vault.repositories.highlights import GoodPracticeRepository
from tests.ui.editor.conftest import WORKER, Setup


def _dialog(editor: SessionEditor) -> GoodPracticeDialog:
    visible = [d for d in editor.findChildren(GoodPracticeDialog) if d.isVisible()]
    assert len(visible) == 1
    return visible[0]


def test_mark_change_and_remove_by_keyboard(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    QTest.keyClick(
        editor,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(editor.findChildren(GoodPracticeDialog)))
    dialog = _dialog(editor)
    assert not dialog.remove_button.isEnabled()
    QTest.keyClicks(dialog.note, "Calm, clear planning with the family")
    QTest.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    marks = GoodPracticeRepository(setup.vault).marks(editor.record_id)
    assert [(m.case_discussion_id, m.note) for m in marks] == [
        (None, "Calm, clear planning with the family")
    ]

    # An empty note is refused in words, and nothing changes.
    reopened = editor.mark_good_practice()
    assert isinstance(reopened, GoodPracticeDialog)
    dialog = reopened
    assert dialog.note.text() == "Calm, clear planning with the family"
    dialog.note.clear()
    QTest.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem.text() == "Say in a few words what the good practice was."
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert GoodPracticeRepository(setup.vault).marks(editor.record_id) == []
