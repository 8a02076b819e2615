"""What of a record goes where: the supervision-file copy and child-record extracts.

Screens and the PDF walk a template's sections in order; these functions
give them, for one output, only the sections and list entries that belong
there, so no caller has to remember that wellbeing never reaches a child's
record or that private notes stay with the supervisor.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from supnotes.domain.actions import Action, ActionReview
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.group import Attendee
from supnotes.domain.records import AnswerValue, Record, answer_key
from supnotes.domain.templates import (
    CHILD_TAGGED,
    Audience,
    Field,
    FieldKind,
    Section,
    Template,
)

SUPERVISION_FILE_COPY = frozenset({Audience.CHILD_RECORD, Audience.SUPERVISION_FILE})
EVERYTHING = frozenset(Audience)


@dataclass(frozen=True, slots=True)
class ReviewedAction:
    """An earlier action as reviewed in this record."""

    review: ActionReview
    action: Action


ListEntry = CaseDiscussion | Action | Decision | Attendee | ReviewedAction


@dataclass(frozen=True, slots=True)
class FieldView:
    """A field with its answer (simple kinds) or its list entries (structured kinds)."""

    field: Field
    answer: AnswerValue = None
    entries: tuple[ListEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionView:
    section: Section
    fields: tuple[FieldView, ...]


def _list_entries(
    kind: FieldKind,
    content: RecordContent,
    reviewed: Mapping[str, Action],
    child_ref: str | None,
) -> tuple[ListEntry, ...]:
    def wanted(ref: str | None) -> bool:
        return child_ref is None or ref == child_ref

    if kind is FieldKind.CASE_DISCUSSIONS:
        return tuple(c for c in content.case_discussions if wanted(c.child_ref))
    if kind is FieldKind.DECISIONS:
        return tuple(d for d in content.decisions if wanted(d.child_ref))
    if kind is FieldKind.ACTIONS:
        return tuple(a for a in content.actions if wanted(a.child_ref))
    if kind is FieldKind.ATTENDEES:
        return content.attendees if child_ref is None else ()
    if kind is FieldKind.PREVIOUS_ACTIONS:
        return tuple(
            ReviewedAction(r, reviewed[r.action_id])
            for r in content.reviews
            if r.action_id in reviewed and wanted(reviewed[r.action_id].child_ref)
        )
    raise ValueError(f"{kind} is not a list")


def sections_for(
    template: Template,
    content: RecordContent,
    audiences: Collection[Audience] = SUPERVISION_FILE_COPY,
    reviewed_actions: Mapping[str, Action] | None = None,
) -> list[SectionView]:
    """The sections of ``template`` whose audience is in ``audiences``, with their content.

    ``reviewed_actions`` maps action id to action for the record's reviews of
    earlier actions (they live in the records that raised them).
    """
    reviewed = reviewed_actions or {}
    views = []
    for section in template.sections:
        if section.audience not in audiences:
            continue
        fields = tuple(_field_view(section, f, content, reviewed, None) for f in section.fields)
        views.append(SectionView(section, fields))
    return views


def _field_view(
    section: Section,
    item: Field,
    content: RecordContent,
    reviewed: Mapping[str, Action],
    child_ref: str | None,
) -> FieldView:
    if item.kind.is_list:
        return FieldView(item, entries=_list_entries(item.kind, content, reviewed, child_ref))
    return FieldView(item, answer=content.record.answer(answer_key(section.id, item.id)))


class ExtractIncomplete(ValueError):
    """An extract would leave out an entry about its child; it is never made so."""


def entries_about(
    content: RecordContent,
    child_ref: str,
    reviewed_actions: Mapping[str, Action] | None = None,
) -> tuple[ListEntry, ...]:
    """Every list entry of the record tagged with ``child_ref``, wherever it is kept."""
    reviewed = reviewed_actions or {}
    return (
        *(c for c in content.case_discussions if c.child_ref == child_ref),
        *(d for d in content.decisions if d.child_ref == child_ref),
        *(a for a in content.actions if a.child_ref == child_ref),
        *(
            ReviewedAction(r, reviewed[r.action_id])
            for r in content.reviews
            if r.action_id in reviewed and reviewed[r.action_id].child_ref == child_ref
        ),
    )


@dataclass(frozen=True, slots=True)
class ChildRecordExtract:
    """What one child's record gets from a session: everything tagged with the child."""

    record: Record
    child_ref: str
    sections: tuple[SectionView, ...]

    @property
    def is_empty(self) -> bool:
        return not any(
            v.entries or v.answer not in (None, "") for s in self.sections for v in s.fields
        )

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        return tuple(e for s in self.sections for v in s.fields for e in v.entries)


