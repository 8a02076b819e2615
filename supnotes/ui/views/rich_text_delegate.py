"""Paint a cell's one line of text with bold parts (a snippet and its matches).

The cell's value is escaped text whose only markup is ``<b>…</b>`` (see
``search_model.snippet_html``). It is laid out once as a single line with
``QTextLayout`` (bold ranges as formats, the paragraph's direction from its
text, so Arabic or Hebrew reads right to left) and clipped with an ellipsis at
its trailing edge: no ``QTextDocument`` per cell, which cost more than the
search itself when a page of results was painted.
"""

from __future__ import annotations

import html
import re
import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
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


def _utf16(text: str) -> int:
    """Length in UTF-16 code units, as Qt counts positions."""
    return len(text.encode("utf-16-le")) // 2


def is_right_to_left(text: str) -> bool:
    """The text's direction by its first strong character, as Unicode's rule (P2-P3) says."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def line_layout(pieces: list[tuple[str, bool]], font: QFont) -> QTextLayout:
    """One unwrapped line of ``pieces`` in ``font``, the bold ones bold."""
    text = "".join(text for text, _ in pieces)
    layout = QTextLayout(text, font)
    ranges = []
    at = 0
    for text, bold in pieces:
        if bold:
            span = QTextLayout.FormatRange()
            span.start, span.length = at, _utf16(text)
            bolder = QTextCharFormat()
            bolder.setFontWeight(QFont.Weight.Bold)
            span.format = bolder
            ranges.append(span)
        at += _utf16(text)
    layout.setFormats(ranges)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if is_right_to_left(text) else Qt.LayoutDirection.LeftToRight
    )
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    if line.isValid():
        # Unwrapped: first as wide as need be, then exactly the text's width, so
        # the text starts at the line's own start whatever its direction.
        line.setLineWidth(1_000_000)
        line.setLineWidth(line.naturalTextWidth() + 1)
        line.setPosition(QPointF(0, 0))
    layout.endLayout()
    return layout


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
        layout = line_layout(self._runs(index), opt.font)
        if layout.lineCount() == 0:
            return
        line = layout.lineAt(0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = QRectF(opt.rect.adjusted(MARGIN, 0, -MARGIN, 0))
        right_to_left = layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
        width = line.naturalTextWidth()
        clip = QRectF(rect)
        mark: QRectF | None = None
        if width > rect.width():
            room = QFontMetrics(opt.font).horizontalAdvance("…")
            if right_to_left:
                mark = QRectF(rect.left(), rect.top(), room, rect.height())
                clip.setLeft(rect.left() + room)
            else:
                mark = QRectF(rect.right() - room, rect.top(), room, rect.height())
                clip.setRight(rect.right() - room)
        # The line's start is always in view: at the left, or at the right for
        # right-to-left text; its end is what is clipped and marked "…".
        x = rect.right() - width if right_to_left else rect.left()
        y = rect.top() + max(0.0, (rect.height() - line.height()) / 2)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setClipRect(clip)
        layout.draw(painter, QPointF(x, y))
        if mark is not None:
            painter.setClipping(False)
            painter.setFont(opt.font)
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "…")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        layout = line_layout(self._runs(index), option.font)
        if layout.lineCount() == 0:
            return QSize(2 * MARGIN, QFontMetrics(option.font).height() + 4)
        line = layout.lineAt(0)
        return QSize(int(line.naturalTextWidth()) + 2 * MARGIN + 1, int(line.height()) + 4)
