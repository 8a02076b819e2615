"""Find the words in a piece of text that a spell-checker should look at.

Supervision notes are full of things that are not words and must never be
underlined: case references (C-104233), sections of an Act (s47), acronyms
(LADO, NQSWs), e-mail addresses, web links, times, and names written in other
scripts. Underlining those trains people to ignore the red line, so the rules
here err on the side of checking less.

Offsets are Python string indices (code points); the Qt layer converts them to
UTF-16 where it needs to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

# A candidate: letters, digits and underscores, joined by apostrophes (straight
# or curly) and hyphens. Digits are included so that "s47" is seen whole and
# skipped, instead of yielding "s".
_CANDIDATE = re.compile(r"[\w'\u2019\u0300-\u036f]+(?:-+[\w'\u2019\u0300-\u036f]+)*")

# Things that contain words but are not prose.
_NOT_PROSE = re.compile(
    r"""
      (?:https?|ftp|file)://[^\s<>"]+          # web links with a scheme
    | www\.[^\s<>"]+                           # ... and without one
    | [\w.+'\u2019-]+@[\w-]+(?:\.[\w-]+)+           # e-mail addresses
    | \b[\w-]+(?:\.[\w-]+)*\.(?:uk|com|org|net|gov|nhs|sch|ac|co|io|info|eu|ie)\b
                                               # host names (council.gov.uk)
    | (?:[A-Za-z]:)?[\\/](?:[\w.-]+[\\/])+[\w.-]*   # file paths
    """,
    re.VERBOSE,
)

# Only words made wholly of Latin letters are checked: an English dictionary
# has nothing useful to say about Arabic, Cyrillic or Chinese, and underlining
# every word of a name written in its own script would be both wrong and rude.
# Ranges: ASCII; Latin-1 letters (leaving out the multiplication and division
# signs); Latin Extended-A and -B; combining accents (text pasted in
# decomposed form); Latin Extended Additional (Vietnamese).
_LATIN_WORD = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff'\u2019-]+"
)
RIGHT_QUOTE = "\u2019"  # the curly apostrophe word processors type
_EDGE_PUNCTUATION = "'" + RIGHT_QUOTE + "-"


class Word(NamedTuple):
    """A word to check: where it starts in the text, its length, and itself."""

    start: int
    length: int
    text: str


def _is_acronym(word: str) -> bool:
    """LADO, NQSWs, LADO's, CP-IS: capitals (with a plural or possessive) aren't spelt."""
    letters = word.replace("-", "")
    for ending in ("'s", RIGHT_QUOTE + "s", "s"):
        if letters.endswith(ending) and len(letters) > len(ending) + 1:
            stem = letters[: -len(ending)]
            if stem.isupper():
                return True
    return len(letters) > 1 and letters.isupper()


def _is_checkable(word: str) -> bool:
    if len(word) < 2:
        return False
    if not _LATIN_WORD.fullmatch(word):
        # Digits (s47, 2nd, C-104233), underscores or another script.
        return False
    return not _is_acronym(word)


def _not_prose_spans(text: str) -> list[tuple[int, int]]:
    if not any(mark in text for mark in "/@.\\"):
        return []  # the common case: no link, address or path can be present
    return [m.span() for m in _NOT_PROSE.finditer(text)]


def iter_words(text: str) -> Iterator[Word]:
    """The words in ``text`` worth checking, in order.

    Leading and trailing apostrophes and hyphens are trimmed ('quoted' words,
    workers' plural possessives), since they are punctuation, not spelling.
    """
    skips = _not_prose_spans(text)
    skip_index = 0
    for match in _CANDIDATE.finditer(text):
        start, end = match.span()
        while skip_index < len(skips) and skips[skip_index][1] <= start:
            skip_index += 1
        if skip_index < len(skips) and skips[skip_index][0] < end:
            continue  # inside a link, address or path
        raw = match.group()
        stripped = raw.strip(_EDGE_PUNCTUATION)
        if not stripped:
            continue
        start += len(raw) - len(raw.lstrip(_EDGE_PUNCTUATION))
        if _is_checkable(stripped):
            yield Word(start, len(stripped), stripped)


def hyphen_parts(word: Word) -> list[Word]:
    """The parts of a hyphenated word, each with its own offset."""
    parts: list[Word] = []
    offset = word.start
    for piece in word.text.split("-"):
        if piece:
            parts.append(Word(offset, len(piece), piece))
        offset += len(piece) + 1
    return parts


def normalise_apostrophes(word: str) -> str:
    """The form a word is checked in: straight apostrophes, composed accents.

    Curly and straight apostrophes spell the same word, and so do "â" and
    "a" followed by a combining circumflex (as text pasted from a Mac can be).
    """
    if not word.isascii():
        word = unicodedata.normalize("NFC", word.replace(RIGHT_QUOTE, "'"))
    return word


__all__ = ["Word", "hyphen_parts", "iter_words", "normalise_apostrophes"]
