"""The panels' bold titles are plain text in a bold font, not rich text.

Qt's rich-text engine costs tens of milliseconds on its first use, on the way
to the main window's first paint; a title that is only bold does not need it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from supnotes.ui.common.keyboard import FOCUS_RING_STYLE
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views.search_view import SearchPanel
from supnotes.ui.views.thread_view import ThreadPanel
from supnotes.ui.views.worker_list import WorkerListPanel


def _plain_and_bold(label: QLabel) -> bool:
    return label.textFormat() == Qt.TextFormat.PlainText and label.font().bold()


def _titled(panel: SearchPanel, text: str) -> QLabel:
    found = [label for label in panel.findChildren(QLabel) if label.text() == text]
    assert len(found) == 1, text
    return found[0]


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QApplication]:
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    style = qapp.style().name()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


def test_the_panel_titles_are_plain_text_in_bold(qtbot: QtBot) -> None:
    workers, thread, search = WorkerListPanel(), ThreadPanel(), SearchPanel()
    for panel in (workers, thread, search):
        qtbot.addWidget(panel)
    assert workers.title.text() == "Workers"
    assert thread.title.text() == "Records"
    heading = workers.empty.findChild(QLabel, "workers-empty-heading")
    assert isinstance(heading, QLabel)
    assert heading.text() == "No workers yet."
    for label in (workers.title, thread.title, _titled(search, "Search"), heading):
        assert _plain_and_bold(label), label.text()
    # No label of the first screen is read as rich text.
    for panel in (workers, thread):
        for label in panel.findChildren(QLabel):
            plain = label.textFormat() == Qt.TextFormat.PlainText or "<" not in label.text()
            assert plain, label.text()


def test_a_workers_name_in_the_title_is_shown_as_typed(qtbot: QtBot) -> None:
    thread = ThreadPanel()
    qtbot.addWidget(thread)
    thread.show_worker("w-1", "Sam <i>O'Neil</i> & Co")
    assert thread.title.text() == "Records — Sam <i>O'Neil</i> & Co"
    assert _plain_and_bold(thread.title)
    thread.show_worker(None)
    assert thread.title.text() == "Records"


def test_a_bold_title_follows_the_app_text_size(qtbot: QtBot, app_font: QApplication) -> None:
    """Zoom as the app does it (View → text size: Appearance.apply), with the app's
    focus-ring style sheet on, as it always is in the app: with a style sheet, Qt
    reaches open widgets only when the sheet is set again."""
    if FOCUS_RING_STYLE not in app_font.styleSheet():
        app_font.setStyleSheet(app_font.styleSheet() + FOCUS_RING_STYLE)
    workers = WorkerListPanel()
    qtbot.addWidget(workers)
    workers.show()
    appearance = Appearance(app_font)
    size = workers.title.font().pointSizeF()
    appearance.apply("system", 1.5)
    bigger = app_font.font().pointSizeF()
    assert bigger > size
    qtbot.waitUntil(
        lambda: workers.title.font().pointSizeF() == pytest.approx(bigger),
        timeout=5000,
    )
    assert workers.title.font().bold()
