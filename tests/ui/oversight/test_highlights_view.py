"""File → Highlights… on a real vault: the period and format chosen, the file written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from supnotes.domain.template_loader import default_library
from supnotes.ui.oversight.highlights_view import HighlightsView
from supnotes.vault.vault import Vault


def test_defaults_then_csv_then_a_reversed_period_in_words(
    qtbot: QtBot, vault: Vault, tmp_path: Path
) -> None:
    view = HighlightsView(lambda: vault, default_library(), today=date(2026, 3, 20))
    qtbot.addWidget(view)
    view.show()
    assert view.period() == (date(2025, 12, 1), date(2026, 3, 20))
    view.format.setCurrentIndex(view.format.findData("csv"))
    out = tmp_path / "h.csv"
    count = view.write(out)
    assert count is not None
    assert count > 0
    assert out.read_text(encoding="utf-8").startswith("collection,held_on,reference")
    assert view.outcome.text() == f"Saved {count} highlight(s) to {out}."
    view.start.setDate(QDate(2026, 4, 1))
    assert view.write(tmp_path / "none.csv") is None
    assert view.outcome.text() == "The period ends before it starts."
    assert not (tmp_path / "none.csv").exists()


def test_after_saving_the_focus_goes_to_close(
    qtbot: QtBot, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter after Save… had written the file asked where to save again."""
    view = HighlightsView(lambda: vault, default_library(), today=date(2026, 3, 20))
    qtbot.addWidget(view)
    view.format.setCurrentIndex(view.format.findData("csv"))
    out = tmp_path / "h.csv"
    asked: list[str] = []

    def pick(*_args: object, **_kwargs: object) -> tuple[str, str]:
        asked.append("save dialog")
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(pick))
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    view.save_button.setFocus()
    QTest.keyClick(view.save_button, Qt.Key.Key_Space)
    assert asked == ["save dialog"]
    assert out.is_file()
    assert QApplication.focusWidget() is view.close_button
    QTest.keyClick(view.close_button, Qt.Key.Key_Return)
    assert asked == ["save dialog"]
    assert not view.isVisible()
