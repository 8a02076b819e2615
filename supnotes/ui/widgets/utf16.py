"""Converting between Python string indices and Qt's UTF-16 positions.

Qt counts positions in UTF-16 code units; Python counts code points. They
differ after any character outside the Basic Multilingual Plane, which in a
supervision note means emoji. Getting this wrong underlines the wrong letters.
"""

from __future__ import annotations

_BMP_END = "\uffff"


def _all_bmp(text: str) -> bool:
    return text.isascii() or max(text, default="a") <= _BMP_END


def spans_to_utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Code-point ``(start, length)`` spans of ``text`` as UTF-16 spans."""
    if not spans or _all_bmp(text):
        return spans
    result = []
    for start, length in spans:
        start16 = utf16_length(text[:start])
        result.append((start16, utf16_length(text[start : start + length])))
    return result


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    if _all_bmp(text):
        return len(text)
    return len(text) + sum(1 for char in text if char > _BMP_END)


def index_from_utf16(text: str, position: int) -> int:
    """The code-point index in ``text`` of the UTF-16 ``position``."""
    if _all_bmp(text):
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if char > _BMP_END else 1
    return len(text)
