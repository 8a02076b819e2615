"""Closing a window or dialog gives the keyboard back to the window it came from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supnotes.ui.common.keyboard import install_keyboard_rules
from supnotes.ui.views.list_table import build_list_table


def _window(qtbot: QtBot) -> tuple[QMainWindow, QLineEdit, QLineEdit]:
    window = QMainWindow()
    qtbot.addWidget(window)
    body = QWidget(window)
    first, second = QLineEdit(body), QLineEdit(body)
    layout = QVBoxLayout(body)
    layout.addWidget(first)
    layout.addWidget(second)
    window.setCentralWidget(body)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    return window, first, second


def test_a_closed_window_hands_the_keyboard_back_to_its_opener(
    qapp: QApplication, qtbot: QtBot
) -> None:
    install_keyboard_rules(qapp)
    window, _first, second = _window(qtbot)
    other = QWidget()  # a window of its own (as the editor is), not a child dialog
    qtbot.addWidget(other)
    box = QLineEdit(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    other.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(second.hasFocus)  # the control that had it, not the first one
    assert QApplication.focusWidget() is second


def test_a_question_over_a_dialog_ends_with_the_main_window_active(
    qapp: QApplication, qtbot: QtBot
) -> None:
    install_keyboard_rules(qapp)
    window, _first, second = _window(qtbot)
    dialog = QDialog(window)
    QLineEdit(dialog).setFocus()
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    question = QDialog(dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Discard, question)

    def discard(_button: object) -> None:
        question.accept()
        dialog.reject()

    buttons.clicked.connect(discard)
    question.show()
    question.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is question)
    buttons.buttons()[0].setFocus()
    QTest.keyClick(buttons.buttons()[0], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(second.hasFocus)


def test_escape_on_a_list_nobody_listens_to_closes_its_dialog(
    qapp: QApplication, qtbot: QtBot
) -> None:
    install_keyboard_rules(qapp)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    model = QStandardItemModel(dialog)
    for text in ("one", "two"):
        model.appendRow(QStandardItem(text))
    table = build_list_table(dialog, "a-list", "A list", model)
    QVBoxLayout(dialog).addWidget(table)
    dialog.show()
    table.setFocus()
    table.selectRow(1)
    QTest.keyClick(table, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
