"""The embedded Unicode fonts, registered with reportlab on first use.

Three families, all Noto under the SIL Open Font License (see
``resources/fonts/README.md``):

- ``SupSans`` (Noto Sans: Latin, Greek, Cyrillic) in regular, bold, italic
  — the text face;
- ``SupArabic`` (Noto Naskh Arabic, regular and bold) for Arabic-script
  names and text (Arabic, Urdu, Persian);
- ``SupEmoji`` (monochrome Noto Emoji) so an emoji typed into a record
  prints as a glyph rather than a box;
- ``SupMono`` (Noto Sans Mono, ASCII) for hashes and fingerprints, which a
  reader compares character by character.

:func:`face_for` picks, per character, the first face that has it; the
caller prints a character none has as U+FFFD.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from supnotes.resources import resource

SANS = "SupSans"
SANS_BOLD = "SupSans-Bold"
SANS_ITALIC = "SupSans-Italic"
ARABIC = "SupArabic"
ARABIC_BOLD = "SupArabic-Bold"
EMOJI = "SupEmoji"
MONO = "SupMono"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
    MONO: "NotoSansMono-Regular.ttf",
}

# The fall-back faces for each text face, tried in order after the face itself.
_FALLBACKS = {
    SANS: (ARABIC, EMOJI),
    SANS_BOLD: (ARABIC_BOLD, EMOJI),
    SANS_ITALIC: (ARABIC, EMOJI),
    MONO: (SANS, EMOJI),
}

_lock = threading.Lock()


@dataclass(frozen=True)
class Coverage:
    """The characters each registered face can set."""

    chars: dict[str, frozenset[int]]


@cache
def _register() -> Coverage:
    chars: dict[str, frozenset[int]] = {}
    for name, filename in _FILES.items():
        data = resource("fonts", filename).read_bytes()
        # shapable=False: reportlab would otherwise try HarfBuzz when present;
        # Arabic is shaped before layout instead (see supnotes.pdf.script).
        font = TTFont(name, BytesIO(data), shapable=False)
        pdfmetrics.registerFont(font)
        chars[name] = frozenset(font.face.charToGlyph)
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)
    return Coverage(chars)


def ensure_registered() -> Coverage:
    """Register the fonts with reportlab once (thread-safe); cheap after the first call."""
    with _lock:
        return _register()


def chain(face: str) -> tuple[str, ...]:
    """The face and its fall-backs, in the order characters are looked up."""
    return (face, *_FALLBACKS.get(face, (EMOJI,)))


def face_for(char: str, face: str) -> str | None:
    """The first face in ``face``'s chain that has ``char``, or None."""
    coverage = ensure_registered().chars
    code = ord(char)
    for candidate in chain(face):
        if code in coverage[candidate]:
            return candidate
    return None
