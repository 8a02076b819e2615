"""The issue's main path: new one-to-one, type, cases, decisions, actions, autosave, reopen."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.domain.actions import ActionStatus
from supnotes.ui.editor.review import ReviewTable
from supnotes.ui.editor.window import SessionEditor
from supnotes.vault.repositories.actions import ActionRepository
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.editor.conftest import WORKER, Setup, text_field
from tests.ui.helpers import type_text


def _saved(qtbot: QtBot, editor: SessionEditor, timeout: int = 3000) -> None:
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=timeout)


def _stored(setup: Setup, record_id: str, key: str) -> object:
    try:
        return RecordRepository(setup.vault).get(record_id).record.answer(key)
    except KeyError:  # a new record is stored at its first save
        return None


def _text_of(editor: SessionEditor, key: str) -> str:
    value = editor.form.inputs[key].value()
    assert isinstance(value, str)
    return value


def test_a_one_to_one_is_typed_saved_and_reopened(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    record_id = editor.record_id
    agenda = text_field(editor, "agenda.items")
    wellbeing = text_field(editor, "wellbeing.wellbeing")
    notes = text_field(editor, "notes.notes")
    type_text(agenda, "Court prep for the Shah children; leave")
    started = time.monotonic()
    # Autosave lands in the vault within a second or so of the last keystroke.
    qtbot.waitUntil(
        lambda: (
            _stored(setup, record_id, "agenda.items") == "Court prep for the Shah children; leave"
        ),
        timeout=2000,
    )
    assert time.monotonic() - started < 1.9
    qtbot.waitUntil(lambda: editor.indicator.text().startswith("Saved "), timeout=1000)
    type_text(wellbeing, "Tired but coping; 😊 مرحبا")
    type_text(notes, "Check in next week about the move.")

    editor.show()
    QTest.keyClick(
        editor,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.form.cases is not None
    assert len(editor.form.cases.cards) == 1
    card = editor.form.cases.cards[0]
    type_text(card.child_ref, "C-104233")
    type_text(card.parts["decision"], "Step down to child in need.")
    type_text(card.parts["rationale"], "Risks reduced since the March strategy meeting.")

    decisions = editor.form.decisions
    actions = editor.form.actions
    assert decisions is not None
    assert actions is not None
    row = decisions.add_row(decisions.new_item(0))
    decisions.setData(decisions.index(row, decisions.CHILD), "C-104233")
    decisions.setData(decisions.index(row, decisions.DECISION), "Close the s47 enquiry")
    decisions.setData(decisions.index(row, decisions.RATIONALE), "No evidence of significant harm")
    row = actions.add_row(actions.new_item(0))
    actions.setData(actions.index(row, actions.TEXT), "Send the plan to school")
    actions.setData(actions.index(row, actions.OWNER), "Priya")
    actions.setData(actions.index(row, actions.DUE), "31/12/2026")
    _saved(qtbot, editor)

    saved = RecordRepository(setup.vault).get(record_id)
    assert saved.record.answer("wellbeing.wellbeing") == "Tired but coping; 😊 مرحبا"
    assert saved.record.answer("notes.notes") == "Check in next week about the move."
    assert [c.child_ref for c in saved.case_discussions] == ["C-104233"]
    assert saved.case_discussions[0].decision == "Step down to child in need."
    assert [d.decision for d in saved.decisions] == ["Close the s47 enquiry"]
    assert [(a.text, a.owner, str(a.due_on)) for a in saved.actions] == [
        ("Send the plan to school", "Priya", "2026-12-31")
    ]

    editor.close()
    assert record_id not in setup.editors.windows
    again = setup.editors.open_editor(record_id)
    assert again is not editor
    assert _text_of(again, "agenda.items") == "Court prep for the Shah children; leave"
    assert _text_of(again, "wellbeing.wellbeing") == "Tired but coping; 😊 مرحبا"
    assert again.form.cases is not None
    assert again.form.cases.cards[0].discussion().rationale.startswith("Risks reduced")
    assert again.form.actions is not None
    assert again.form.actions.items()[0].text == "Send the plan to school"
    assert setup.editors.open_editor(record_id) is again  # one window per record


def test_previous_actions_are_reviewed_in_the_next_record(qtbot: QtBot, setup: Setup) -> None:
    first = setup.editors.new_record(WORKER.id, "one-to-one")
    actions = first.form.actions
    assert actions is not None
    for text in ("Book the family group conference", "Chase the health visitor"):
        row = actions.add_row(actions.new_item(actions.rowCount()))
        actions.setData(actions.index(row, actions.TEXT), text)
    _saved(qtbot, first)
    first.close()

    second = setup.editors.new_record(WORKER.id, "one-to-one")
    review = second.form.review
    assert review is not None
    listed = [review.data(review.index(r, review.ACTION)) for r in range(review.rowCount())]
    assert sorted(listed) == ["Book the family group conference", "Chase the health visitor"]
    view = second.findChild(ReviewTable)
    assert view is not None
    second.show()
    view.setFocus()
    view.setCurrentIndex(review.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_1)  # done
    QTest.keyClick(view, Qt.Key.Key_2)  # carried forward (the next row)
    _saved(qtbot, second)
    reviews = {r.action_id: r for r in review.reviews()}
    repo = ActionRepository(setup.vault)
    statuses = sorted(repo.get(action_id).status for action_id in reviews)
    assert statuses == sorted([ActionStatus.DONE, ActionStatus.CARRIED_FORWARD])
    closed = [a for a in reviews if repo.get(a).status is ActionStatus.DONE]
    assert repo.get(closed[0]).closed_in == second.record_id


def test_the_review_keys_read_as_keys_not_counts(qtbot: QtBot, setup: Setup) -> None:
    """ "Outcome: 1 done · 2 carried forward · 3 dropped" read like counts (an outsider's check)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication, QLabel

    first = setup.editors.new_record(WORKER.id, "one-to-one")
    actions = first.form.actions
    assert actions is not None
    for text in ("Book the family group conference", "Chase the health visitor"):
        row = actions.add_row(actions.new_item(actions.rowCount()))
        actions.setData(actions.index(row, actions.TEXT), text)
    _saved(qtbot, first)
    first.close()
    second = setup.editors.new_record(WORKER.id, "one-to-one")
    review = second.form.review
    assert review is not None
    view = second.findChild(ReviewTable)
    assert view is not None
    second.show()
    qtbot.waitExposed(second)
    # The column is the outcome; the keys are a legend above the table, whole.
    horizontal = Qt.Orientation.Horizontal
    assert review.headerData(review.OUTCOME, horizontal) == "Outcome"
    legend = second.findChild(QLabel, "review-keys")
    assert isinstance(legend, QLabel)
    assert (
        legend.text() == "Keys: 1 = done · 2 = carried forward · 3 = dropped · 0 = not reviewed yet"
    )
    assert legend.isVisibleTo(second)
    assert legend.height() >= legend.heightForWidth(legend.width())
    tip = review.headerData(review.OUTCOME, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "press 1 for done" in tip
    assert "0 for not reviewed" in tip
    # A screen reader hears the column as the outcome, with its keys.
    table = QAccessible.queryAccessibleInterface(view)
    assert table is not None
    names = [
        table.child(i).text(QAccessible.Text.Name)
        for i in range(table.childCount())
        if table.child(i).role() == QAccessible.Role.ColumnHeader
    ]
    assert "Outcome; keys 1 done, 2 carried forward, 3 dropped, 0 not reviewed" in names
    assert "1 for done" in view.accessibleDescription()
    # The field's label still takes the keyboard to the table, where the keys work.
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow, timeout=2000)
    labels = [w for w in second.findChildren(QLabel) if w.text() == "Actions from earlier sessions"]
    assert labels
    buddy = labels[0].buddy()
    assert buddy is not None
    buddy.setFocus()
    assert QApplication.focusWidget() is view
    view.setCurrentIndex(review.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_2)
    QTest.keyClick(view, Qt.Key.Key_3)
    outcomes = [review.data(review.index(r, review.OUTCOME)) for r in range(2)]
    assert outcomes == ["Carried forward", "Dropped"]
