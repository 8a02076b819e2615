"""Masking third parties in a subject-access pack (docs/subject-access.md).

Pure: it works on the export document (:mod:`supnotes.domain.export_format`)
as built for one worker. In every group record, each child reference and
each other person's name is replaced, in every field where it occurs (free
text included), by a stable token: the same child is ``[child 1]`` in every
record of the pack, the same colleague ``[worker 2]``. Each replacement is
listed (:class:`Masking`) so that a person can review it; the list never
holds the value that was masked, only where and by which token.

What is searched for, in every string of a group record:

- the children: every ``child_ref`` the record holds, and every child
  reference known anywhere in the vault (a reference typed into a
  reflection about another child is caught too);
- the people: the record's other attendees, and every other worker in the
  vault, by full name and by each name alone, hyphenated parts included and
  titles left out (a colleague called "Priya" or "Ms Halloran" in the
  reflections); accents in either Unicode form, apostrophes straight or curly.
  A part of a name the subject shares is left alone, and one two people share
  is masked as ``[worker]`` without a number.

The worker's own name is kept, and so is the supervisor's: they chair or
run the sessions, sign every copy, and act in their professional role.

Whole names and references match in any case; a first or last name alone
matches only as written in the name (capitalised), so a colleague called
Will Hart does not mask "we will". Every match respects word edges, so
"Sam" never masks "Samuel" nor "sample".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

CHILD = "child reference"
WORKER = "another person's name"
AMBIGUOUS_FIRST_NAME = "[worker]"

# Keys whose values are identifiers, hashes, dates or fixed words: never text.
_NOT_TEXT = frozenset(
    {
        "id",
        "record_id",
        "action_id",
        "addendum_id",
        "template_id",
        "worker_id",
        "closed_in",
        "sha256",
        "sealed_sha256",
        "cites_sha256",
        "file",
        "kind",
        "status",
        "role",
        "level",
        "output",
        "prior_status",
        "outcome",
        "reference",
        "held_on",
        "start_time",
        "end_time",
        "next_date",
        "created_at",
        "updated_at",
        "signed_at",
        "acknowledged_at",
        "added_on",
        "due_on",
        "revised_due_on",
        "review_date",
        "decided_on",
    }
)


@dataclass(frozen=True, slots=True)
class Masking:
    """One field of one record where something was masked."""

    reference: str  # the record's printed reference
    held_on: str  # its date, YYYY-MM-DD
    where: str  # the field inside the record, as a JSON path: "answers.reflection.ideas"
    what: str  # CHILD or WORKER
    token: str  # what the reader sees instead: "[child 1]"


@dataclass
class Tokens:
    """Stable tokens for the whole pack, numbered in order of first use."""

    children: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    def child(self, ref: str) -> str:
        key = _name_key(ref)
        if key not in self.children:
            self.children[key] = f"[child {len(self.children) + 1}]"
        return self.children[key]

    def person(self, name: str) -> str:
        key = _name_key(name)
        if key not in self.people:
            self.people[key] = f"[worker {len(self.people) + 1}]"
        return self.people[key]


# Apostrophes typed one way in a name and another in the text (a straight or a curly one).
_APOSTROPHES = "'\u2019\u2018\u02bc"
_ANY_APOSTROPHE = "[" + _APOSTROPHES + "]"
# Words before a name that are not part of it ("Dr Kwame Mensah").
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"})


def _nfc(text: str) -> str:
    """One form for accented letters: "Zoë" typed as e + combining diaeresis is "Zoë"."""
    return unicodedata.normalize("NFC", text)


def _straight(text: str) -> str:
    """``text`` in NFC with every apostrophe written ' (for looking names up)."""
    folded = _nfc(text)
    for mark in _APOSTROPHES[1:]:
        folded = folded.replace(mark, "'")
    return folded


def _name_key(name: str) -> str:
    return " ".join(_straight(name).split()).casefold()


def _words(name: str) -> list[str]:
    """The parts of a name a colleague may be called by: each word and each part of a
    hyphenated one, without titles ("Dr Zoë Núñez-Ødegård": Zoë, Núñez, Ødegård,
    Núñez-Ødegård)."""
    words = [w for w in _nfc(name).split() if w.rstrip(".").casefold() not in _TITLES]
    parts = [p for w in words if "-" in w for p in w.split("-")]
    return [*words, *parts]


def _name_parts(names: Iterable[str], subject: str) -> dict[str, str | None]:
    """Each other person's names and surnames (3+ letters, capitalised), as written and
    in capitals, mapped to their full name; None when two people share it. A part of a
    kept name is left out."""
    own = {_name_key(w) for w in _words(subject)}
    found: dict[str, str | None] = {}
    for name in names:
        words = _words(name)
        if len(_nfc(name).split()) < 2 and "-" not in name:
            continue
        for word in {*words, *(w.upper() for w in words)}:
            if len(word) < 3 or not word[:1].isupper() or _name_key(word) in own:
                continue
            known = found.get(_straight(word), name)
            same = known is not None and _name_key(known) == _name_key(name)
            found[_straight(word)] = name if same else None
    return found


