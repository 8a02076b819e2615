"""What is typed or pasted into the search box: FTS syntax, NUL, 10 MB, RTL, emoji.

Pasted with the clipboard and Ctrl+V, or typed with real key events. Nothing
raises; every query ends in a count or "No records match."; a paste longer
than a search takes is refused in words and leaves the box as it was.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from supnotes.ui.views.search_box import MAX_SEARCH_CHARS
from supnotes.ui.widgets.sanitise import clean_text
from tests.ui.typed_corpus import CASES, IDS, Case, paste
from tests.ui.views.conftest import Window


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pasted_into_the_search_box(qtbot: QtBot, window: Window, case: Case) -> None:
    box, results = window.parts.search_box, window.parts.search_results
    box.show()
    if case.refused or len(clean_text(case.text, single_line=True)) > MAX_SEARCH_CHARS:
        paste(box, case.text)
        assert box.text() == ""
        assert "was not put in the search box" in results.status.text()
        return
    paste(box, case.text)
    assert box.text() == clean_text(case.text, single_line=True)
    if not box.text().strip():
        return
    with qtbot.waitSignal(results.searched, timeout=10_000):
        QTest.keyClick(box, Qt.Key.Key_Return)
    assert results.status.text()  # a count, or "No records match."


FTS_TYPED = ['"unbalanced', "AND OR", "*", "NEAR(", "a:b (c", "-", "NOT", '""', "^"]


@pytest.mark.parametrize("typed", FTS_TYPED)
def test_fts_syntax_typed_into_the_search_box(qtbot: QtBot, window: Window, typed: str) -> None:
    box, results = window.parts.search_box, window.parts.search_results
    box.show()
    box.setFocus()
    QTest.keyClicks(box, typed)
    with qtbot.waitSignal(results.searched, timeout=10_000):
        QTest.keyClick(box, Qt.Key.Key_Return)
    assert results.status.text() in ("No records match.",) or "record" in results.status.text()
