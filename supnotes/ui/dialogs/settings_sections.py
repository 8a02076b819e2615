"""Sections added below the settings dialog's form (escrow, the handover encryption key).

Each goes at the end of the scrolling form, before its closing stretch. Made
after the dialog's OK and Cancel, a section's controls would come after them
in the focus chain; the dialog sets its Tab order from its layouts when it is
first shown (top to bottom, then OK and Cancel), and each control of the form
scrolls into view when it gets the focus (see settings_dialog.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

Section = TypeVar("Section", bound=QWidget)


def add_section(settings_dialog: QWidget, make: Callable[[QWidget], Section]) -> Section | None:
    """Make the section inside the dialog's form and place it (None if there is no form)."""
    scroll = getattr(settings_dialog, "scroll_area", None)
    content = scroll.widget() if scroll is not None else None
    column = content.layout() if content is not None else None
    if content is None or not isinstance(column, QVBoxLayout):
        return None
    section = make(content)
    column.insertWidget(max(column.count() - 1, 0), section)  # before the closing stretch
    return section
