"""The review of earlier actions on a small screen: the action text whole, nothing sideways.

Seen at 1024x640 under QT_SCALE_FACTOR=1.5 (an outsider's check, D4): the
Action column read "Complete the updated …" while Owner kept its full width,
and after pressing the review keys a sideways scroll bar appeared under the
whole form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.review import ReviewModel, ReviewTable
from supnotes.ui.editor.window import SessionEditor
from tests.ui.editor.conftest import WORKER, Setup

ACTIONS = (
    "Complete the updated chronology and share it with the team manager before the review",
    "Send the core group minutes to all agencies",
    "Chase the health visitor about the missed appointments",
)
OWNER = "Bartholomew Featherstonehaugh-Cholmondeley"


def _reviewing(qtbot: QtBot, setup: Setup) -> tuple[SessionEditor, ReviewTable]:
    first = setup.editors.new_record(WORKER.id, "one-to-one")
    actions = first.form.actions
    assert actions is not None
    for text in ACTIONS:
        row = actions.add_row(actions.new_item(actions.rowCount()))
        actions.setData(actions.index(row, actions.TEXT), text)
        actions.setData(actions.index(row, actions.OWNER), OWNER)
    first.save_now()
    first.close()
    second = setup.editors.new_record(WORKER.id, "one-to-one")
    second.resize(683, 427)  # 1024x640 at QT_SCALE_FACTOR=1.5
    second.show()
    qtbot.waitExposed(second)
    view = second.findChild(ReviewTable)
    assert view is not None
    second.scroller.ensureWidgetVisible(view)
    return second, view


def _action_rows_whole(view: ReviewTable) -> None:
    header = view.horizontalHeader()
    action = header.sectionSize(ReviewModel.ACTION)
    assert action > header.sectionSize(ReviewModel.OWNER)
    assert action > header.sectionSize(ReviewModel.DUE)
    for row in range(view.model().rowCount()):
        needs = view.sizeHintForIndex(view.model().index(row, ReviewModel.ACTION))
        assert view.rowHeight(row) >= needs.height(), (row, view.rowHeight(row), needs)


def test_the_action_text_takes_the_room_and_wraps_whole(qtbot: QtBot, setup: Setup) -> None:
    editor, view = _reviewing(qtbot, setup)
    sideways = editor.scroller.horizontalScrollBar()
    assert sideways.maximum() == 0
    _action_rows_whole(view)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    for key in (Qt.Key.Key_2, Qt.Key.Key_0, Qt.Key.Key_1, Qt.Key.Key_2):
        QTest.keyClick(view, key)
    QTest.qWait(50)  # layouts settle on posted events
    assert sideways.maximum() == 0, "the form grew sideways after the review keys"
    assert view.horizontalScrollBar().maximum() == 0
    _action_rows_whole(view)
