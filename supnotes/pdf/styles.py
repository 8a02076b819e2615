"""Typography of a printed record: calm, plain, readable years later."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from supnotes.pdf import fonts

INK = colors.HexColor("#1B1F24")
MUTED = colors.HexColor("#55606B")
RULE = colors.HexColor("#B8C0C8")
TINT = colors.HexColor("#EEF1F4")
HEADER_TINT = colors.HexColor("#E2E7EC")

MARGIN_X = 22 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 25 * mm


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    kind: ParagraphStyle
    audience: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    label: ParagraphStyle
    body: ParagraphStyle
    empty: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    meta_label: ParagraphStyle
    meta_value: ParagraphStyle
    small: ParagraphStyle
    statement: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles (fonts are registered on first use)."""
    fonts.ensure_registered()

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": fonts.SANS,
            "fontSize": 10.5,
            "leading": 15,
            "textColor": INK,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        title=style("title", fontName=fonts.SANS_BOLD, fontSize=18, leading=23, spaceAfter=2),
        kind=style("kind", fontSize=11.5, leading=15, textColor=MUTED, spaceAfter=8),
        audience=style("audience", fontName=fonts.SANS_BOLD, fontSize=9.5, leading=13),
        h1=style(
            "h1",
            fontName=fonts.SANS_BOLD,
            fontSize=13,
            leading=17,
            spaceBefore=16,
            spaceAfter=6,
        ),
        h2=style(
            "h2",
            fontName=fonts.SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        label=style(
            "label",
            fontName=fonts.SANS_BOLD,
            fontSize=9.5,
            leading=13,
            textColor=MUTED,
            spaceBefore=6,
            spaceAfter=1,
        ),
        body=style("body", spaceAfter=5),
        empty=style("empty", fontName=fonts.SANS_ITALIC, textColor=MUTED, spaceAfter=5),
        cell=style("cell", fontSize=9.5, leading=13),
        cell_head=style("cell_head", fontName=fonts.SANS_BOLD, fontSize=9, leading=12),
        meta_label=style("meta_label", fontSize=9, leading=12.5, textColor=MUTED),
        meta_value=style("meta_value", fontSize=9.5, leading=12.5),
        small=style("small", fontSize=8, leading=11, textColor=MUTED),
        statement=style("statement", fontName=fonts.SANS_ITALIC, fontSize=10, leading=14),
    )
