"""Good practice, learning themes and items to feed up, collected across records.

Templates say which fields feed which collection with a field key,
``collect = "themes" | "feed-up" | "good-practice"`` (docs/templates.md); no
field id is hard-coded here. A record or one of its case discussions can
also be *marked* as good practice with a short note.

The highlights export lists what was collected in a period for an
improvement meeting or a principal social worker. It carries no child's
details, no wellbeing content and no personal content about a worker:

- only fields a template marked ``collect`` appear, and the template loader
  accepts that key only on text fields in a ``supervision-file`` section
  (never a ``private`` or ``child-record`` one, nor a list of case
  discussions, decisions or actions);
- no names: an entry says the record's reference, date and kind, never who;
- a marked case discussion contributes only the marker's note, never the
  discussion itself;
- child references typed into free text are masked, both those matching the
  pattern setting (default: the demo's ``C-123456``) and every child
  reference the vault knows from case discussions, decisions and actions;
  names of workers the vault knows are masked too.

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

Collection = Literal["themes", "feed-up", "good-practice"]
COLLECTIONS: tuple[Collection, ...] = ("themes", "feed-up", "good-practice")
COLLECTION_TITLES: dict[Collection, str] = {
    "themes": "Learning themes",
    "feed-up": "Items to feed up to management",
    "good-practice": "Good practice",
}
DEFAULT_CHILD_PATTERN = r"\bC-\d{6}\b"
CHILD_MASK = "[child]"
PERSON_MASK = "[person]"
NOTE_MAX = 280


class HighlightsError(ValueError):
    """A highlights export that cannot be made; the message says why, in plain words."""


@dataclass(frozen=True)
class GoodPracticeMark:
    """A record, or one case discussion in it, marked as good practice."""

    id: str
    record_id: str
    case_discussion_id: str | None
    note: str
    marked_on: date


def check_note(note: str) -> str:
    """The note trimmed, or :class:`HighlightsError` if it is empty or too long."""
    text = " ".join(note.split())
    if not text:
        raise HighlightsError("Say in a few words what the good practice was.")
    if len(text) > NOTE_MAX:
        raise HighlightsError(f"The note can be at most {NOTE_MAX} characters.")
    return text


@dataclass(frozen=True)
class Highlight:
    collection: Collection
    held_on: date
    reference: str
    kind: str
    source: str  # the field's label, or "Marked as good practice"
    text: str


class Masker:
    """Masks child references and known names in free text."""

    def __init__(
        self, pattern: str, child_refs: Iterable[str] = (), names: Iterable[str] = ()
    ) -> None:
        try:
            self._pattern = re.compile(pattern) if pattern else None
        except re.error as exc:
            raise HighlightsError(
                f"The child reference pattern setting is not a valid pattern: {exc.msg}."
            ) from None
        self._refs = _literal(child_refs)
        self._names = _literal(names, whole_words=True)

    def __call__(self, text: str) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(CHILD_MASK, text)
        if self._refs is not None:
            text = self._refs.sub(CHILD_MASK, text)
        if self._names is not None:
            text = self._names.sub(PERSON_MASK, text)
        return text


def _literal(values: Iterable[str], *, whole_words: bool = False) -> re.Pattern[str] | None:
    words = sorted({v.strip() for v in values if len(v.strip()) >= 2}, key=len, reverse=True)
    if not words:
        return None
    body = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if whole_words else body, re.IGNORECASE)


def name_parts(names: Iterable[str]) -> list[str]:
    """Full names and each part of three letters or more ("Dana", "Fictional")."""
    found: list[str] = []
    for name in names:
        found.append(name)
        found.extend(part for part in re.split(r"[\s,]+", name) if len(part) >= 3)
    return found


def masked(items: Sequence[Highlight], mask: Masker) -> list[Highlight]:
    return [
        Highlight(i.collection, i.held_on, i.reference, i.kind, i.source, mask(i.text))
        for i in items
        if i.text.strip()
    ]


def ordered(items: Iterable[Highlight]) -> list[Highlight]:
    rank = {c: n for n, c in enumerate(COLLECTIONS)}
    return sorted(items, key=lambda i: (rank[i.collection], i.held_on, i.reference, i.source))


CSV_HEADER = ("collection", "held_on", "reference", "kind", "from", "text")


def highlights_csv(items: Sequence[Highlight]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for i in items:
        writer.writerow(
            (
                COLLECTION_TITLES[i.collection],
                i.held_on.isoformat(),
                i.reference,
                i.kind,
                i.source,
                " ".join(i.text.split()),
            )
        )
    return buffer.getvalue()
