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
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
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


def first_bold(pieces: list[tuple[str, bool]]) -> tuple[int, int] | None:
    """Start and end (UTF-16 positions) of the first bold piece, if any."""
    at = 0
    for text, bold in pieces:
        if bold:
            return at, at + _utf16(text)
        at += _utf16(text)
    return None


def word_starts(pieces: list[tuple[str, bool]]) -> list[int]:
    """UTF-16 positions where a word starts in the joined text."""
    text = "".join(text for text, _ in pieces)
    return [
        _utf16(text[:i])
        for i, char in enumerate(text)
        if not char.isspace() and (i == 0 or text[i - 1].isspace())
    ]


def _x(line: QTextLine, position: int) -> float:
    # PySide6 gives the x with the cursor position, as a tuple.
    found = line.cursorToX(position)
    value = found[0] if isinstance(found, tuple) else found
    assert isinstance(value, float | int)
    return float(value)


@dataclass(frozen=True)
class Placement:
    """Where a line goes in a cell ``width`` wide: its x=0 at ``x``, and the cut ends."""

    x: float
    left_mark: bool
    right_mark: bool


def place(
    line: QTextLine,
    width: float,
    room: float,
    *,
    right_to_left: bool,
    match: tuple[int, int] | None = None,
    starts: Sequence[int] = (),
) -> Placement:
    """Put the line in the cell so that its start, or else its first match, is in view.

    ``room`` is the width of one "…". A line that fits is placed at its start
    (the left, or the right for right-to-left text). A longer one is cut at
    its end, unless the first match would then be hidden: then it is moved so
    that the match shows with up to a third of the cell of words before it,
    and each cut end is marked.
    """
    natural = line.naturalTextWidth()
    if natural <= width:
        return Placement(width - natural if right_to_left else 0.0, False, False)
    keep = width - room  # what one cut end leaves for text
    if right_to_left:
        usual = Placement(width - natural, True, False)
        seen_from, seen_to = natural - keep, natural
    else:
        usual = Placement(0.0, False, True)
        seen_from, seen_to = 0.0, keep
    if match is None:
        return usual
    ends = (_x(line, match[0]), _x(line, match[1]))
    if seen_from <= min(ends) and max(ends) <= seen_to:
        return usual
    # Where words before the match start, as x: to its right if right to left.
    xs = [_x(line, p) for p in starts if p <= match[0]]
    mover = _moved_right_to_left if right_to_left else _moved
    return mover(ends, xs, natural, width, room) or usual


def _moved(
    ends: tuple[float, float], xs: list[float], natural: float, width: float, room: float
) -> Placement | None:
    """Left to right: the line moved left so the match shows after some words."""
    inner = max(0.0, width - 2 * room)  # both ends cut
    low = min(ends)
    start = min([x for x in xs if low - x <= inner / 3] or [low])
    if start <= 0:
        return None
    if start + inner >= natural:  # the line's end is in view: no cut at the right
        return Placement(width - natural, True, False)
    return Placement(room - start, True, True)


def _moved_right_to_left(
    ends: tuple[float, float], xs: list[float], natural: float, width: float, room: float
) -> Placement | None:
    """Right to left: the line moved right so the match shows after some words."""
    inner = max(0.0, width - 2 * room)
    high = max(ends)
    end = max([x for x in xs if x - high <= inner / 3] or [high])
    if end >= natural:
        return None
    if end - inner <= 0:  # the line's end is in view: no cut at the left
        return Placement(0.0, False, True)
    return Placement(width - room - end, True, True)


class RichTextDelegate(QStyledItemDelegate):
    def __init__(self, html_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = html_role

    def _runs(self, index: Index) -> list[tuple[str, bool]]:
        return runs(str(index.data(self._role) or ""))

    def spot(self, option: QStyleOptionViewItem, index: Index) -> tuple[QTextLayout, Placement]:
        """The cell's line, and where it goes within ``option.rect`` less the margins."""
        pieces = self._runs(index)
        layout = line_layout(pieces, option.font)
        if layout.lineCount() == 0:
            return layout, Placement(0.0, False, False)
        right_to_left = layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
        return layout, place(
            layout.lineAt(0),
            option.rect.width() - 2 * MARGIN,
            QFontMetrics(option.font).horizontalAdvance("…"),
            right_to_left=right_to_left,
            match=first_bold(pieces),
            starts=word_starts(pieces),
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        layout, spot = self.spot(opt, index)
        if layout.lineCount() == 0:
            return
        line = layout.lineAt(0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = QRectF(opt.rect.adjusted(MARGIN, 0, -MARGIN, 0))
        room = QFontMetrics(opt.font).horizontalAdvance("…")
        clip = QRectF(rect)
        if spot.left_mark:
            clip.setLeft(rect.left() + room)
        if spot.right_mark:
            clip.setRight(rect.right() - room)
        y = rect.top() + max(0.0, (rect.height() - line.height()) / 2)
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.setClipRect(clip)
        layout.draw(painter, QPointF(rect.left() + spot.x, y))
        painter.setClipping(False)
        painter.setFont(opt.font)
        if spot.left_mark:
            mark = QRectF(rect.left(), rect.top(), room, rect.height())
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "…")
        if spot.right_mark:
            mark = QRectF(rect.right() - room, rect.top(), room, rect.height())
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, "…")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        layout = line_layout(self._runs(index), option.font)
        if layout.lineCount() == 0:
            return QSize(2 * MARGIN, QFontMetrics(option.font).height() + 4)
        line = layout.lineAt(0)
        return QSize(int(line.naturalTextWidth()) + 2 * MARGIN + 1, int(line.height()) + 4)
