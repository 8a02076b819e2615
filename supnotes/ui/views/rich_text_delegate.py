"""Paint a cell's one line of text with bold parts (a snippet and its matches).

The cell's value is escaped text whose only markup is ``<b>…</b>`` (see
``search_model.snippet_html``). It is painted run by run with the view's own
font and its bold form, on one line, elided at the right edge: no
``QTextDocument`` per cell, which cost more than the search itself when a
page of results was painted.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex

#: Space left of the text and right of it, as the view's own text cells.
MARGIN = 4
_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)


def runs(marked: str) -> list[tuple[str, bool]]:
    """``(text, bold)`` pieces of escaped text with ``<b>`` markup, unescaped, on one line."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _BOLD.finditer(marked):
        if match.start() > at:
            pieces.append((marked[at : match.start()], False))
        pieces.append((match.group(1), True))
        at = match.end()
    if at < len(marked):
        pieces.append((marked[at:], False))
    return [(" ".join(html.unescape(text).splitlines()), bold) for text, bold in pieces if text]


class RichTextDelegate(QStyledItemDelegate):
    def __init__(self, html_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = html_role

    def _runs(self, index: Index) -> list[tuple[str, bool]]:
        return runs(str(index.data(self._role) or ""))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(MARGIN, 0, -MARGIN, 0)
        plain = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setClipRect(opt.rect)
        x = rect.left()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        for run, is_bold in self._runs(index):
            font = bold if is_bold else plain
            metrics = QFontMetrics(font)
            room = rect.right() + 1 - x
            text, width = run, metrics.horizontalAdvance(run)
            if width > room:
                text = metrics.elidedText(run, Qt.TextElideMode.ElideRight, room)
                width = metrics.horizontalAdvance(text)
            painter.setFont(font)
            painter.drawText(QRect(x, rect.top(), width + 1, rect.height()), flags, text)
            x += width
            if x >= rect.right():
                break
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        plain = QFont(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        width = 2 * MARGIN
        height = 0
        for text, is_bold in self._runs(index):
            metrics = QFontMetrics(bold if is_bold else plain)
            width += metrics.horizontalAdvance(text)
            height = max(height, metrics.height())
        return QSize(width, max(height, QFontMetrics(plain).height()) + 4)
