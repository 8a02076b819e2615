"""Lay out a :class:`PrintableRecord` as an A4 PDF with empty signature fields.

One renderer serves export, print and preview. The result is deterministic
in content (not in bytes: the creation time and file id differ), PDF/A-4f,
and carries the record's data; its metadata says only what the pages print
(:mod:`supnotes.pdf.archival`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import Table as RLTable

from supnotes.pdf import page
from supnotes.pdf.archival import make_archival
from supnotes.pdf.flowables import FieldPlacement, HashLine, SignatureArea, para
from supnotes.pdf.printable import (
    AddendumCitation,
    Block,
    FieldRow,
    Heading,
    Paragraph,
    PrintableRecord,
    SignatureBlock,
    Table,
)
from supnotes.pdf.styles import (
    HEADER_TINT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
    TINT,
    Styles,
    styles,
)

CONTENT_WIDTH = page.PAGE_WIDTH - 2 * MARGIN_X
SIGNATURE_BOX = (85 * mm, 20 * mm)
_DRAWN_MAX = (70 * mm, 22 * mm)
NOT_RECORDED = "Not recorded."
# Room a heading or a label needs below it (its own height and a few lines).
_HEADING_ROOM = 30 * mm
_LABEL_ROOM = 18 * mm
_FRAME_HEIGHT = page.PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
# A table row taller than this is allowed to split (it could not fit a page
# below its heading and the repeated column headings otherwise).
_ROW_MAX_HEIGHT = _FRAME_HEIGHT * 0.8
_CELL_PADDING_X = 6  # reportlab's default left and right cell padding
_CELL_PADDING_Y = 4  # TOPPADDING and BOTTOMPADDING below


def _paragraphs(text: str) -> list[str]:
    """Text split at blank lines, so a long answer can break between pages."""
    chunks = [c.strip("\n") for c in text.replace("\r\n", "\n").split("\n\n")]
    return [c for c in chunks if c.strip()]


def _label_value_table(
    rows: Sequence[FieldRow],
    s: Styles,
    label_width: float,
    hashes: Mapping[int, str] | None = None,
) -> RLTable:
    """Label and value rows; rows named in ``hashes`` print that hash in monospace."""
    hashes = hashes or {}
    data = [
        [
            para(r.label, s.meta_label),
            HashLine(hashes[n], size=8) if n in hashes else para(r.value or "\u2014", s.meta_value),
        ]
        for n, r in enumerate(rows)
    ]
    table = RLTable(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    return table


def _meta_box(doc: PrintableRecord, s: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    if doc.meta:
        table = _label_value_table(doc.meta, s, 42 * mm)
        table.setStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), TINT),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
        out.append(table)
    if doc.certificate_fingerprint:
        out.append(Spacer(1, 4))
        out.append(para("Supervisor's signing certificate, SHA-256 fingerprint:", s.small))
        out.append(HashLine(doc.certificate_fingerprint, size=7.5))
    return out


def _table(block: Table, s: Styles) -> list[Flowable]:
    columns = list(block.columns)
    if not columns:
        return []
    weights = list(block.weights) if len(block.weights) == len(columns) else [1.0] * len(columns)
    total = sum(weights) or 1.0
    widths = [CONTENT_WIDTH * w / total for w in weights]
    head = [para(c, s.cell_head) for c in columns]

    def cell(row: Sequence[str], i: int) -> Flowable:
        text = row[i] if i < len(row) else ""
        return HashLine(text, size=7.5) if i in block.hash_columns else para(text, s.cell)

    body = [[cell(row, i) for i in range(len(columns))] for row in block.rows]
    if not body:
        body = [[para("None recorded.", s.empty)] + [para("", s.cell)] * (len(columns) - 1)]
    # A row (one decision, one action) is never split across pages, unless it
    # alone is taller than a page could hold.
    split_in_row = int(_tallest_row(body, widths) > _ROW_MAX_HEIGHT)
    table = RLTable(
        [head, *body], colWidths=widths, repeatRows=1, splitInRow=split_in_row, hAlign="LEFT"
    )
    table.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_TINT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    out: list[Flowable] = []
    if block.title:
        out.append(CondPageBreak(_LABEL_ROOM + 20))
        out.append(para(block.title, s.label))
    out.append(table)
    out.append(Spacer(1, 6))
    return out


def _tallest_row(body: Sequence[Sequence[Flowable]], widths: Sequence[float]) -> float:
    """The height of the tallest row, its cells wrapped at their column widths."""
    tallest = 0.0
    for row in body:
        height = max(
            (
                f.wrap(w - 2 * _CELL_PADDING_X, _FRAME_HEIGHT)[1]
                for f, w in zip(row, widths, strict=False)
            ),
            default=0.0,
        )
        tallest = max(tallest, height + 2 * _CELL_PADDING_Y)
    return tallest


def _drawn_signature(png: bytes) -> Flowable | None:
    try:
        image = Image(BytesIO(png))
    # A damaged drawing must not stop the record printing; the typed name
    # and the digital signature are what count.
    except Exception:  # noqa: BLE001 (any unreadable image is left out)
        return None
    scale = min(_DRAWN_MAX[0] / image.imageWidth, _DRAWN_MAX[1] / image.imageHeight, 1.0)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    image.hAlign = "LEFT"
    return image


def _signature(
    block: SignatureBlock, s: Styles, placements: list[FieldPlacement]
) -> list[Flowable]:
    parts: list[Flowable] = [para(block.role, s.h2)]
    rows = [FieldRow("Name", block.name), FieldRow("Date", block.signed_at)]
    parts.append(_label_value_table(rows, s, 30 * mm))
    if block.statement:
        parts.append(Spacer(1, 3))
        parts.append(para(block.statement, s.statement))
    if block.drawn_signature_png:
        drawn = _drawn_signature(block.drawn_signature_png)
        if drawn is not None:
            parts.append(Spacer(1, 3))
            parts.append(drawn)
    if block.field_name:
        parts.append(Spacer(1, 5))
        parts.append(SignatureArea(block.field_name, *SIGNATURE_BOX, placements))
    return [KeepTogether(parts), Spacer(1, 8)]


def _citation(block: AddendumCitation, s: Styles) -> list[Flowable]:
    rows = [
        FieldRow(
            f"Amends {block.amends}", f"{block.original_ref}, version {block.original_version}"
        ),
        FieldRow(f"Signed {block.amends} SHA-256", ""),
        FieldRow("Dated", block.dated),
        FieldRow("Reason", block.reason),
    ]
    table = _label_value_table(rows, s, 42 * mm, hashes={1: block.original_sha256})
    table.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]
    )
    return [para(f"Addendum to a signed {block.amends}", s.h2), table, Spacer(1, 8)]


def _group_rows(blocks: Iterable[Block]) -> Iterator[Block | list[FieldRow]]:
    """Consecutive field rows grouped so they share one aligned table."""
    pending: list[FieldRow] = []
    for block in blocks:
        if isinstance(block, FieldRow):
            pending.append(block)
            continue
        if pending:
            yield pending
            pending = []
        yield block
    if pending:
        yield pending


def _story(doc: PrintableRecord, placements: list[FieldPlacement]) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [para(doc.title, s.title)]
    if doc.kind:
        story.append(para(doc.kind, s.kind))
    band = RLTable([[para(doc.audience, s.audience)]], colWidths=[CONTENT_WIDTH])
    band.setStyle(
        [("BACKGROUND", (0, 0), (-1, -1), HEADER_TINT), ("LEFTPADDING", (0, 0), (-1, -1), 6)]
    )
    story += [band, Spacer(1, 8)]
    story.extend(_meta_box(doc, s))
    for block in _group_rows(doc.blocks):
        if isinstance(block, list):
            story.append(Spacer(1, 3))
            story.append(_label_value_table(block, s, 48 * mm))
        elif isinstance(block, Heading):
            # A heading never ends a page: start a new one if little room is left.
            story.append(CondPageBreak(_HEADING_ROOM))
            story.append(para(block.text, s.h1 if block.level <= 1 else s.h2))
        elif isinstance(block, Paragraph):
            if block.label:
                story.append(CondPageBreak(_LABEL_ROOM))
                story.append(para(block.label, s.label))
            chunks = _paragraphs(block.text)
            story.extend(para(c, s.body) for c in chunks)
            if not chunks:
                story.append(para(NOT_RECORDED, s.empty))
        elif isinstance(block, Table):
            story.extend(_table(block, s))
        elif isinstance(block, SignatureBlock):
            story.extend(_signature(block, s, placements))
        elif isinstance(block, AddendumCitation):
            story.extend(_citation(block, s))
    story.append(Spacer(1, 10))
    story.append(para(f"End of record {doc.record_ref}, version {doc.version}.", s.small))
    return story


def plain_streams() -> None:
    """reportlab's streams Flate-compressed only, without its ASCII85 layer.

    ASCII85 makes binary streams a quarter larger for the sake of 7-bit
    channels a PDF never travels on; the archival pass copies the streams as
    they are (:mod:`supnotes.pdf.archival`). reportlab reads this setting
    when it writes each stream, and this renderer is its only user here.
    """
    rl_config.useA85 = 0


def _layout(doc: PrintableRecord) -> tuple[bytes, list[FieldPlacement]]:
    plain_streams()
    out = BytesIO()
    placements: list[FieldPlacement] = []
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{doc.title} \u2014 {doc.record_ref}",
        author="",
        subject="",
        keywords="",
        creator="SupNotes",
        lang="en-GB",
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        page.PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )

    def on_page(canvas: Any, _template: Any) -> None:
        page.decorate_page(canvas, doc)

    template.addPageTemplates([PageTemplate(id="record", frames=[frame], onPage=on_page)])
    template.build(_story(doc, placements), canvasmaker=page.numbered_canvas(doc))
    return out.getvalue(), placements


def render_pdf(doc: PrintableRecord) -> bytes:
    """The record as PDF bytes; signature blocks with a ``field_name`` get empty fields.

    Drafts carry the watermark and no signature fields: they are not for signing.
    The result is PDF/A-4f with the record's data attached
    (:mod:`supnotes.pdf.archival`), ready to be signed.
    """
    pdf, placements = _layout(doc)
    if doc.draft:
        placements = []
    names = [p.name for p in placements]
    if len(set(names)) != len(names):
        raise ValueError(f"signature field names must be unique, got {names}")
    return make_archival(pdf, doc, placements)
