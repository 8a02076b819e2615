"""Theme and text size changed in Settings restyle the windows already open.

With the focus-ring style sheet set on the application, Qt kept the fonts and
colours that open widgets had when they were first polished.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.common.keyboard import install_keyboard_rules
from supnotes.ui.shell.theme import Appearance


@pytest.fixture
def appearance(qapp: QApplication) -> Iterator[Appearance]:
    font, palette = qapp.font(), qapp.palette()
    install_keyboard_rules(qapp)
    made = Appearance(qapp)
    made.apply("light", 1.0)
    yield made
    made.apply("light", 1.0)
    qapp.setFont(font)
    qapp.setPalette(palette)


def test_an_open_window_follows_text_size_and_theme(
    qapp: QApplication, qtbot: QtBot, appearance: Appearance
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    label, line, text = QLabel("Name", window), QLineEdit(window), QPlainTextEdit(window)
    layout = QVBoxLayout(window)
    for widget in (label, line, text):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    before = {w: w.font().pointSizeF() for w in (label, line, text)}
    light = text.palette().color(QPalette.ColorRole.Base)
    appearance.apply("dark", 1.5)
    QApplication.processEvents()
    for widget, size in before.items():
        assert widget.font().pointSizeF() == pytest.approx(size * 1.5, abs=0.6), widget
    assert text.palette().color(QPalette.ColorRole.Base) != light
    assert text.palette().color(QPalette.ColorRole.Base).lightness() < 128


def test_an_open_editor_keeps_its_headings_larger_than_its_text(
    qapp: QApplication, qtbot: QtBot, appearance: Appearance
) -> None:
    from supnotes.ui.editor.form import SectionTitle

    title, body = SectionTitle("Decision"), QLabel("What prompted the conversation")
    for widget in (title, body):
        qtbot.addWidget(widget)
        widget.show()
    assert title.font().pointSizeF() > body.font().pointSizeF()
    appearance.apply("light", 1.5)
    QApplication.processEvents()
    assert title.font().pointSizeF() == pytest.approx(body.font().pointSizeF() * 1.25, abs=0.3)
    assert title.font().bold()
