"""What typed or pasted text may contain (pure Python).

A supervision note is plain text. Control characters (NUL above all) break
exports, search and other programs that later read the record, so they are
dropped on the way in; tabs and line breaks stay. Format characters that
right-to-left text and emoji need (U+200C-U+200F joiners and marks, U+202A-
U+202E and U+2066-U+2069 embeddings and isolates, variation selectors) stay.
"""

from __future__ import annotations

import re

# A paste larger than this is refused: no note is that long, and such a paste
# is almost always a mistake (a whole file, a log) that would stall the editor.
MAX_PASTE_CHARS = 1_000_000

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# C0 controls except tab and newline, DEL, and C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean_text(text: str, *, single_line: bool = False) -> str:
    """``text`` without control characters, with line breaks as ``\\n``.

    For a single-line field, runs of tabs and line breaks become one space.
    """
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    if single_line:
        text = _LINE_BREAKS.sub(" ", text)
    return text


def paste_refusal(length: int) -> str | None:
    """The message refusing a paste of ``length`` characters, or None if it may go in."""
    if length <= MAX_PASTE_CHARS:
        return None
    return (
        f"That paste was not added: it is {length:,} characters long, and at most "
        f"{MAX_PASTE_CHARS:,} can be pasted at once. Nothing in this field was changed."
    )