def _in_extract(section: Section, item: Field, single_child: bool) -> bool:
    if item.kind in CHILD_TAGGED:
        return True
    return single_child and section.audience is Audience.CHILD_RECORD and not item.kind.is_list


def child_record_extract(
    template: Template,
    content: RecordContent,
    child_ref: str,
    reviewed_actions: Mapping[str, Action] | None = None,
) -> ChildRecordExtract:
    """The extract for one child: every entry tagged with the child, from any section.

    Case discussions, decisions, actions and reviews of earlier actions reach
    the child's record from whichever section holds them (a template may keep
    its actions on the supervision file; the child's actions still go to the
    child). Private sections never do (templates may not put these lists
    there). Simple answers come only from ``child-record`` sections, and only
    when the record is about this child alone (an ad-hoc decision): in a
    session discussing several children they could be about any of them.

    Raises :class:`ExtractIncomplete` if an entry about the child would be
    left out (e.g. the template has no field for it): an extract is never
    made that is silent about something recorded for its child.
    """
    reviewed = reviewed_actions or {}
    single_child = content.child_refs == (child_ref,)
    views = []
    for section in template.sections:
        if section.audience is Audience.PRIVATE:
            continue
        fields = tuple(
            _field_view(section, item, content, reviewed, child_ref)
            for item in section.fields
            if _in_extract(section, item, single_child)
        )
        if item_count(fields):
            views.append(SectionView(section, fields))
    extract = ChildRecordExtract(content.record, child_ref, tuple(views))
    shown = extract.entries
    missing = [e for e in entries_about(content, child_ref, reviewed) if e not in shown]
    if missing:
        words = {
            "CaseDiscussion": "a case discussion",
            "Decision": "a decision",
            "Action": "an action",
            "ReviewedAction": "a review of an earlier action",
        }
        kinds = sorted({words.get(type(e).__name__, "an entry") for e in missing})
        raise ExtractIncomplete(
            f"the extract for {child_ref} would leave out {' and '.join(kinds)} about "
            f"the child: the form ({template.title}) has no place for it to be printed"
        )
    return extract


def item_count(fields: tuple[FieldView, ...]) -> int:
    return sum(len(v.entries) + (v.answer not in (None, "")) for v in fields)


def outside_case_sections(extract: ChildRecordExtract) -> tuple[SectionView, ...]:
    """The parts of ``extract`` taken from sections not marked ``child-record``.

    Extracts sealed before extracts carried every entry tagged with their
    child took only ``child-record`` sections: these parts are what such an
    extract may have left out (the actions, in the one-to-one and ASYE
    templates, and reviews of earlier actions).
    """
    return tuple(s for s in extract.sections if s.section.audience is not Audience.CHILD_RECORD)


def entry_words(entry: ListEntry) -> str:
    """The words that identify an entry on paper (to look for it in a printed copy)."""
    if isinstance(entry, ReviewedAction):
        return entry.action.text
    if isinstance(entry, Action):
        return entry.text
    if isinstance(entry, Decision):
        return entry.decision
    if isinstance(entry, CaseDiscussion):
        return " ".join(entry.text_parts()[1:])
    return entry.name


def keep_entries(
    sections: tuple[SectionView, ...], keep: Callable[[ListEntry], bool]
) -> tuple[SectionView, ...]:
    """``sections`` with only the list entries ``keep`` accepts (simple answers dropped)."""
    kept = []
    for view in sections:
        fields = tuple(
            FieldView(f.field, entries=tuple(e for e in f.entries if keep(e)))
            for f in view.fields
            if f.field.kind.is_list
        )
        if item_count(fields):
            kept.append(SectionView(view.section, fields))
    return tuple(kept)
