"""Continuity of actions, and what each output audience may see."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from supnotes.domain.actions import Action, ActionStatus, apply_review, start_review
from supnotes.domain.cases import CaseDiscussion
from supnotes.domain.content import RecordContent
from supnotes.domain.decisions import Decision
from supnotes.domain.outputs import (
    SUPERVISION_FILE_COPY,
    ExtractIncomplete,
    child_record_extract,
    entries_about,
    sections_for,
)
from supnotes.domain.records import Record, RecordKind
from supnotes.domain.template_loader import TemplateError, default_library, parse_template
from supnotes.domain.templates import Audience, FieldKind


def _action(aid: str, raised_in: str, due: date | None, status: ActionStatus) -> Action:
    return Action(aid, raised_in, f"do {aid}", due_on=due, status=status)


def test_a_new_record_reviews_every_open_action_from_earlier_ones() -> None:
    actions = [
        _action("a", "r1", date(2026, 2, 1), ActionStatus.OPEN),
        _action("b", "r1", date(2026, 1, 1), ActionStatus.CARRIED_FORWARD),
        _action("c", "r1", None, ActionStatus.DONE),
        _action("d", "r2", None, ActionStatus.OPEN),
    ]
    reviews = start_review(actions, "r2")
    assert [r.action_id for r in reviews] == ["b", "a"]
    assert all(r.outcome is None for r in reviews)


def test_review_outcomes_move_the_action_and_can_be_undone() -> None:
    action = _action("a", "r1", date(2026, 2, 1), ActionStatus.OPEN)
    (review,) = start_review([action], "r2")
    done, review = apply_review(action, review, ActionStatus.DONE, note="sent")
    assert (done.status, done.closed_in, review.note) == (ActionStatus.DONE, "r2", "sent")
    carried, review = apply_review(
        done, review, ActionStatus.CARRIED_FORWARD, new_due_on=date(2026, 3, 1)
    )
    assert carried.is_open
    assert carried.closed_in is None
    assert carried.effective_due_on == date(2026, 3, 1)
    assert carried.due_on == date(2026, 2, 1)
    restored, review = apply_review(carried, review, None)
    assert restored.status is ActionStatus.OPEN
    assert review.outcome is None
    with pytest.raises(ValueError, match="outcome"):
        apply_review(restored, review, ActionStatus.OPEN)


def test_overdue_needs_an_open_action_past_its_due_date() -> None:
    action = _action("a", "r1", date(2026, 2, 1), ActionStatus.OPEN)
    assert not action.is_overdue(date(2026, 2, 1))
    assert action.is_overdue(date(2026, 2, 2))
    assert not _action("a", "r1", date(2026, 2, 1), ActionStatus.DONE).is_overdue(date(2027, 1, 1))


def _session() -> RecordContent:
    record = Record(
        id="r",
        reference="SN-2026-0001",
        kind=RecordKind.ONE_TO_ONE,
        template_id="one-to-one",
        template_version=1,
        held_on=date(2026, 3, 2),
        worker_id="w",
        answers={
            "wellbeing.wellbeing": "Tired after court.",
            "notes.notes": "Private thought.",
        },
    )
    return RecordContent(
        record,
        case_discussions=(
            CaseDiscussion("c1", "r", "C-100001", decision="Strategy meeting"),
            CaseDiscussion("c2", "r", "C-100002", decision="Close"),
        ),
        decisions=(Decision("d1", "r", "C-100001", "Strategy meeting"),),
        actions=(Action("a1", "r", "Chronology", child_ref="C-100001"), Action("a2", "r", "CPD")),
    )


def test_supervision_file_copy_leaves_out_private_notes() -> None:
    template = default_library().get("one-to-one")
    views = sections_for(template, _session(), SUPERVISION_FILE_COPY)
    assert {v.section.audience for v in views} == {
        Audience.CHILD_RECORD,
        Audience.SUPERVISION_FILE,
    }
    answers = [f.answer for v in views for f in v.fields]
    assert "Tired after court." in answers
    assert "Private thought." not in answers
    everything = sections_for(template, _session(), set(Audience))
    assert "Private thought." in [f.answer for v in everything for f in v.fields]


def test_child_record_extract_holds_everything_tagged_with_the_child() -> None:
    template = default_library().get("one-to-one")
    extract = child_record_extract(template, _session(), "C-100001")
    # The one-to-one keeps its actions on the supervision file; the child's
    # action still reaches the child's record, the untagged one does not.
    assert [v.section.id for v in extract.sections] == ["cases", "actions"]
    entries = [e for v in extract.sections for f in v.fields for e in f.entries]
    assert [getattr(e, "id", None) for e in entries] == ["c1", "d1", "a1"]
    answers = [f.answer for v in extract.sections for f in v.fields]
    assert "Tired after court." not in answers
    assert not extract.is_empty
    assert set(extract.entries) == set(entries_about(_session(), "C-100001"))
    assert child_record_extract(template, _session(), "C-999999").is_empty


def test_an_extract_never_leaves_out_an_entry_about_its_child() -> None:
    # A template with nowhere to put the child's action: refused, never silent.
    template = default_library().get("supervision-agreement")
    content = _session()
    record = replace(content.record, template_id=template.id)
    only_action = RecordContent(
        record, actions=(Action("a1", "r", "Chronology", child_ref="C-100001"),)
    )
    with pytest.raises(ExtractIncomplete, match="C-100001"):
        child_record_extract(template, only_action, "C-100001")


def test_a_template_cannot_make_a_childs_entries_private() -> None:
    text = """
id = "t"
version = 1
title = "T"
kind = "one-to-one"

[[sections]]
id = "mine"
title = "Mine"
audience = "private"

[[sections.fields]]
id = "actions"
kind = "actions"
label = "Actions"
"""
    with pytest.raises(TemplateError, match="cannot be in a private section"):
        parse_template(text, "t.toml")


def test_ad_hoc_extract_includes_answers_when_about_one_child() -> None:
    template = default_library().get("ad-hoc-decision")
    record = Record(
        id="r",
        reference="SN-2026-0002",
        kind=RecordKind.AD_HOC,
        template_id=template.id,
        template_version=1,
        held_on=date(2026, 3, 2),
        worker_id="w",
        answers={"decision.trigger": "School rang."},
    )
    content = RecordContent(record, decisions=(Decision("d", "r", "C-1", "No further action"),))
    extract = child_record_extract(template, content, "C-1")
    answers = [f.answer for v in extract.sections for f in v.fields]
    assert "School rang." in answers
    assert template.section_of_list(FieldKind.DECISIONS) is not None
