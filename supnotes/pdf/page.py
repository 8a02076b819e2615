"""What every page carries: marking, organisation, record id, "Page x of y", watermark.

"Page x of y" needs the page count before the first page is written, so a
canvas keeps each finished page aside and draws the footers when the
document is saved (the usual reportlab recipe, done once instead of a
second layout pass).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from supnotes.pdf import fonts, script
from supnotes.pdf.printable import PrintableRecord
from supnotes.pdf.styles import INK, MARGIN_X, MUTED, RULE

PAGE_WIDTH, PAGE_HEIGHT = A4
WATERMARK = "DRAFT \u2014 not signed"


def draw_text(
    canvas: Any, at: tuple[float, float], text: str, face: str, size: float, *, align: str = "left"
) -> None:
    """One line of user text at (x, y) with font fall-back and bidi order."""
    prepared = script.prepare(text).replace("\n", " ")
    line = script.visual_line(prepared, rtl_base=script.base_is_rtl(prepared))
    x, y = at
    pieces = script.runs(line, face)
    width = sum(pdfmetrics.stringWidth(run, f, size) for f, run in pieces)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for run_face, run in pieces:
        canvas.setFont(run_face, size)
        canvas.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, run_face, size)


def decorate_page(canvas: Any, doc: PrintableRecord) -> None:
    """Header, and for drafts the watermark; drawn before the page's content."""
    canvas.saveState()
    if doc.draft:
        canvas.setFillColor(colors.Color(0.80, 0.14, 0.14, alpha=0.16))
        canvas.setFont(fonts.SANS_BOLD, 54)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -18, WATERMARK)
        canvas.rotate(-50)
        canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
    top = PAGE_HEIGHT - 11 * mm
    canvas.setFillColor(INK)
    draw_text(canvas, (PAGE_WIDTH / 2, top), doc.marking, fonts.SANS_BOLD, 9.5, align="centre")
    canvas.setFillColor(MUTED)
    draw_text(canvas, (MARGIN_X, top - 6.5 * mm), doc.organisation, fonts.SANS, 8.5)
    draw_text(
        canvas,
        (PAGE_WIDTH - MARGIN_X, top - 6.5 * mm),
        doc.audience,
        fonts.SANS,
        8.5,
        align="right",
    )
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, top - 8.5 * mm, PAGE_WIDTH - MARGIN_X, top - 8.5 * mm)
    canvas.restoreState()


def _draw_footer(canvas: Any, doc: PrintableRecord, page: int, pages: int) -> None:
    canvas.saveState()
    y = 15 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, y + 4 * mm, PAGE_WIDTH - MARGIN_X, y + 4 * mm)
    canvas.setFillColor(MUTED)
    ref = f"Record {doc.record_ref} \u00b7 version {doc.version}"
    draw_text(canvas, (MARGIN_X, y), ref, fonts.SANS, 8.5)
    draw_text(
        canvas,
        (PAGE_WIDTH - MARGIN_X, y),
        f"Page {page} of {pages}",
        fonts.SANS,
        8.5,
        align="right",
    )
    canvas.setFillColor(INK)
    draw_text(canvas, (PAGE_WIDTH / 2, 8 * mm), doc.marking, fonts.SANS_BOLD, 9.5, align="centre")
    canvas.restoreState()


def numbered_canvas(doc: PrintableRecord) -> Callable[..., Canvas]:
    """A canvas class for ``doc`` that writes footers with the final page count."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # (reportlab is untyped)
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # reportlab's default initial font is Helvetica, which it never
            # embeds; PDF/A needs every font embedded, so start in our own.
            fonts.ensure_registered()
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.SANS
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:  # noqa: N802 (reportlab's name)
            # reportlab's tables select their base font (Helvetica) before
            # drawing each cell, even a Paragraph cell that sets its own; an
            # unembedded font in the file breaks PDF/A, so ours stands in.
            if psfontname not in fonts.ensure_registered().chars:
                psfontname = fonts.SANS
            super().setFont(psfontname, size, leading)

        @property
        def page_index(self) -> int:
            """0-based index of the page being drawn."""
            return len(self._pages)

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _draw_footer(self, doc, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
