"""Canaries in every field of every built-in template: exactly who gets to read each.

A record of each template gets a unique word in every text answer, every
case-discussion field, every decision, action and review of an earlier
action (tagged to child A, child B, or to no child), the private notes,
the wellbeing section and the supervisee's comments. The supervision-file
copy and each child's extract are rendered and read back with pypdf and
with poppler's pdftotext; each canary must be printed exactly where its
owner's content belongs, and nowhere else.
"""

from __future__ import annotations

import re

import pytest

from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.domain.templates import FieldKind, Template
from supnotes.pdf.record_parts import long_date
from supnotes.pdf.record_view import NOTHING_RECORDED, child_extract, supervision_file_copy
from supnotes.pdf.render import render_pdf
from tests.pdf.canary_record import (
    CHILD_A,
    CHILD_ANSWER,
    CHILD_ANSWER_DATE,
    CHILD_B,
    FILE,
    HELD_ON,
    NEXT_DATE,
    PRESENTER,
    PRIVATE,
    REFERENCE,
    REVIEW_A,
    REVIEW_B,
    SUPERVISOR,
    WORKER,
    WORKER_ROLE,
    Canaries,
    canary_record,
)
from tests.pdf.text import pages_text, pdftotext
from tests.tools import need_command

TEMPLATES = [
    "one-to-one",
    "asye-supervision",
    "group-reflecting-team",
    "group-signs-of-safety",
    "ad-hoc-decision",
    "supervision-agreement",
]


@pytest.fixture(scope="module")
def library() -> TemplateLibrary:
    return default_library()


def _readings(pdf: bytes) -> dict[str, str]:
    """The text as each independent reader sees it."""
    need_command("pdftotext", "poppler-utils")
    poppler = pdftotext(pdf)
    assert poppler is not None
    return {"pypdf": "\n".join(pages_text(pdf)), "pdftotext": poppler}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_present(readings: dict[str, str], words: list[str], where: str) -> None:
    for reader, text in readings.items():
        absent = [w for w in words if w not in text]
        assert not absent, f"{reader}: missing from {where}: {absent}"


def _assert_absent(readings: dict[str, str], words: list[str], where: str) -> None:
    for reader, text in readings.items():
        flat = _squeezed(text)
        found = [w for w in words if w in text or _squeezed(w) in flat]
        assert not found, f"{reader}: must not be in {where}: {found}"


def _worker_supervision_details(template: Template) -> list[str]:
    """What belongs to the worker's own supervision, never to a child's record."""
    return [
        template.title,
        template.id,
        WORKER_ROLE,
        long_date(NEXT_DATE),
        "Next supervision",
        "09:30",
        "11:00",
        "Template",
        "Supervisee",
    ]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_canary_is_printed_exactly_where_it_belongs(
    library: TemplateLibrary, template_id: str
) -> None:
    template = library.get(template_id)
    sheet, canaries = canary_record(template)
    content = sheet.content
    assert canaries.of(PRIVATE)

    file_copy = _readings(render_pdf(supervision_file_copy(sheet)))
    _assert_present(file_copy, canaries.not_of(PRIVATE), "the supervision-file copy")
    _assert_absent(file_copy, canaries.of(PRIVATE), "the supervision-file copy")

    lists = {item.kind for _, item in template.fields()}
    tagged = lists & {FieldKind.CASE_DISCUSSIONS, FieldKind.DECISIONS, FieldKind.ACTIONS}
    expected_children = (CHILD_A, CHILD_B) if tagged else ()
    assert content.child_refs == expected_children

    for child, other in ((CHILD_A, CHILD_B), (CHILD_B, CHILD_A)):
        if child not in content.child_refs:
            continue
        where = f"the extract for {child}"
        extract = _readings(render_pdf(child_extract(sheet, child)))
        own = canaries.of(child)
        assert own, f"{template_id}: {child} has no canary of its own"
        _assert_present(extract, own, where)
        _assert_present(extract, [child, REFERENCE, long_date(HELD_ON), WORKER], where)
        _assert_present(extract, [SUPERVISOR, "Decision-maker"], where)
        _assert_absent(extract, [*canaries.of(other, FILE, PRIVATE, CHILD_ANSWER), other], where)
        _assert_absent(extract, _worker_supervision_details(template), where)
        _assert_absent(extract, [NOTHING_RECORDED], where)
        if FieldKind.CASE_DISCUSSIONS in lists:
            own_review, other_review = (
                (REVIEW_A, REVIEW_B) if child == CHILD_A else (REVIEW_B, REVIEW_A)
            )
            _assert_present(extract, [long_date(own_review)], where)
            _assert_absent(extract, [long_date(other_review)], where)
        if template.kind.value == "group":
            _assert_present(extract, [PRESENTER], where)


def test_an_ad_hoc_decision_about_one_child_brings_all_its_answers(
    library: TemplateLibrary,
) -> None:
    template = library.get("ad-hoc-decision")
    sheet, canaries = canary_record(template, children=(CHILD_A,))
    assert sheet.content.child_refs == (CHILD_A,)
    extract = _readings(render_pdf(child_extract(sheet, CHILD_A)))
    where = "the single-child ad-hoc extract"
    _assert_present(extract, canaries.of(CHILD_A, CHILD_ANSWER), where)
    _assert_present(extract, [long_date(CHILD_ANSWER_DATE)], where)
    _assert_absent(extract, canaries.of(FILE, PRIVATE), where)
    _assert_absent(extract, _worker_supervision_details(template), where)


def test_the_canaries_cover_every_field(library: TemplateLibrary) -> None:
    """A test that silently skipped a field would prove nothing about it."""
    for template in library.latest():
        _, canaries = canary_record(template)
        places = set(canaries.place.values())
        for section, item in template.fields():
            if item.kind in (FieldKind.TEXT, FieldKind.SHORT_TEXT, FieldKind.PERSON):
                assert f"{section.id}.{item.id}" in places, (template.id, item.id)
        assert isinstance(canaries, Canaries)
