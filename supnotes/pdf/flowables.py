"""Flowables the renderer needs beyond reportlab's own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as RLParagraph

from supnotes.pdf import fonts, script


def para(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of user text: escaped, with font fall-back, bidi when needed."""
    prepared = script.prepare(text)
    if script.has_rtl(prepared):
        return BidiParagraph(prepared, style)
    return RLParagraph(script.markup(prepared, style.fontName, style.fontSize), style)


class BidiParagraph(Flowable):  # type: ignore[misc]  # (reportlab is untyped)
    """A paragraph holding right-to-left text, broken into lines *before* reordering.

    The bidi algorithm must run per displayed line, after line breaking;
    reportlab would reorder the whole paragraph first. So this flowable
    breaks the logical text into lines itself, at the width it is given,
    puts each line in visual order, and hands the fixed lines to an ordinary
    paragraph (right-aligned when the text starts right-to-left).
    """

    def __init__(self, prepared: str, style: ParagraphStyle) -> None:
        super().__init__()
        self._text = prepared
        self._style = style
        self._rtl = script.base_is_rtl(prepared)
        self._inner: RLParagraph | None = None

    def _lines(self, width: float) -> list[str]:
        face, size = self._style.fontName, self._style.fontSize
        lines: list[str] = []
        for logical in self._text.split("\n"):
            current = ""
            for word in logical.split(" "):
                candidate = f"{current} {word}" if current else word
                if current and script.string_width(candidate, face, size) > width * 0.98:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        return lines

    def _build(self, width: float) -> RLParagraph:
        style = ParagraphStyle(
            f"{self._style.name}-bidi",
            parent=self._style,
            alignment=TA_RIGHT if self._rtl else TA_LEFT,
        )
        visual = [script.visual_line(line, rtl_base=self._rtl) for line in self._lines(width)]
        return RLParagraph(
            "<br/>".join(script.markup(line, style.fontName, style.fontSize) for line in visual),
            style,
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._inner = self._build(avail_width)
        size: tuple[float, float] = self._inner.wrap(avail_width, avail_height)
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        inner = self._inner or self._build(avail_width)
        parts: list[Any] = inner.split(avail_width, avail_height)
        return parts

    def draw(self) -> None:
        assert self._inner is not None
        self._inner.drawOn(self.canv, 0, 0)


@dataclass(frozen=True)
class FieldPlacement:
    """Where an empty signature field goes: page (0-based) and box in points."""

    name: str
    page_index: int
    box: tuple[float, float, float, float]


class SignatureArea(Flowable):  # type: ignore[misc]  # (reportlab is untyped)
    """The framed area a PDF signature field will occupy; records where it landed.

    Only ever placed directly in a frame (not inside a table), so the
    coordinates ``drawOn`` receives are the page's own.
    """

    def __init__(
        self, field_name: str, width: float, height: float, placements: list[FieldPlacement]
    ) -> None:
        super().__init__()
        self.field_name = field_name
        self.width = width
        self.height = height
        self._placements = placements

    def wrap(self, *_avail: float) -> tuple[float, float]:
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
        page_index = getattr(canvas, "page_index", canvas.getPageNumber() - 1)
        self._placements.append(
            FieldPlacement(self.field_name, page_index, (x, y, x + self.width, y + self.height))
        )
        super().drawOn(canvas, x, y, **kwargs)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor("#9AA3AD"))
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setDash()
        canvas.setFillColor(colors.HexColor("#6B7580"))
        canvas.setFont(fonts.SANS, 7)
        canvas.drawString(4, 4, f"Digital signature field \u201c{self.field_name}\u201d")
        canvas.restoreState()


class HashLine(Flowable):  # type: ignore[misc]  # (reportlab is untyped)
    """A hash or fingerprint on one line, in monospace: never wrapped, never split.

    A reader compares it character by character with another copy, so it is
    set in Noto Sans Mono at ``size`` points, smaller if the width given
    needs it, down to ``min_size``: never broken across lines.
    """

    def __init__(self, text: str, size: float = 8.5, min_size: float = 5.0) -> None:
        super().__init__()
        self.text = "".join(ch for ch in text if ch.isprintable()).strip()
        self._size = size
        self._min_size = min_size
        self._fitted = size

    def _natural_width(self, size: float) -> float:
        return script.string_width(self.text, fonts.MONO, size)

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        natural = self._natural_width(self._size)
        scale = min(1.0, avail_width / natural) if natural else 1.0
        self._fitted = max(self._min_size, self._size * scale)
        self.width = min(avail_width, self._natural_width(self._fitted))
        self.height = self._fitted * 1.35
        return self.width, self.height

    def split(self, _avail_width: float, _avail_height: float) -> list[Any]:
        return []  # one line: it moves to the next page whole

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        x = 0.0
        for face, run in script.runs(self.text, fonts.MONO):
            canvas.setFont(face, self._fitted)
            canvas.drawString(x, self._fitted * 0.3, run)
            x += script.string_width(run, face, self._fitted)
        canvas.restoreState()
