"""File → Highlights… on a real vault: the period and format chosen, the file written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
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
    assert view.outcome.text() == f"Saved {count} highlight(s) to h.csv."
    view.start.setDate(QDate(2026, 4, 1))
    assert view.write(tmp_path / "none.csv") is None
    assert view.outcome.text() == "The period ends before it starts."
    assert not (tmp_path / "none.csv").exists()
