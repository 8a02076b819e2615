"""Shift+F10 and the Menu key open the context menu, at the text cursor; focus is visible."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.common.keyboard import FOCUS_RING_STYLE, install_keyboard_rules
from supnotes.ui.widgets import LongTextField, SpellService

SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def _press_and_read_menu(
    qtbot: QtBot, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> list[str]:
    """Press ``key`` on ``widget``; the labels of the menu it opened ([] if none)."""
    seen: list[str] = []

    def read_and_close() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.extend(a.text() for a in popup.actions() if a.text())
            popup.close()

    QTimer.singleShot(200, read_and_close)
    QTest.keyClick(widget, key, modifier)
    qtbot.wait(300)  # the timer ran (the menu's own loop, if any, has ended)
    return seen


def test_shift_f10_and_the_menu_key_open_the_spelling_menu_at_the_cursor(
    qapp: QApplication, qtbot: QtBot, service: SpellService
) -> None:
    install_keyboard_rules(qapp)
    field = LongTextField(service, accessible_name="Notes")
    qtbot.addWidget(field)
    field.resize(500, 200)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, "We will recieve it")
    for _ in range(len(" it")):
        QTest.keyClick(field, Qt.Key.Key_Left)  # the text cursor in "recieve"
    QTest.keyClick(field, Qt.Key.Key_Left)
    for key, modifier in ((Qt.Key.Key_F10, SHIFT), (Qt.Key.Key_Menu, NONE)):
        labels = _press_and_read_menu(qtbot, field, key, modifier)
        assert "receive" in labels, (key, labels)
        assert "Add to dictionary" in labels
    assert _press_and_read_menu(qtbot, field, Qt.Key.Key_F10, NONE) == []  # F10 alone is not it


def test_shift_f10_opens_a_list_s_own_menu(qapp: QApplication, qtbot: QtBot) -> None:
    install_keyboard_rules(qapp)
    table = QTableWidget(3, 2)
    qtbot.addWidget(table)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    table.addAction(QAction("Discard draft…", table))
    table.show()
    qtbot.waitExposed(table)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentCell(1, 0)
    assert _press_and_read_menu(qtbot, table, Qt.Key.Key_F10, SHIFT) == ["Discard draft…"]


def test_text_boxes_have_a_focus_ring(qapp: QApplication) -> None:
    install_keyboard_rules(qapp)
    install_keyboard_rules(qapp)  # once only
    assert qapp.styleSheet().count(FOCUS_RING_STYLE) == 1
    assert ":focus" in FOCUS_RING_STYLE
