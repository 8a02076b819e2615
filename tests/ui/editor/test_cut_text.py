"""Text the editor cut at 1024 px with 150% text (issue #12).

The status-bar hints ("review and sigr") and the case card's Child ref
placeholder (cut in half). 683 px wide at normal text is 1024 px under
QT_SCALE_FACTOR=1.5.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.ui.editor.window import KEYS_HELP
from tests.ui.editor.conftest import WORKER, Setup

SIZES = pytest.mark.parametrize(
    ("width", "scale"), [(1024, 1.5), (683, 1.0)], ids=["text-150", "qt-scale-150"]
)


@SIZES
def test_the_keys_line_is_whole_and_a_long_hint_is_elided_with_its_text_kept(
    qtbot: QtBot, setup: Setup, qapp: QApplication, width: int, scale: float
) -> None:
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * scale)
    qapp.setFont(larger)
    try:
        editor = setup.editors.new_record(WORKER.id, "one-to-one")
        editor.resize(width, 600)
        editor.show()
        qtbot.waitExposed(editor)
        QApplication.processEvents()
        line = editor.hint_line
        room = line.contentsRect().width()
        assert line.fontMetrics().horizontalAdvance(KEYS_HELP) <= room
        assert line.text() == KEYS_HELP
        assert line.isVisible()
        assert line.geometry().right() < editor.indicator.geometry().left()

        long_hint = "“31/13/2026” is not a date. " * 6
        editor.show_hint(long_hint)
        QApplication.processEvents()
        assert editor.statusBar().currentMessage() == long_hint
        assert line.fontMetrics().horizontalAdvance(line.text()) <= room
        assert line.text().endswith("…")
        assert line.toolTip() == long_hint

        editor.statusBar().clearMessage()  # the hint's time is up
        QApplication.processEvents()
        assert line.text() == KEYS_HELP
        editor.close()
    finally:
        qapp.setFont(font)


@SIZES
def test_the_child_ref_placeholder_fits_its_field(
    qtbot: QtBot, setup: Setup, qapp: QApplication, width: int, scale: float
) -> None:
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * scale)
    qapp.setFont(larger)
    try:
        editor = setup.editors.new_record(WORKER.id, "one-to-one")
        editor.resize(width, 600)
        editor.show()
        qtbot.waitExposed(editor)
        cases = editor.form.cases
        assert cases is not None
        field = cases.add_case().child_ref
        QApplication.processEvents()
        room = field.viewport().width() - 2 * int(field.document().documentMargin())
        assert field.placeholderText()
        assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room
        assert "case-management" in field.toolTip()
        editor.close()
    finally:
        qapp.setFont(font)
