"""Filter boxes laid out in as many columns as the width allows (never fewer than two).

Three filters side by side need more room than the search panel gets beside
the worker list on a 1024x640 screen at 150%, and a fixed row of them made the
worker list scroll sideways. Here the boxes wrap to two columns (three rows)
when the panel is narrow, so the panel's minimum width is that of two boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QWidget

NARROWEST = 2  # columns: below this the filters would take too many rows


class FilterGrid(QWidget):
    def __init__(self, boxes: Sequence[QWidget], most: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter-grid")
        self._boxes = list(boxes)
        self._most = max(NARROWEST, most)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # The layout must not hold the widget at the widest arrangement's width.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.columns = 0
        self._arrange(self._most)
        # Tab row by row as on screen, in either arrangement: the boxes are placed
        # in this order, left to right and then down (they were visited in the
        # order they were made, which zig-zagged across the grid).
        for before, after in pairwise(self._boxes):
            QWidget.setTabOrder(before, after)

    def _box_width(self) -> int:
        return max(box.minimumSizeHint().width() for box in self._boxes)

    def _width_for(self, columns: int) -> int:
        margins = self._grid.contentsMargins()
        spacing = max(0, self._grid.horizontalSpacing())
        extra = margins.left() + margins.right()
        return columns * self._box_width() + (columns - 1) * spacing + extra

    def columns_for(self, width: int) -> int:
        """The most columns (up to ``most``) whose boxes fit in ``width``."""
        columns = self._most
        while columns > NARROWEST and self._width_for(columns) > width:
            columns -= 1
        return columns

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for box in self._boxes:
            self._grid.removeWidget(box)
        for stretch in range(self._most):
            self._grid.setColumnStretch(stretch, 1 if stretch < columns else 0)
        for i, box in enumerate(self._boxes):
            self._grid.addWidget(box, i // columns, i % columns)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = -(-len(self._boxes) // self.columns)
        height = max(box.minimumSizeHint().height() for box in self._boxes)
        spacing = max(0, self._grid.verticalSpacing())
        return QSize(self._width_for(NARROWEST), rows * height + (rows - 1) * spacing)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(self._width_for(self._most), self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))
