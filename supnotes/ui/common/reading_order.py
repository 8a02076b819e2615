"""Tab in the order a reader sees: down the layouts, left to right within a row.

Qt's default focus chain is the order the widgets were made (and a widget
made later, or moved into a form, goes to the end of the window's chain).
A form assembled in steps (rows and sections added by other modules after
the dialog was built) then Tabs in no order a user can follow. These helpers
walk the layouts as drawn and set the chain from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLayout, QLayoutItem, QScrollArea, QWidget

_ROLES = (
    QFormLayout.ItemRole.LabelRole,
    QFormLayout.ItemRole.FieldRole,
    QFormLayout.ItemRole.SpanningRole,
)


def takes_tab(widget: QWidget) -> bool:
    """Whether Tab can stop at ``widget`` itself (a focus proxy stands for it instead)."""
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def in_layout_order(layout: QLayout) -> list[QWidget]:
    """The widgets that take Tab under ``layout``, in the order they are laid out.

    A form goes row by row (label, then field); a widget with its own layout
    (a group box, a field with a button) is entered where it stands. Hidden
    widgets are kept: Tab skips them while hidden and finds them in place
    when shown.
    """
    found: list[QWidget] = []
    for item in _items(layout):
        child = item.layout()
        widget = item.widget()
        if child is not None:
            found.extend(in_layout_order(child))
        elif widget is not None:
            found.extend(_in_widget(widget))
    return found


def in_layout_order_of(widget: QWidget) -> list[QWidget]:
    """``widget`` (if it takes Tab) and the widgets under its layout, as laid out."""
    return _in_widget(widget)


def _items(layout: QLayout) -> Iterable[QLayoutItem]:
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            for role in _ROLES:
                item = layout.itemAt(row, role)
                if item is not None:
                    yield item
        return
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None:
            yield item


def _in_widget(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        return _in_widget(inner) if inner is not None else []
    found = [widget] if takes_tab(widget) else []
    own = widget.layout()
    if own is not None:
        found.extend(in_layout_order(own))
    return found


def chain(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (Shift+Tab the reverse)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


class ShownOnFocus(QObject):
    """Scrolls a widget of a scroll area into view when it gets the focus.

    QScrollArea does this itself only for Tab between two of its own widgets;
    coming from outside (Shift+Tab from OK, or wrapping round from Cancel) or
    by a mnemonic, the focused control could stay below the fold.
    """

    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._scroll.ensureWidgetVisible(watched)
        return False


def show_on_focus(scroll: QScrollArea, widgets: Iterable[QWidget]) -> None:
    """Each of ``widgets`` scrolls into view in ``scroll`` when it gets the focus."""
    shown = ShownOnFocus(scroll)
    for widget in widgets:
        widget.installEventFilter(shown)
