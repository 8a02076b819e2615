"""The editor's F1 sheet lists its own keys; the outline follows the cursor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from supnotes.ui.dialogs.help import ShortcutsModel
from supnotes.ui.editor.tables import ListTable
from tests.ui.editor.conftest import WORKER, Setup
from tests.ui.keyboard.mnemonics import clashes


def _sheet_rows(dialog: QDialog) -> list[tuple[str, str]]:
    model = dialog.findChild(ShortcutsModel)
    assert model is not None
    return [
        (str(model.index(r, 0).data()), str(model.index(r, 1).data()))
        for r in range(model.rowCount())
    ]


def test_f1_in_the_editor_lists_the_editor_s_keys(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.outline.setFocus()
    qtbot.waitUntil(editor.outline.hasFocus)
    QTest.keyClick(editor.outline, Qt.Key.Key_F1)
    dialog = editor.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    keys = " | ".join(k for _c, k in _sheet_rows(dialog))
    commands = " | ".join(c for c, _k in _sheet_rows(dialog))
    for expected in ("F4", "F6", "Ctrl+Shift+K", "Ctrl+Shift+R", "Ctrl+S", "Ctrl+W", "Insert"):
        assert expected in keys, expected
    assert "Delete" in keys
    for outcome in ("done, then the next row", "carried forward, then the next row"):
        assert outcome in commands
    assert "Shift+F10" in keys
    dialog.reject()
    editor.close()


def test_the_outline_follows_the_cursor(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    qtbot.waitExposed(editor)
    editor.activateWindow()
    rows = []
    for row, (section, panel) in enumerate(editor.form.panels, start=1):
        fields = panel.findChildren(QPlainTextEdit)
        if fields:
            rows.append((row, section.title, fields[0]))
    assert len(rows) >= 2
    for row, title, field in reversed(rows):
        QTest.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        assert editor.outline.currentRow() == row, title
    editor.header.setFocus()
    assert editor.section_of(QApplication.focusWidget()) in (0, None)
    editor.close()


def test_ctrl_tab_leaves_an_editable_grid_and_arrows_move_within(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    qtbot.waitExposed(editor)
    editor.activateWindow()
    assert editor.form.actions is not None
    grid = next(t for t in editor.findChildren(ListTable) if t.list_model is editor.form.actions)
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    QTest.keyClick(grid, Qt.Key.Key_Insert)  # a row, editing its first cell
    cell = QApplication.focusWidget()
    assert cell is not None
    QTest.keyClicks(cell, "Book the meeting")
    QTest.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(grid.hasFocus)
    QTest.keyClick(grid, Qt.Key.Key_Right)
    assert grid.currentIndex().column() == 1  # arrows move between cells
    QTest.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not grid.hasFocus()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    QTest.keyClick(
        grid,
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not grid.hasFocus()
    assert editor.form.actions.rowCount() == 1
    editor.close()


@pytest.mark.parametrize("template_id", ["one-to-one", "group-reflecting-team"])
def test_the_editor_gives_each_alt_letter_to_one_control(
    qtbot: QtBot, setup: Setup, template_id: str
) -> None:
    editor = setup.editors.new_record(WORKER.id, template_id)
    qtbot.waitExposed(editor)
    if editor.form.cases is not None:
        editor.add_case()
    assert clashes(editor) == {}
    editor.close()
