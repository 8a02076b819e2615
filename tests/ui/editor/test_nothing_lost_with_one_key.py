"""Nothing typed disappears with one key: cards, rows and dialogs ask first, by real keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.quick_decision import build_quick_decision_dialog
from supnotes.ui.editor.tables import ListTable
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.sealing.addendum_dialog import build_addendum_dialog
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.editor.conftest import COLLEAGUE, WORKER, Setup
from tests.ui.helpers import type_text

ALT = Qt.KeyboardModifier.AltModifier


def _shown(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def _question(name: str) -> QMessageBox | None:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == name
        ),
        None,
    )


def _answer(qtbot: QtBot, name: str, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    qtbot.waitUntil(lambda: _question(name) is not None, timeout=2000)
    box = _question(name)
    assert box is not None
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=2000)
    QTest.keyClick(box, key, modifier)
    qtbot.waitUntil(lambda: _question(name) is None, timeout=2000)


def _back_to(qtbot: QtBot, window: QWidget, widget: QWidget) -> None:
    """The question closed: its window is active again (offscreen, Qt needs telling)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def _editor(qtbot: QtBot, setup: Setup) -> SessionEditor:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    _shown(qtbot, editor)
    return editor


def test_tab_from_the_child_ref_goes_to_the_update_not_to_remove(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = _editor(qtbot, setup)
    editor.add_case()
    assert editor.form.cases is not None
    card = editor.form.cases.cards[0]
    qtbot.waitUntil(card.isVisible)
    qtbot.waitUntil(card.child_ref.hasFocus)
    QTest.keyClicks(card.child_ref, "C-104233")
    QTest.keyClick(card.child_ref, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.parts["update"]
    # Remove is the card's last stop, after the review date.
    card.review_date.setFocus()
    QTest.keyClick(card.review_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is card.remove_button


def test_removing_a_card_with_text_asks_and_keep_is_the_default(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    editor.add_case()
    assert editor.form.cases is not None
    cases = editor.form.cases
    card = cases.cards[0]
    qtbot.waitUntil(card.isVisible)
    QTest.keyClicks(card.child_ref, "C-104233")
    type_text(card.parts["worries"], "Missed two school days this week.")
    card.remove_button.setFocus()
    QTest.keyClick(card.remove_button, Qt.Key.Key_Space)
    _answer(qtbot, "remove-question", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert cases.cards == [card]  # Return kept it
    assert card.parts["worries"].text() == "Missed two school days this week."
    _back_to(qtbot, editor, card.remove_button)
    QTest.keyClick(card.remove_button, Qt.Key.Key_Space)
    _answer(qtbot, "remove-question", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert cases.cards == [card]  # so did Escape
    _back_to(qtbot, editor, card.remove_button)
    QTest.keyClick(card.remove_button, Qt.Key.Key_Space)
    _answer(qtbot, "remove-question", Qt.Key.Key_R, ALT)  # "&Remove"
    assert cases.cards == []
    assert editor.save_now()
    assert RecordRepository(setup.vault).get(editor.record_id).case_discussions == ()


def test_an_empty_card_goes_without_a_question(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    editor.add_case()
    assert editor.form.cases is not None
    card = editor.form.cases.cards[0]
    qtbot.waitUntil(card.isVisible)
    card.remove_button.setFocus()
    QTest.keyClick(card.remove_button, Qt.Key.Key_Space)
    assert editor.form.cases.cards == []
    assert _question("remove-question") is None


def test_delete_on_a_table_row_with_text_asks_first(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    model = editor.form.actions
    assert model is not None
    table = next(t for t in editor.form.tables if isinstance(t, ListTable) and t.model() is model)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Insert)
    cell = QApplication.focusWidget()
    assert cell is not None
    QTest.keyClicks(cell, "Ring the school")
    QTest.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.items()[0].text == "Ring the school")
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    _answer(qtbot, "remove-question", Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert [a.text for a in model.items()] == ["Ring the school"]
    _back_to(qtbot, editor, table)
    QTest.keyClick(table, Qt.Key.Key_Delete)
    _answer(qtbot, "remove-question", Qt.Key.Key_R, ALT)
    assert model.items() == []
    _back_to(qtbot, editor, table)
    # An empty row (Insert, then nothing typed) goes at once.
    QTest.keyClick(table, Qt.Key.Key_Insert)
    cell = QApplication.focusWidget()
    assert cell is not None
    QTest.keyClick(cell, Qt.Key.Key_Escape)
    qtbot.waitUntil(table.hasFocus)
    assert len(model.items()) == 1
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert model.items() == []
    assert _question("remove-question") is None


def test_escape_in_a_quick_decision_with_text_asks_first(qtbot: QtBot, setup: Setup) -> None:
    dialog = build_quick_decision_dialog(
        setup.vault, [WORKER, COLLEAGUE], setup.context.library, WORKER.id
    )
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.child_ref.setFocus()
    QTest.keyClicks(dialog.child_ref, "C-200117")
    QTest.keyClick(dialog.child_ref, Qt.Key.Key_Escape)
    _answer(qtbot, "discard-question", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.isVisible()  # "Keep editing" is the default
    assert dialog.child_ref.text() == "C-200117"
    _back_to(qtbot, dialog, dialog.child_ref)
    QTest.keyClick(dialog.child_ref, Qt.Key.Key_Escape)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        _answer(qtbot, "discard-question", Qt.Key.Key_D, ALT)
    assert not dialog.isVisible()


def test_escape_in_an_empty_quick_decision_just_closes(qtbot: QtBot, setup: Setup) -> None:
    dialog = build_quick_decision_dialog(
        setup.vault, [WORKER, COLLEAGUE], setup.context.library, WORKER.id
    )
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.child_ref.setFocus()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        QTest.keyClick(dialog.child_ref, Qt.Key.Key_Escape)
    assert _question("discard-question") is None


def test_cancelling_an_addendum_with_text_asks_first(qtbot: QtBot) -> None:
    dialog = build_addendum_dialog("SN-2026-0042")
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.reason.setFocus()
    QTest.keyClicks(dialog.reason, "Wrong review date")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.text, "It is 18 April.")
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()
    QTest.keyClick(cancel, Qt.Key.Key_Space)  # one key on Cancel
    _answer(qtbot, "discard-question", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert dialog.isVisible()
    assert dialog.text.toPlainText() == "It is 18 April."
    _back_to(qtbot, dialog, dialog.text)
    QTest.keyClick(dialog.text, Qt.Key.Key_Escape)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        _answer(qtbot, "discard-question", Qt.Key.Key_D, ALT)
