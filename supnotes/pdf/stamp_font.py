"""The embedded font of the signature stamp pyHanko draws in a signed field.

pyHanko's default stamp font is Courier, a standard font it does not
embed, which PDF/A forbids. Its OpenType engine (fontTools and HarfBuzz)
embeds any TrueType font as a subset; handing it the whole Noto Sans would
cost a fontTools parse of ~500 KB per signature, so the stamp gets a copy
cut down once, in memory, to printable ASCII — all the stamp ever prints
("Digitally signed", a date and a time zone).
"""

from __future__ import annotations

import threading
from functools import cache
from io import BytesIO
from typing import Any

from fontTools import subset, ttLib
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

from supnotes.resources import resource

STAMP_FONT_FILE = "NotoSans-Regular.ttf"
_ASCII = range(0x20, 0x7F)
_lock = threading.Lock()


@cache
def _ascii_font() -> bytes:
    font = ttLib.TTFont(BytesIO(resource("fonts", STAMP_FONT_FILE).read_bytes()))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=_ASCII)
    cutter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def stamp_font_bytes() -> bytes:
    """Noto Sans Regular cut to printable ASCII (made once, thread-safe)."""
    with _lock:
        return _ascii_font()


class StampFont(FontEngineFactory):
    """A pyHanko font engine factory for the ASCII Noto Sans above."""

    def __init__(self, size: int = 10) -> None:
        self.size = size

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        return GlyphAccumulator(
            writer=writer,
            font_handle=BytesIO(stamp_font_bytes()),
            font_size=self.size,
            obj_stream=obj_stream,
        )
