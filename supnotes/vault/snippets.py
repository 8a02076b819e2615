"""Snippets cut from a bounded window around the matches, not from the whole body.

FTS5's ``snippet()`` tokenises every matching record's whole body (one-to-ones
run to 4,000 words) to choose its window; over a page of results that was
most of a search's time. Here the matches are found with one compiled regular
expression per query (run in C over the text), and only the few hundred
characters around the chosen match are tokenised.

The result reads like ``snippet()``'s: about :data:`TOKENS` words, matched
words (or whole phrases) between the highlight markers, an ellipsis where the
body goes on. The window holds as many different search terms as possible,
the earliest such window winning. Tokens follow FTS5's ``unicode61`` with
``remove_diacritics 2`` closely enough for highlighting: letters and digits
make words, case and accents are ignored (``cafe`` finds ``Café``). When the
text holds no match by these rules (the match was in the child references,
or in a script whose accents are not folded here), :func:`cut` returns None
and the caller falls back to FTS5's own ``snippet()`` for that record.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

TOKENS = 16
CANDIDATES = 10  # windows tried, at the first matches in the text
_REACH = 12  # characters per token looked at either side of the matches
_SPAN = 7  # characters per token, roughly, when counting the terms a window holds
# Letters, digits and the combining marks that follow them.
_WORD_CHAR = re.compile(r"[^\W_]|[\u0300-\u036f]")
_TOKEN = re.compile(
    r"(?:[^\W_][\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f]*)+"
)


@dataclass(frozen=True, slots=True)
class Term:
    """One typed term: its words, and whether the last is a prefix."""

    words: tuple[str, ...]
    prefix: bool


def fold(text: str) -> str:
    """Lower case, accents removed (what the index compares)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def _variants() -> dict[str, str]:
    """For each folded letter, the characters that fold to it (Latin, Greek, Cyrillic)."""
    found: dict[str, set[str]] = {}
    for code in range(0x00C0, 0x0530):
        ch = chr(code)
        base = fold(ch)
        if len(base) == 1 and base != ch.casefold():
            found.setdefault(base, set()).add(ch)
    return {base: "".join(sorted(chars)) for base, chars in found.items()}


def _letter(ch: str, accented: bool) -> str:
    extra = _variants().get(ch, "") if accented else ""
    if not extra:
        return re.escape(ch) + ("[\u0300-\u036f]*" if accented else "")
    return "[" + re.escape(ch) + "".join(re.escape(c) for c in extra) + "][\u0300-\u036f]*"


def terms(typed: list[tuple[str, bool]]) -> list[Term]:
    """The (text, is_prefix) pairs search parsed, as folded words."""
    out = []
    for text, prefix in typed:
        words = tuple(fold(m.group()) for m in _TOKEN.finditer(text))
        if words:
            out.append(Term(words, prefix))
    return out


@dataclass(frozen=True, slots=True)
class Finder:
    """Each term as an expression over lower-cased text: :attr:`plain` for ASCII text,
    else :meth:`accented` (each letter also as its accented forms, compiled when
    first needed: those character classes cost milliseconds to compile)."""

    terms: tuple[Term, ...]
    plain: tuple[re.Pattern[str], ...]

    def accented(self) -> tuple[re.Pattern[str], ...]:
        return tuple(_expression(t, True) for t in self.terms)


@lru_cache(maxsize=256)
def _expression(term: Term, accented: bool) -> re.Pattern[str]:
    body = r"[\W_]+".join("".join(_letter(ch, accented) for ch in w) for w in term.words)
    # A prefix highlights the whole word it begins, as FTS5 does.
    tail = r"(?:[^\W_]|[\u0300-\u036f])*" if term.prefix else r"(?![^\W_]|[\u0300-\u036f])"
    # No look-behind in front: a leading literal lets the engine skip ahead fast;
    # whether a match begins a word is checked after (see _matches).
    return re.compile(body + tail)


def finder(all_terms: list[Term]) -> Finder | None:
    if not all_terms:
        return None
    return Finder(tuple(all_terms), tuple(_expression(t, False) for t in all_terms))