def _escaped(part: str) -> str:
    return "".join(_ANY_APOSTROPHE if c in _APOSTROPHES else re.escape(c) for c in part)


def _pattern(words: Iterable[str], *, any_case: bool = True) -> re.Pattern[str] | None:
    unique = sorted({_nfc(w) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not unique:
        return None
    # A space in a name matches any run of white space (two spaces, a line break).
    alternatives = "|".join(r"\s+".join(_escaped(part) for part in w.split()) for w in unique)
    flags = re.IGNORECASE if any_case else 0
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


class Masker:
    """Masks the group records of one worker's export document, in place of a copy."""

    def __init__(
        self,
        subject_id: str,
        subject_name: str,
        other_people: Sequence[str],
        known_children: Sequence[str],
        supervisor: str = "",
    ) -> None:
        self.subject_id = subject_id
        self.subject_name = subject_name
        # Kept: the worker, and the supervisor who runs the sessions and signs every copy.
        self.kept = {_name_key(n) for n in (subject_name, supervisor) if n.strip()}
        self.other_people = [n for n in other_people if _name_key(n) not in self.kept]
        self.known_children = [c for c in known_children if c.strip()]
        self.tokens = Tokens()
        self.maskings: list[Masking] = []

    # -- a whole document ---------------------------------------------------------

    def mask_document(self, document: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``document`` with every group record masked."""
        records = [
            self.mask_record(r) if r.get("kind") == "group" else r for r in document["records"]
        ]
        return {**document, "records": records}

    # -- one record ---------------------------------------------------------------

    def mask_record(self, record: dict[str, Any]) -> dict[str, Any]:
        ref, day = str(record["reference"]), str(record["held_on"])
        people = list(self.other_people)
        masked: dict[str, Any] = dict(record)
        attendees = []
        for index, attendee in enumerate(record.get("attendees", [])):
            name = str(attendee["name"])
            if attendee.get("worker_id") == self.subject_id or _name_key(name) in self.kept:
                attendees.append(attendee)
                continue
            people.append(name)
            token = self.tokens.person(name)
            self._note(ref, day, f"attendees[{index}].name", WORKER, token)
            attendees.append({**attendee, "name": token, "worker_id": None})
        masked["attendees"] = attendees
        children = list(self.known_children)
        _collect_child_refs(record, children)
        replace = self._replacer(people, children)
        for key, value in record.items():
            if key == "attendees":
                continue
            masked[key] = self._walk(value, key, replace, ref, day)
        return masked

    def _replacer(self, people: list[str], children: list[str]) -> _Replacer:
        first = _name_parts(people, " ".join(self.kept))
        return _Replacer(self.tokens, people, children, first)

    def _walk(self, value: Any, path: str, replace: _Replacer, ref: str, day: str) -> Any:
        leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
        if isinstance(value, dict):
            return {k: self._walk(v, f"{path}.{k}", replace, ref, day) for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, f"{path}[{i}]", replace, ref, day) for i, v in enumerate(value)]
        if not isinstance(value, str) or not value or leaf in _NOT_TEXT:
            return value
        if leaf == "child_ref":
            token = self.tokens.child(value)
            self._note(ref, day, path, CHILD, token)
            return token
        text, used = replace(value)
        for what, token in used:
            self._note(ref, day, path, what, token)
        return text

    def _note(self, ref: str, day: str, where: str, what: str, token: str) -> None:
        entry = Masking(ref, day, where, what, token)
        if entry not in self.maskings:
            self.maskings.append(entry)


def _collect_child_refs(value: Any, into: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "child_ref" and isinstance(item, str) and item.strip():
                into.append(item)
            else:
                _collect_child_refs(item, into)
    elif isinstance(value, list):
        for item in value:
            _collect_child_refs(item, into)


class _Replacer:
    """Replaces children's references and people's names in one string."""

    def __init__(
        self,
        tokens: Tokens,
        people: list[str],
        children: list[str],
        first: dict[str, str | None],
    ) -> None:
        self._tokens = tokens
        self._people = {_name_key(n): n for n in people}
        self._children = {_name_key(c) for c in children}
        self._first = first
        # Whole names and references in any case; a first or last name alone only as a
        # name is written (capitalised), so "Will Hart" does not mask "we will".
        self._whole = _pattern([*(c.strip() for c in children), *people])
        self._parts = _pattern(first, any_case=False)

    def __call__(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        used: list[tuple[str, str]] = []
        text = _nfc(text)

        def swap(match: re.Match[str]) -> str:
            found = match.group(0)
            key = _name_key(found)
            if key in self._children:
                token, what = self._tokens.child(found), CHILD
            elif key in self._people:
                token, what = self._tokens.person(self._people[key]), WORKER
            else:
                full = self._first.get(_straight(found))
                token = AMBIGUOUS_FIRST_NAME if full is None else self._tokens.person(full)
                what = WORKER
            if (what, token) not in used:
                used.append((what, token))
            return token

        for pattern in (self._whole, self._parts):
            if pattern is not None:
                text = pattern.sub(swap, text)
        return text, used
