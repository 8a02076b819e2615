"""Group attendees chosen from the worker list; anyone else typed and marked as not a worker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.attendees import NOT_A_WORKER, AttendeesModel
from supnotes.ui.editor.tables import ListTable
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.editor.conftest import COLLEAGUE, WORKER, Setup


def _type_name(qtbot: QtBot, table: ListTable, row: int, text: str) -> None:
    index = table.model().index(row, AttendeesModel.NAME)
    table.setCurrentIndex(index)
    table.edit(index)
    open_now = [c for c in table.findChildren(QComboBox, "attendee-name") if c.isVisible()]
    assert len(open_now) == 1
    combo = open_now[0]
    assert combo.findText(WORKER.name) >= 0  # the worker list is offered
    QTest.keyClicks(combo, text)
    QTest.keyClick(combo, Qt.Key.Key_Return)
    QApplication.processEvents()


def test_names_from_the_worker_list_are_linked_others_marked(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(None, "group-reflecting-team")
    model = editor.form.attendees
    assert model is not None
    table = next(t for t in editor.findChildren(ListTable) if t.list_model is model)
    model.add_row(model.new_item(0))
    _type_name(qtbot, table, 0, COLLEAGUE.name)
    model.add_row(model.new_item(1))
    _type_name(qtbot, table, 1, "Guest From Fostering")
    first, second = model.items()
    assert first.worker_id == COLLEAGUE.id
    assert second.worker_id is None
    assert model.index(0, 0).data() == COLLEAGUE.name
    assert model.index(1, 0).data() == f"Guest From Fostering ({NOT_A_WORKER})"
    editor.autosave.flush_now()
    saved = RecordRepository(setup.vault).get(editor.record_id).attendees
    assert {(a.name, a.worker_id) for a in saved} >= {
        (COLLEAGUE.name, COLLEAGUE.id),
        ("Guest From Fostering", None),
    }
    editor.close()
