"""The editor at 1024x640 with the app's text at 150%: no sideways scrolling in the form."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.editor.conftest import WORKER, Setup


def test_the_editor_form_fits_1024_wide_at_150_percent(
    qtbot: QtBot, setup: Setup, qapp: QApplication
) -> None:
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(larger)
    try:
        editor = setup.editors.new_record(WORKER.id, "one-to-one")
        editor.resize(1024, 600)
        editor.show()
        qtbot.waitExposed(editor)
        QApplication.processEvents()
        body = editor.scroller.widget()
        assert body is not None
        assert body.minimumSizeHint().width() <= editor.scroller.viewport().width()
        assert not editor.scroller.horizontalScrollBar().isVisible()
        editor.close()
    finally:
        qapp.setFont(font)
