"""Decode JSON from an untrusted file: strict, bounded, one plain reason on failure.

Python's :mod:`json` accepts things an export must not hold (``NaN``,
duplicate keys, where the last one silently wins) and fails on hostile input
in ways that are not :class:`ValueError` (a deeply nested file raises
``RecursionError``). Everything here ends in :class:`JsonRefused` instead.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Well above any real export's nesting (about 6 levels), far below Python's
# recursion limit, so the decoder never runs out of stack.
MAX_DEPTH = 64

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonRefused(ValueError):
    """The bytes are not strict JSON (or not UTF-8 text); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise JsonRefused(f"the key {key[:60]!r} appears twice in one object")
        found[key] = value
    return found


def _no_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a number JSON allows")


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (counted up to ``limit + 1``).

    Strings and everything but brackets are removed by regular expressions
    (C speed), so only the brackets are walked: a file nested 100,000 levels
    deep is refused before the recursive decoder ever sees it.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is allowed and dropped)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"not UTF-8 text (byte {exc.start:,} cannot be read)") from None
    return text.removeprefix("\ufeff")


def loads_strict(raw: bytes) -> Any:
    """Decode ``raw`` as strict JSON: UTF-8, bounded nesting, no duplicate keys, no NaN."""
    text = decode_text(raw)
    if not text.strip():
        raise JsonRefused("the file is empty")
    if nesting_depth(text) > MAX_DEPTH:
        raise JsonRefused(f"nested more than {MAX_DEPTH} levels deep; no export is")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        short = "; the file looks cut short" if cut else ""
        raise JsonRefused(f"not JSON (line {exc.lineno}: {exc.msg}){short}") from None
    except JsonRefused:
        raise
    except (ValueError, RecursionError) as exc:
        # e.g. an integer of more than 4,300 digits.
        raise JsonRefused(f"not JSON that can be read ({str(exc)[:80]})") from None
