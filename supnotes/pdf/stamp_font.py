"""The embedded font of the signature stamp pyHanko draws in a signed field.

pyHanko's default stamp font is Courier, a standard font it does not
embed, which PDF/A forbids. Its OpenType engine (fontTools and HarfBuzz)
embeds any TrueType font as a subset; handing it the whole Noto Sans would
cost a fontTools parse of ~500 KB per signature, so the stamp gets a copy
cut down once, in memory, to printable ASCII — all the stamp ever prints
("Digitally signed", a date and a time zone).

That cut is embedded whole (about 6 KB compressed). pyHanko would otherwise
subset it again at every signature with fontTools and re-save it, which was
about 15% of a whole seal; the font file stream is instead compressed once
and its bytes reused. The glyph ids are those of the cut, so the stamp's
text and widths are what pyHanko measured.
"""

from __future__ import annotations

import threading
import zlib
from functools import cache
from io import BytesIO
from typing import Any

from fontTools import subset, ttLib
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import CIDFontType2, GlyphAccumulator

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


@cache
def _compressed_font() -> bytes:
    return zlib.compress(_ascii_font())


def stamp_font_bytes() -> bytes:
    """Noto Sans Regular cut to printable ASCII (made once, thread-safe)."""
    with _lock:
        return _ascii_font()


def _compressed_font_bytes() -> bytes:
    with _lock:
        return _compressed_font()


class _WholeCut(CIDFontType2):
    """The CIDFontType2 whose font file is the whole ASCII cut, compressed once."""

    def set_font_file(self, writer: Any) -> Any:
        stream = generic.StreamObject(
            {generic.pdf_name("/Filter"): generic.pdf_name("/FlateDecode")},
            encoded_data=_compressed_font_bytes(),
        )
        ref = writer.add_object(stream)
        self._font_descriptor[generic.pdf_name("/FontFile2")] = ref
        return ref


class _StampGlyphs(GlyphAccumulator):
    """A glyph accumulator that embeds the ASCII cut as it is, without subsetting it again."""

    def __init__(self, writer: Any, obj_stream: Any, size: int) -> None:
        super().__init__(
            writer=writer,
            font_handle=BytesIO(stamp_font_bytes()),
            font_size=size,
            obj_stream=obj_stream,
        )
        if not isinstance(self.cidfont_obj, CIDFontType2):  # a TrueType cut, never CFF
            raise TypeError("the stamp font must be TrueType")
        self.cidfont_obj = _WholeCut(
            self.tt, self.cidfont_obj.name.split("+", 1)[1], self.subset_prefix
        )

    def _extract_subset(self, options: Any = None) -> None:
        """Nothing to cut: the font is already the ASCII cut, and its glyph ids stay."""


class StampFont(FontEngineFactory):
    """A pyHanko font engine factory for the ASCII Noto Sans above."""

    def __init__(self, size: int = 10) -> None:
        self.size = size

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        return _StampGlyphs(writer, obj_stream, self.size)
