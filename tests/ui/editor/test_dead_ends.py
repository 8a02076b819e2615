"""Dead ends that used to crash: Ctrl+N with no workers, a record dated 31/12/9999."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.common.actions import MainActions, build_actions
from supnotes.ui.editor.launch import install_editor
from supnotes.vault.repositories.records import RecordRepository
from tests.ui.editor.conftest import WORKER, Setup


def _main(qtbot: QtBot, setup: Setup) -> tuple[QWidget, MainActions]:
    main = QWidget()
    qtbot.addWidget(main)
    actions = build_actions(main)
    for action in actions.all():
        main.addAction(action)
    install_editor(main, actions, setup.context)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=3000)
    return main, actions


def _shown(kind: type[QWidget]) -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def test_ctrl_n_with_no_workers_explains_and_offers_to_add_one(qtbot: QtBot, setup: Setup) -> None:
    setup.vault.conn.execute("DELETE FROM worker")
    main, actions = _main(qtbot, setup)
    asked: list[bool] = []
    actions.add_worker.setEnabled(True)
    actions.add_worker.triggered.connect(lambda: asked.append(True))
    QTest.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(QMessageBox) is not None, timeout=3000)
    box = _shown(QMessageBox)
    assert isinstance(box, QMessageBox)
    assert "worker" in box.text()
    assert box.objectName() == "no-workers"
    QTest.keyClick(box, Qt.Key.Key_Return)  # the default: "Add a worker…"
    qtbot.waitUntil(lambda: asked == [True], timeout=3000)
    assert RecordRepository(setup.vault).summaries() == []


def test_the_new_session_dialog_refuses_a_name_that_is_no_worker(
    qtbot: QtBot, setup: Setup
) -> None:
    main, _actions = _main(qtbot, setup)
    QTest.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _shown(QDialog) is not None, timeout=3000)
    dialog = _shown(QDialog)
    assert dialog is not None
    worker = dialog.findChild(QComboBox, "worker")
    assert worker is not None
    worker.setFocus()
    line = worker.lineEdit()
    assert line is not None
    line.selectAll()
    QTest.keyClicks(worker, "Nobody Known")
    QTest.keyClick(worker, Qt.Key.Key_Return)
    problem = dialog.findChild(QLabel, "new-session-problem")
    assert problem is not None
    qtbot.waitUntil(lambda: problem.isVisibleTo(dialog), timeout=2000)
    assert dialog.isVisible()
    assert RecordRepository(setup.vault).summaries() == []


def test_an_editor_opens_on_a_record_dated_the_last_day_of_9999(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one", date(9999, 12, 31))
    qtbot.waitExposed(editor)
    assert editor.header.held_on.value() == date(9999, 12, 31)
    assert editor.header.suggested_next() is None
    assert editor.header.suggestion.text() == ""
