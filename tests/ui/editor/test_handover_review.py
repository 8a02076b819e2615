"""A received handover's open actions come up for review in the receiver's next one-to-one.

The giver's vault has a worker with open actions, the records that raised
them sealed; it is handed over to the receiver's key, received through the
real Receive dialog, and the receiver opens a new one-to-one for that worker
in the real editor: the actions are listed in its review of earlier actions,
where actions carried over from the receiver's own sessions appear.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.domain.actions import ActionStatus
from supnotes.services import encryption_key as keys
from supnotes.services import handover
from supnotes.ui.common import operations
from supnotes.ui.editor.review import ReviewTable
from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog
from supnotes.vault.repositories.actions import ActionRepository
from tests.ui.editor.conftest import Setup
from tests.ui.handover_giver import giver_vault, worker_with_open_actions


def test_received_open_actions_are_listed_for_review_in_the_next_one_to_one(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    out = tmp_path / "given.supnotes-handover"
    with giver_vault(tmp_path / "giver") as giver:
        worker, texts = worker_with_open_actions(giver)
        # giver_vault has sealed this worker's history: a handover carries signed records
        handover.hand_over(giver, worker.id, keys.ensure(setup.vault).public, out)
    assert texts

    imported: list[bool] = []
    dialog = ReceiveDialog(setup.vault, lambda _t: None, lambda: imported.append(True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(out)
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=60_000)
    assert dialog.checked is not None
    assert dialog.checked.contents.open_actions == len(texts)
    dialog.checked_giver.setChecked(True)
    dialog.import_now()
    qtbot.waitUntil(lambda: imported == [True], timeout=60_000)
    qtbot.waitUntil(lambda: not operations.busy())

    editor = setup.editors.new_record(worker.id, "one-to-one")
    review = editor.form.review
    assert review is not None
    listed = [review.data(review.index(r, review.ACTION)) for r in range(review.rowCount())]
    assert sorted(listed) == sorted(texts)
    view = editor.findChild(ReviewTable)
    assert view is not None
    editor.show()
    qtbot.waitExposed(editor)
    assert view.isVisibleTo(editor)
    # And they are reviewed like any carried-over action: 1 = done, on the current row,
    # saved with the record and closing the received action here.
    view.setFocus()
    view.setCurrentIndex(review.index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_1)
    assert review.data(review.index(0, review.OUTCOME)) == "Done"
    assert editor.save_now(), editor.message.text()
    reviewed = review.reviews()[0].action_id
    closed = ActionRepository(setup.vault).get(reviewed)
    assert closed.status is ActionStatus.DONE
    assert closed.closed_in == editor.record_id
