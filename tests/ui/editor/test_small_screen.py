"""The editor at 1024x640 with the app's text at 150%: no sideways scrolling in the form."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.common.fit import available
from supnotes.ui.editor.quick_decision import build_quick_decision_dialog
from supnotes.ui.editor.window import SessionEditor
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


def _cut_widgets(editor: SessionEditor) -> list[str]:
    """Shown widgets of the form whose right edge is past the scroll area's viewport."""
    viewport = editor.scroller.viewport()
    right = viewport.width()
    body = editor.scroller.widget()
    assert body is not None
    cut = []
    for widget in body.findChildren(QWidget):
        if not widget.isVisibleTo(body) or widget.parentWidget() is None:
            continue
        if isinstance(widget.parentWidget(), QAbstractScrollArea | QAbstractSpinBox):
            continue  # a list's own viewport and scrollbars, an edit's inner line
        edge = widget.mapTo(viewport, widget.rect().topRight()).x()
        if edge >= right:
            name = widget.accessibleName() or widget.objectName() or type(widget).__name__
            cut.append(f"{name}: {edge} >= {right}")
    return cut


@pytest.mark.parametrize("width", [683, 540])
def test_the_editor_form_fits_a_683_wide_screen(qtbot: QtBot, setup: Setup, width: int) -> None:
    """1024x640 under QT_SCALE_FACTOR=1.5 is a 683x427 logical screen; 540 forces narrow."""
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    editor.resize(width, 427)
    editor.show()
    qtbot.waitExposed(editor)
    QApplication.processEvents()
    QApplication.processEvents()
    assert editor.width() <= width
    assert editor.scroller.horizontalScrollBar().maximum() == 0
    assert not editor.scroller.horizontalScrollBar().isVisible()
    assert _cut_widgets(editor) == []
    if width < 600:  # narrow: a field's prompts are below it, not beside it
        panel = editor.form.panels[0][1]
        _row, field, prompts = panel._beside[0]
        assert prompts.mapTo(panel, prompts.rect().topLeft()).y() >= field.geometry().bottom()
    editor.close()


def test_the_editor_opens_inside_the_screen_frame_included(qtbot: QtBot, setup: Setup) -> None:
    """Its first size leaves room for the title bar and frame (QT_SCALE_FACTOR=1.5 at 1024)."""
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    room = available(editor)
    assert editor.width() <= room.width()
    assert editor.height() <= room.height()
    editor.close()


@pytest.mark.parametrize(("height", "scale"), [(427, 1.0), (640, 1.5)])
def test_quick_decision_fits_a_small_screen_with_its_buttons(
    qtbot: QtBot, setup: Setup, qapp: QApplication, height: int, scale: float
) -> None:
    """1024x640 under QT_SCALE_FACTOR=1.5 (427 logical pixels high), and at 150% text."""
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSizeF(font.pointSizeF() * scale)
    qapp.setFont(larger)
    try:
        dialog = build_quick_decision_dialog(
            setup.vault, [WORKER], setup.context.library, WORKER.id
        )
        qtbot.addWidget(dialog)
        title_bar = 24
        assert dialog.minimumSizeHint().height() <= height - title_bar
        dialog.resize(dialog.width(), height - title_bar)
        dialog.show()
        qtbot.waitExposed(dialog)
        bottom = dialog.save_button.mapTo(dialog, dialog.save_button.rect().bottomLeft()).y()
        assert bottom < dialog.height()
        assert dialog.decision.height() >= 2 * dialog.decision.fontMetrics().lineSpacing()
    finally:
        qapp.setFont(font)
