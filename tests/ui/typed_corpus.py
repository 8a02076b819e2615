"""The typed-or-pasted corpus (``tests/data/typed/cases.json``), for the editor and search tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

DATA = json.loads(
    (Path(__file__).parent.parent / "data" / "typed" / "cases.json").read_text("utf-8")
)


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    refused: bool


def _cases() -> list[Case]:
    cases = []
    for raw in DATA["cases"]:
        if "repeat" in raw:
            unit, size = raw["repeat"]["unit"], raw["repeat"]["chars"]
            text = (unit * (size // len(unit) + 1))[:size]
        else:
            text = raw["text"]
        cases.append(Case(raw["name"], text, raw.get("refused", False)))
    return cases


CASES = _cases()
IDS = [c.name for c in CASES]


def paste(widget: QWidget, text: str) -> None:
    """Put ``text`` on the clipboard and press Ctrl+V in ``widget``."""
    QApplication.clipboard().setText(text)
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
