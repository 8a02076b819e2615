"""Sections added below the settings dialog's form (escrow, the handover encryption key).

Each goes at the end of the scrolling form, before its closing stretch. Made
after the dialog's OK and Cancel, a section's controls would come after them
in the focus chain: Tab would reach them from Cancel, outside the scroll area,
which then would not scroll to show them (found on a 640-pixel screen). So
they are put in the chain after the form's last field, and each scrolls into
view when it gets the focus, as Shift+Tab from OK brings it there too (seen on
a 1024x640 screen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

Section = TypeVar("Section", bound=QWidget)


def add_section(
    settings_dialog: QWidget,
    make: Callable[[QWidget], Section],
    tab_order: Callable[[Section], Sequence[QWidget]],
) -> Section | None:
    """Make the section inside the dialog's form and place it (None if there is no form)."""
    scroll = getattr(settings_dialog, "scroll_area", None)
    content = scroll.widget() if scroll is not None else None
    column = content.layout() if content is not None else None
    if content is None or not isinstance(column, QVBoxLayout):
        return None
    section = make(content)
    column.insertWidget(max(column.count() - 1, 0), section)  # before the closing stretch
    widgets = tab_order(section)
    _tab_after_the_form(content, section, widgets)
    if isinstance(scroll, QScrollArea):
        shown = _ShownOnFocus(scroll, section)
        for widget in widgets:
            widget.installEventFilter(shown)
    return section


class _ShownOnFocus(QObject):
    """Scrolls a widget of the section into view when it gets the focus."""

    def __init__(self, scroll: QScrollArea, parent: QObject) -> None:
        super().__init__(parent)
        self._scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._scroll.ensureWidgetVisible(watched)
        return False


def _tab_after_the_form(content: QWidget, section: QWidget, widgets: Sequence[QWidget]) -> None:
    """Tab reaches the section's controls after the form's last field, before OK and Cancel."""
    buttons = content.window().findChild(QDialogButtonBox)
    if buttons is None:
        return
    last: QWidget | None = buttons.previousInFocusChain()
    for _ in range(1000):  # the chain is a ring; a bound in case it is not
        if last is None or last is buttons:
            return
        inside = content.isAncestorOf(last) and not section.isAncestorOf(last)
        if inside and last.focusPolicy() & Qt.FocusPolicy.TabFocus and last.focusProxy() is None:
            break
        last = last.previousInFocusChain()
    else:
        return
    for widget in widgets:
        QWidget.setTabOrder(last, widget)
        last = widget
