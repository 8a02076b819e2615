"""Dates and times keep what was typed, in every form, from Tab and Shift+Tab, by real keys.

Each test types into an empty (or filled) field exactly as a supervisor
would, leaves it with Tab, and checks the field and the vault: the value is
what was typed, never today or 09:00; unreadable text is refused with a
reason and the old value stays.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.datetime_edits import DayField
from supnotes.ui.editor.fields import DateInput
from supnotes.ui.editor.header import END_BEFORE_START
from supnotes.ui.editor.quick_decision import QuickDecisionDialog, build_quick_decision_dialog
from supnotes.ui.editor.tables import ListTable
from supnotes.ui.editor.window import SessionEditor
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.editor.conftest import COLLEAGUE, WORKER, Setup
from tests.ui.helpers import type_text

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _shown(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def _tab_into(qtbot: QtBot, before: QWidget, target: QWidget, *, backwards: bool = False) -> None:
    """Put the focus on ``before``, then press Tab (or Shift+Tab) and land on ``target``."""
    before.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(before.hasFocus, timeout=2000)
    if backwards:
        QTest.keyClick(before, Qt.Key.Key_Backtab, SHIFT)
    else:
        QTest.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(target.hasFocus, timeout=2000)


def _leave(field: QWidget) -> None:
    QTest.keyClick(field, Qt.Key.Key_Tab)


def _editor(qtbot: QtBot, setup: Setup, template: str = "one-to-one") -> SessionEditor:
    editor = setup.editors.new_record(WORKER.id, template)
    _shown(qtbot, editor)
    return editor


def test_times_typed_from_empty_by_tab_and_shift_tab(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    header = editor.header
    assert header.start.value() is None
    _tab_into(qtbot, header.held_on, header.start)
    QTest.keyClicks(header.start, "1030")
    _leave(header.start)
    assert header.start.value() == time(10, 30)
    assert header.start.text() == "10:30"
    # Shift+Tab from the next date back into the (empty) end time.
    _tab_into(qtbot, header.next_date, header.end, backwards=True)
    QTest.keyClicks(header.end, "12:05")
    _leave(header.end)
    assert header.end.value() == time(12, 5)
    assert header.duration.text() == "1 h 35 min"
    # Shift+Tab into a filled field selects it all: typing replaces the whole time.
    _tab_into(qtbot, header.end, header.start, backwards=True)
    QTest.keyClicks(header.start, "945")
    _leave(header.start)
    assert header.start.value() == time(9, 45)
    assert editor.save_now()
    saved = RecordRepository(setup.vault).get(editor.record_id).record
    assert (saved.start_time, saved.end_time) == (time(9, 45), time(12, 5))


def test_a_time_never_silently_becomes_nine(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    start = editor.header.start
    _tab_into(qtbot, editor.header.held_on, start)
    QTest.keyClicks(start, "25:00")
    _leave(start)
    assert start.value() is None
    assert start.text() == ""
    assert "25:00" in start.problem
    assert "25:00" in editor.statusBar().currentMessage()
    assert start.property("refused") is True


def test_an_end_before_the_start_is_flagged(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    header = editor.header
    _tab_into(qtbot, header.held_on, header.start)
    QTest.keyClicks(header.start, "14:00")
    _leave(header.start)
    QTest.keyClicks(header.end, "11:30")  # Tab went from start to end
    _leave(header.end)
    assert header.end.value() == time(11, 30)
    assert header.duration.text() == END_BEFORE_START
    assert "h" not in header.duration.text().split()[-1]  # no "21 h 30 min"
    assert header.duration.property("warning") is True
    _tab_into(qtbot, header.next_date, header.end, backwards=True)
    QTest.keyClicks(header.end, "1530")
    _leave(header.end)
    assert header.duration.text() == "1 h 30 min"
    assert header.duration.property("warning") is False


def test_the_session_date_cannot_be_emptied_or_become_today(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one", date(2026, 3, 2))
    _shown(qtbot, editor)
    held = editor.header.held_on
    held.setFocus()
    qtbot.waitUntil(held.hasFocus)
    held.selectAll()
    QTest.keyClick(held, Qt.Key.Key_Delete)
    _leave(held)
    assert held.value() == date(2026, 3, 2)
    assert "cannot be empty" in editor.statusBar().currentMessage()
    _tab_into(qtbot, editor.header.end, editor.header.next_date)
    _tab_into(qtbot, editor.header.start, held, backwards=True)
    QTest.keyClicks(held, "14122026")
    _leave(held)
    assert held.value() == date(2026, 12, 14)
    assert editor.save_now()
    assert RecordRepository(setup.vault).header(editor.record_id).held_on == date(2026, 12, 14)


def test_case_card_review_date_in_every_form(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup)
    editor.add_case()
    assert editor.form.cases is not None
    card = editor.form.cases.cards[0]
    qtbot.waitUntil(card.isVisible)
    review = card.review_date
    for typed, wanted in (
        ("14/12/2026", date(2026, 12, 14)),
        ("15122026", date(2026, 12, 15)),
        ("+14", date.today() + timedelta(days=14)),
    ):
        _tab_into(qtbot, card.parts["rationale"], review)
        QTest.keyClicks(review, typed)
        _leave(review)
        assert review.value() == wanted, typed
    # Shift+Tab from the card's last stop enters the date with all of it selected.
    _tab_into(qtbot, card.remove_button, review, backwards=True)
    assert review.selectedText() == review.text()
    QTest.keyClicks(review, "1/2/2027")
    _leave(review)
    assert review.value() == date(2027, 2, 1)
    assert editor.save_now()
    saved = RecordRepository(setup.vault).get(editor.record_id).case_discussions
    assert [d.review_date for d in saved] == [date(2027, 2, 1)]


def test_an_unreadable_review_date_is_refused_and_the_old_one_kept(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = _editor(qtbot, setup)
    editor.add_case()
    assert editor.form.cases is not None
    card = editor.form.cases.cards[0]
    qtbot.waitUntil(card.isVisible)
    review = card.review_date
    _tab_into(qtbot, card.parts["rationale"], review)
    QTest.keyClicks(review, "14122026")
    _leave(review)
    for bad in ("31/13/2026", "1", "next week", "31/12/9999"):
        _tab_into(qtbot, card.parts["rationale"], review)
        QTest.keyClicks(review, bad)
        _leave(review)
        assert review.value() == date(2026, 12, 14), bad
        assert review.text() == "14/12/2026"
        assert bad in editor.statusBar().currentMessage()
        assert bad in review.toolTip()
    _tab_into(qtbot, card.parts["rationale"], review)
    QTest.keyClicks(review, "16/12/2026")
    assert review.toolTip() == ""  # typing again clears the complaint
    _leave(review)
    assert review.value() == date(2026, 12, 16)
    assert editor.statusBar().currentMessage() == ""  # and the status bar's, too


def test_a_valid_date_after_a_refused_one_clears_the_status_bar(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one", date(2026, 3, 2))
    _shown(qtbot, editor)
    held = editor.header.next_date
    _tab_into(qtbot, editor.header.end, held)
    QTest.keyClicks(held, "31/02/2026")
    _leave(held)
    assert "31/02/2026" in editor.statusBar().currentMessage()
    _tab_into(qtbot, editor.header.end, held)
    QTest.keyClicks(held, "+3")
    _leave(held)
    assert held.value() is not None
    assert "31/02/2026" not in editor.statusBar().currentMessage()
    assert "31/02/2026" not in editor.hint_line.full_text


def test_a_template_date_field_keeps_what_was_typed(qtbot: QtBot, setup: Setup) -> None:
    editor = _editor(qtbot, setup, "supervision-agreement")
    found = editor.form.inputs["review.review-date"]
    assert isinstance(found, DateInput)
    field = found.editor
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, "14122026")
    QTest.keyClick(field, Qt.Key.Key_Return)  # Return takes it too
    assert found.value() == "2026-12-14"
    assert editor.save_now()
    saved = RecordRepository(setup.vault).get(editor.record_id).record
    assert saved.answer("review.review-date") == "2026-12-14"


def test_the_actions_table_takes_a_due_date_typed_without_separators(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = _editor(qtbot, setup)
    model = editor.form.actions
    assert model is not None
    table = next(t for t in editor.form.tables if isinstance(t, ListTable) and t.model() is model)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    QTest.keyClick(table, Qt.Key.Key_Insert)  # a new row, editing its first cell
    cell = QApplication.focusWidget()
    assert cell is not None
    QTest.keyClicks(cell, "Book the family meeting")
    QTest.keyClick(cell, Qt.Key.Key_Return)  # the view commits it a moment later
    qtbot.waitUntil(lambda: model.items()[0].text == "Book the family meeting")
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(0, model.DUE))
    QTest.keyClick(table, Qt.Key.Key_1)  # typing starts editing the cell
    cell = QApplication.focusWidget()
    assert cell is not None
    assert cell is not table
    QTest.keyClicks(cell, "4122026")
    QTest.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.items()[0].due_on == date(2026, 12, 14))
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(0, model.DUE))
    QTest.keyClick(table, Qt.Key.Key_3)
    cell = QApplication.focusWidget()
    assert cell is not None
    QTest.keyClicks(cell, "1/13")
    with qtbot.waitSignal(model.input_refused, timeout=2000):
        QTest.keyClick(cell, Qt.Key.Key_Return)
    assert model.items()[0].due_on == date(2026, 12, 14)
    assert "31/13" in editor.statusBar().currentMessage()
    assert editor.save_now()
    saved = RecordRepository(setup.vault).get(editor.record_id).actions
    assert [a.due_on for a in saved] == [date(2026, 12, 14)]


def _quick_decision(qtbot: QtBot, setup: Setup) -> QuickDecisionDialog:
    dialog = build_quick_decision_dialog(
        setup.vault, [WORKER, COLLEAGUE], setup.context.library, WORKER.id
    )
    qtbot.addWidget(dialog)
    _shown(qtbot, dialog)
    dialog.child_ref.setFocus()
    QTest.keyClicks(dialog.child_ref, "C-200117")
    type_text(dialog.decision, "Step down to early help.")
    type_text(dialog.rationale, "Needs met; family agrees.")
    type_text(dialog.action, "Write to the family")
    return dialog


def test_quick_decision_dates_by_tab_and_shift_tab(qtbot: QtBot, setup: Setup) -> None:
    dialog = _quick_decision(qtbot, setup)
    _tab_into(qtbot, dialog.action_owner, dialog.action_due)
    QTest.keyClicks(dialog.action_due, "+14")
    QTest.keyClick(dialog.action_due, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.review_date.hasFocus)
    QTest.keyClicks(dialog.review_date, "14122026")
    QTest.keyClick(dialog.review_date, Qt.Key.Key_Backtab, SHIFT)
    qtbot.waitUntil(dialog.action_due.hasFocus)
    QTest.keyClicks(dialog.action_due, "1/2/2027")  # replaces the whole date
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        QTest.keyClick(dialog.action_due, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    content = RecordRepository(setup.vault).get(str(saved.args[0]))
    assert [a.due_on for a in content.actions] == [date(2027, 2, 1)]
    assert content.record.answer("decision.review-date") == "2026-12-14"


def test_quick_decision_refuses_an_unreadable_date_and_saves_nothing(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = _quick_decision(qtbot, setup)
    before = len(RecordRepository(setup.vault).summaries())
    _tab_into(qtbot, dialog.action_due, dialog.review_date)
    QTest.keyClicks(dialog.review_date, "31/02/2027")
    with qtbot.assertNotEmitted(dialog.saved, wait=300):
        QTest.keyClick(dialog.review_date, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.problem.isVisibleTo(dialog)
    assert "31/02/2027" in dialog.problem.text()
    assert dialog.review_date.value() is None
    assert len(RecordRepository(setup.vault).summaries()) == before
    assert isinstance(dialog.review_date, DayField)
