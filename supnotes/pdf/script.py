"""Turn a record's plain text into reportlab paragraph markup, safely.

- Control characters (NUL included) are removed, text is NFC-normalised, and
  ``&``, ``<`` and ``>`` are escaped, so no text a user typed can break the
  layout or be read as markup.
- Each character is set in the first embedded face that has it (Latin,
  Greek and Cyrillic in Noto Sans, then Noto Naskh Arabic, then monochrome
  Noto Emoji); a character none has prints as U+FFFD, never as nothing.
  Emoji variation selectors and skin-tone modifiers are dropped (a
  monochrome face has no use for them); a ZWJ sequence prints as its parts.
- Right-to-left text (Arabic, Urdu, Persian, Hebrew letters) is not shaped
  by reportlab itself unless HarfBuzz and reportlab's own bidi extension are
  installed, and the latter is not on PyPI. So Arabic letters are joined
  into their presentation forms (``arabic-reshaper``) and each *line* is put
  in visual order with the Unicode bidi algorithm (``python-bidi``) after
  line breaking (see :class:`supnotes.pdf.flowables.BidiParagraph`).
  Presentation forms cover Arabic-script names well; the fine ligatures of
  Nastaʿlīq calligraphy are beyond them, and Naskh is printed instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics

from supnotes.pdf import fonts

REPLACEMENT = "\ufffd"
_DROPPED = frozenset(
    [0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)]  # variation selectors, skin tones
)
_RTL_CLASSES = frozenset({"R", "AL"})


# What clean() removes: control characters (category Cc) but the newline,
# surrogates (Cs), private-use characters (Co), and the dropped emoji modifiers.
# These ranges are fixed by Unicode (Cc, Cs and Co are immutable categories);
# tests/pdf/test_script.py checks them against unicodedata for every code point.
_REMOVED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
    + "".join(re.escape(chr(c)) for c in sorted(_DROPPED))
    + "]"
)


def clean(text: str) -> str:
    """NFC text without control characters (newlines kept, tabs as spaces)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\t", "    ")
    if text.isascii() and text.replace("\n", "").isprintable():
        return text  # the common case: nothing to remove, found without the regex
    return _REMOVED.sub("", text)


def has_rtl(text: str) -> bool:
    if text.isascii():  # the common case, without a look-up per character
        return False
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def base_is_rtl(text: str) -> bool:
    """Whether a paragraph reads right-to-left: it has RTL letters and no LTR ones.

    Records are written in English, so a paragraph that mixes scripts keeps
    the document's left-to-right direction (with the Arabic-script names in
    it ordered correctly); only a wholly right-to-left paragraph, such as a
    name or a quotation in Urdu, is set right-to-left. This deliberately
    differs from the bidi algorithm's "first strong character" rule.
    """
    kinds = {unicodedata.bidirectional(c) for c in text}
    return bool(kinds & _RTL_CLASSES) and "L" not in kinds


_ARABIC = re.compile("[\u0600-\u08ff]")


def _has_arabic(text: str) -> bool:
    return _ARABIC.search(text) is not None


def shape_arabic(text: str) -> str:
    """Arabic letters replaced by their joined presentation forms (logical order)."""
    if not _has_arabic(text):
        return text
    return "\n".join(_reshaper().reshape(line) for line in text.split("\n"))


@cache
def _reshaper() -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": True, "support_ligatures": True}
    )


def visual_line(line: str, *, rtl_base: bool) -> str:
    """One line in visual (left-to-right drawing) order."""
    if not has_rtl(line):
        return line
    from bidi import get_display

    result: str = get_display(line, base_dir="R" if rtl_base else "L")
    return result


_CARRIED = frozenset(" \n")  # set in the face of the run they follow


def runs(text: str, face: str) -> list[tuple[str, str]]:
    """``text`` cut into (face, text) runs; spaces stay with the run they follow."""
    coverage = fonts.ensure_registered().chars[face]
    if coverage.issuperset(map(ord, set(text) - _CARRIED)):
        return [(face, text)] if text else []  # every character in the face itself
    result: list[tuple[str, str]] = []
    current_face = face
    current: list[str] = []
    for original in text:
        char = original
        if char in {" ", "\n"}:
            chosen = current_face
        else:
            found = fonts.face_for(char, face)
            if found is None:
                char, chosen = REPLACEMENT, face
            else:
                chosen = found
        if chosen != current_face and current:
            result.append((current_face, "".join(current)))
            current = []
        current_face = chosen
        current.append(char)
    if current:
        result.append((current_face, "".join(current)))
    return result


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Naskh letters are small beside Noto Sans at the same size; this evens them out.
_SCALE = {fonts.ARABIC: 1.18, fonts.ARABIC_BOLD: 1.18}


def markup(text: str, face: str, size: float | None = None) -> str:
    """Paragraph markup for already-cleaned ``text`` set in ``face`` with fall-backs.

    Newlines become ``<br/>``; runs of spaces are kept (as no-break spaces
    after the first) so indentation typed by the user survives.
    """
    parts: list[str] = []
    for run_face, run in runs(text, face):
        body = _escape(run).replace("  ", " \u00a0").replace("\n", "<br/>")
        if run_face == face:
            parts.append(body)
        elif size is not None and run_face in _SCALE:
            parts.append(
                f'<font face="{run_face}" size="{size * _SCALE[run_face]:.1f}">{body}</font>'
            )
        else:
            parts.append(f'<font face="{run_face}">{body}</font>')
    return "".join(parts)


def prepare(text: str) -> str:
    """Clean text, with Arabic shaped: what layout and measuring work on."""
    return shape_arabic(clean(text))


def plain_markup(text: str, face: str, size: float | None = None) -> str:
    """Markup for text known to be short or left-to-right (titles, labels, cells).

    Right-to-left pieces are put in visual order line by line; for long
    right-to-left paragraphs that wrap use :class:`BidiParagraph` instead.
    """
    prepared = prepare(text)
    if has_rtl(prepared):
        rtl = base_is_rtl(prepared)
        prepared = "\n".join(visual_line(line, rtl_base=rtl) for line in prepared.split("\n"))
    return markup(prepared, face, size)


def string_width(text: str, face: str, size: float) -> float:
    """Width of ``text`` set in ``face`` with fall-backs, in points."""
    return float(
        sum(pdfmetrics.stringWidth(run, run_face, size) for run_face, run in runs(text, face))
    )
