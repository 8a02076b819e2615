"""The highlights export as a PDF, with the records' typography and protective marking."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer

from supnotes.domain.highlights import COLLECTION_TITLES, COLLECTIONS, Highlight
from supnotes.pdf import fonts
from supnotes.pdf.flowables import para
from supnotes.pdf.page import PAGE_HEIGHT, PAGE_WIDTH, draw_text
from supnotes.pdf.styles import INK, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, styles

_KINDS = {"one-to-one": "one-to-one", "group": "group supervision", "ad-hoc": "ad-hoc"}


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def render_highlights(
    items: Sequence[Highlight], start: date, end: date, *, marking: str, organisation: str
) -> bytes:
    """The PDF bytes: one section per collection, each entry with its reference and date."""
    s = styles()
    story: list[Flowable] = [
        para("Highlights: good practice, learning themes and items to feed up", s.title),
        para(f"{_day(start)} to {_day(end)} \u00b7 signed records only", s.kind),
        para(
            "Collected from the fields each template marks for it, and from records marked "
            "as good practice. No child's details, wellbeing content or names: child "
            "references and names typed into the text are shown as [child] and [person].",
            s.small,
        ),
    ]
    for collection in COLLECTIONS:
        chosen = [i for i in items if i.collection == collection]
        story.append(para(f"{COLLECTION_TITLES[collection]} ({len(chosen)})", s.h1))
        if not chosen:
            story.append(para("None in this period.", s.empty))
        for item in chosen:
            kind = _KINDS.get(item.kind, item.kind)
            story.append(
                para(f"{item.reference} \u00b7 {_day(item.held_on)} \u00b7 {kind}", s.label)
            )
            story.append(para(f"{item.source}: {item.text}", s.body))
            story.append(Spacer(1, 2 * mm))

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        top = PAGE_HEIGHT - 11 * mm
        draw_text(canvas, (PAGE_WIDTH / 2, top), marking, fonts.SANS_BOLD, 9.5, align="centre")
        canvas.setFillColor(MUTED)
        draw_text(canvas, (MARGIN_X, top - 6.5 * mm), organisation, fonts.SANS, 8.5)
        draw_text(
            canvas,
            (PAGE_WIDTH - MARGIN_X, 15 * mm),
            f"Page {doc.page}",
            fonts.SANS,
            8.5,
            align="right",
        )
        canvas.setFillColor(INK)
        draw_text(canvas, (PAGE_WIDTH / 2, 8 * mm), marking, fonts.SANS_BOLD, 9.5, align="centre")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title="Highlights",
        author=organisation,
    )
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
