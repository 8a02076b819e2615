"""Which Alt letters a window offers, and which of them clash."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget, QWidget


def mnemonic_of(text: str) -> str | None:
    """The letter after a single ``&`` ("Sta&ge" -> "g"); None when there is none."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt letter -> the texts that carry it, for the controls shown in ``window``."""
    found: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        letter = mnemonic_of(text)
        if letter is not None:
            found[letter].append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            note(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            note(widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                note(widget.tabText(i))
    return dict(found)


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Only the letters two or more controls share."""
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}
