"""Templates as data: the sections and fields a record is written in.

A template is parsed from TOML (see :mod:`supnotes.domain.template_loader`
and ``docs/templates.md``). Each section declares who may read it: the
child's record, the worker's supervision file, or the supervisor only.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from supnotes.domain.records import RecordKind, answer_key


class Audience(enum.StrEnum):
    """Where a section's content may go."""

    CHILD_RECORD = "child-record"  # case direction: the child's file and the supervision file
    SUPERVISION_FILE = "supervision-file"  # the worker's supervision file
    PRIVATE = "private"  # the supervisor's own notes; still disclosable on request


class FieldKind(enum.StrEnum):
    TEXT = "text"
    SHORT_TEXT = "short-text"
    DATE = "date"
    TIME = "time"
    CHOICE = "choice"
    SCALE = "scale"
    CHECKBOX = "checkbox"
    PERSON = "person"
    CASE_DISCUSSIONS = "case-discussions"
    ACTIONS = "actions"
    DECISIONS = "decisions"
    ATTENDEES = "attendees"
    PREVIOUS_ACTIONS = "previous-actions"

    @property
    def is_list(self) -> bool:
        """True for the structured lists, which live in their own tables, not in answers."""
        return self in LIST_KINDS


LIST_KINDS = frozenset(
    {
        FieldKind.CASE_DISCUSSIONS,
        FieldKind.ACTIONS,
        FieldKind.DECISIONS,
        FieldKind.ATTENDEES,
        FieldKind.PREVIOUS_ACTIONS,
    }
)

# Lists whose entries carry a child reference: they reach that child's record
# from whichever section holds them, so no template may make them private.
CHILD_TAGGED = frozenset(
    {
        FieldKind.CASE_DISCUSSIONS,
        FieldKind.ACTIONS,
        FieldKind.DECISIONS,
        FieldKind.PREVIOUS_ACTIONS,
    }
)


@dataclass(frozen=True, slots=True)
class Field:
    """One question on the form.

    ``prompts`` are the reflective questions shown beside a text field;
    ``options`` the choices of a choice field; ``minimum``/``maximum`` and
    ``scale_labels`` the ends of a scale.
    """

    id: str
    kind: FieldKind
    label: str
    prompts: tuple[str, ...] = ()
    help: str = ""
    required: bool = False
    options: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 10
    scale_labels: tuple[str, ...] = ()
    # Which collection the answer feeds: "themes", "feed-up" or "good-practice"
    # (supnotes.domain.highlights); None for most fields.
    collect: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    audience: Audience
    guidance: str = ""
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class Template:
    """A record form, identified by ``id`` and ``version`` together.

    ``source`` is the TOML text it was read from: the vault keeps a copy of
    every version a record uses, so a record renders with its version for ever.
    """

    id: str
    version: int
    title: str
    kind: RecordKind
    sections: tuple[Section, ...]
    guidance: str = ""
    source: str = field(default="", compare=False, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def fields(self) -> Iterator[tuple[Section, Field]]:
        for section in self.sections:
            for item in section.fields:
                yield section, item

    def field(self, key: str) -> Field | None:
        """The field an answer key names, or None."""
        for section, item in self.fields():
            if answer_key(section.id, item.id) == key:
                return item
        return None

    def answer_keys(self) -> list[str]:
        """Keys of the simple (non-list) fields, in form order."""
        return [answer_key(s.id, f.id) for s, f in self.fields() if not f.kind.is_list]

    def section_of_list(self, kind: FieldKind) -> Section | None:
        """The section holding a structured list (each list appears at most once)."""
        for section, item in self.fields():
            if item.kind is kind:
                return section
        return None

    def has_list(self, kind: FieldKind) -> bool:
        return self.section_of_list(kind) is not None