Match = tuple[int, int, int]  # start, end, which term


def _matches(
    expressions: tuple[re.Pattern[str], ...],
    low: str,
    lo: int = 0,
    hi: int | None = None,
    most: int | None = None,
) -> list[Match]:
    """Where the terms begin words in ``low[lo:hi]``, in order, not overlapping."""
    found: list[Match] = []
    for index, expression in enumerate(expressions):
        count = 0
        for match in expression.finditer(low, lo, len(low) if hi is None else hi):
            at = match.start()
            if at > 0 and _WORD_CHAR.match(low, at - 1):
                continue  # inside a word, not at its start
            found.append((at, match.end(), index))
            count += 1
            if count == most:
                break
    found.sort()
    kept: list[Match] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept if most is None else kept[:most]


def _tokens_around(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The (start, end) of whole tokens near text[lo:hi], enough for a window either side."""
    reach = TOKENS * _REACH
    left, right = max(0, lo - reach), min(len(text), hi + reach)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, left, right)]
    if left > 0 and tokens and tokens[0][0] == left:
        tokens = tokens[1:]  # perhaps the tail of a word cut at the edge
    if right < len(text) and tokens and tokens[-1][1] == right:
        tokens = tokens[:-1]
    return tokens


def _sentence_start(text: str, tokens: list[tuple[int, int]], first: int, final: int) -> int | None:
    """The latest sentence start at or before ``first`` from which the matches still fit.

    Like FTS5: a token begins a sentence if it begins the text or follows a
    full stop or a colon.
    """
    for index in range(first, max(-1, final - TOKENS), -1):
        if index == 0:
            before = text[: tokens[0][0]]
            if not _TOKEN.search(before):
                return 0
            return None
        gap = text[tokens[index - 1][1] : tokens[index][0]]
        if "." in gap or ":" in gap:
            return index
    return None


def cut(text: str, terms: Finder, start: str, end: str, ellipsis: str) -> str | None:
    """A highlighted snippet of ``text``, or None when the terms are not found in it."""
    low = text.lower()
    if len(low) != len(text):
        return None  # a letter whose lower case is longer: offsets would not line up
    expression = terms.plain if text.isascii() else terms.accented()
    matches = _matches(expression, low, most=CANDIDATES)
    if not matches:
        return None
    span = TOKENS * _SPAN
    best: tuple[int, int] | None = None  # (-score, index)
    for index, anchor in enumerate(matches):
        inside = [m for m in matches[index:] if m[0] <= anchor[0] + span]
        # As FTS5 scores windows: each different term 100, each repeat 1.
        score = 100 * len({m[2] for m in inside}) + len(inside)
        if best is None or (-score, index) < best:
            best = (-score, index)
    assert best is not None
    anchor = matches[best[1]]
    last = max(m[1] for m in matches[best[1] :] if m[0] <= anchor[0] + span)
    tokens = _tokens_around(text, anchor[0], last)
    first = next(i for i, t in enumerate(tokens) if t[1] > anchor[0])
    final = max(first, next(i for i, t in enumerate(tokens) if t[1] >= last))
    if final - first + 1 > TOKENS:
        final = first + TOKENS - 1
    begin = _sentence_start(text, tokens, first, final)
    if begin is None:
        # Centre the matches, as FTS5 does.
        begin = first - (TOKENS - (final - first + 1)) // 2
    begin = max(0, min(begin, len(tokens) - TOKENS))
    window = tokens[begin : begin + TOKENS]
    w_start, w_end = window[0][0], window[-1][1]
    pieces = []
    at = w_start
    for m_start, m_end, _ in _matches(expression, low, w_start, w_end):
        pieces += [text[at:m_start], start, text[m_start:m_end], end]
        at = m_end
    pieces.append(text[at:w_end])
    # Where the window reaches an end of the text, the text before or after it
    # (punctuation, spaces) is kept, as FTS5 does; elsewhere an ellipsis.
    before = ellipsis if _TOKEN.search(text, 0, w_start) else text[:w_start]
    after = ellipsis if _TOKEN.search(text, w_end) else text[w_end:]
    return before + "".join(pieces) + after
