"""Each built-in template's record, printed and read back: content and audience rules.

Canaries are written into every private and supervision-file text answer;
the PDFs are read back with pypdf and poppler's pdftotext.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from supnotes.domain.content import RecordContent
from supnotes.domain.demo import build_demo
from supnotes.domain.records import SuperviseeComments, answer_key
from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.domain.templates import Audience, Field, FieldKind, Template
from supnotes.pdf.record_parts import answer_text, duration, long_date
from supnotes.pdf.record_view import (
    RecordSheet,
    Signatory,
    child_extract,
    supervision_file_copy,
)
from supnotes.pdf.render import render_pdf
from tests.pdf.text import pages_text, pdftotext

PRIVATE = "PRIVATECANARYQX"
WELLBEING = "WELLBEINGCANARYQX"
TODAY = date(2026, 3, 20)


@pytest.fixture(scope="module")
def library() -> TemplateLibrary:
    return default_library()


def _with_canaries(template: Template, content: RecordContent) -> RecordContent:
    answers = dict(content.record.answers)
    for section, item in template.fields():
        if item.kind is not FieldKind.TEXT:
            continue
        if section.audience is Audience.PRIVATE:
            answers[answer_key(section.id, item.id)] = f"{PRIVATE} kept by the supervisor"
        elif section.audience is Audience.SUPERVISION_FILE:
            answers[answer_key(section.id, item.id)] = f"{WELLBEING} for the file"
    comments = SuperviseeComments(
        text="I agree; the plan is right.",
        agrees=True,
        acknowledged_name="Priya Halloran",
    )
    record = replace(content.record, answers=answers, comments=comments)
    return replace(content, record=record)


def _records(library: TemplateLibrary) -> dict[str, tuple[Template, RecordContent]]:
    """For each template, the demo record discussing the most children."""
    demo = build_demo(library, today=TODAY, history_days=365)
    best: dict[str, tuple[Template, RecordContent]] = {}
    for content in demo.records:
        record = content.record
        template = library.get(record.template_id, record.template_version)
        seen = best.get(template.id)
        if seen is None or len(content.child_refs) > len(seen[1].child_refs):
            best[template.id] = (template, _with_canaries(template, content))
    return best


def _sheet(template: Template, content: RecordContent) -> RecordSheet:
    supervisee = None if content.record.worker_id is None else Signatory("Priya Halloran")
    return RecordSheet(
        template=template,
        content=content,
        supervisor=Signatory("Helen Marchbank", "Team Manager"),
        supervisee=supervisee,
        organisation="Northmoor Council",
        fingerprint="AB:CD",
    )


def _text(pdf: bytes) -> str:
    text = "\n".join(pages_text(pdf))
    poppler = pdftotext(pdf)
    return text + "\n" + (poppler or "")


def test_every_builtin_template_has_a_demo_record(library: TemplateLibrary) -> None:
    assert set(_records(library)) == {t.id for t in library.latest()}


@pytest.mark.parametrize(
    "template_id",
    [
        "one-to-one",
        "asye-supervision",
        "group-reflecting-team",
        "group-signs-of-safety",
        "ad-hoc-decision",
        "supervision-agreement",
    ],
)
def test_outputs_keep_to_their_audience(library: TemplateLibrary, template_id: str) -> None:
    template, content = _records(library)[template_id]
    sheet = _sheet(template, content)
    file_copy = _text(render_pdf(supervision_file_copy(sheet)))
    assert content.record.reference in file_copy
    assert "OFFICIAL-SENSITIVE" in file_copy
    assert "Northmoor Council" in file_copy
    assert "Page 1 of" in file_copy
    assert PRIVATE not in file_copy
    for section in template.sections:
        if section.audience is not Audience.PRIVATE:
            assert section.title in file_copy
    for prompt in (p for _, f in template.fields() for p in f.prompts):
        assert prompt not in file_copy
    has_file_text = any(
        s.audience is Audience.SUPERVISION_FILE and f.kind is FieldKind.TEXT
        for s, f in template.fields()
    )
    assert (WELLBEING in file_copy) is has_file_text
    if content.record.worker_id is not None:
        assert "I agree; the plan is right." in file_copy

    for child in content.child_refs:
        extract = _text(render_pdf(child_extract(sheet, child)))
        assert child in extract
        assert WELLBEING not in extract
        assert PRIVATE not in extract
        assert "I agree; the plan is right." not in extract
        for other in content.child_refs:
            if other != child:
                assert other not in extract


def test_a_record_with_several_children_is_tested(library: TemplateLibrary) -> None:
    assert any(len(c.child_refs) >= 2 for _, c in _records(library).values())


def test_answers_read_as_a_person_would_say_them() -> None:
    scale = Field("s", FieldKind.SCALE, "Scale", scale_labels=("Low", "High"))
    assert answer_text(scale, 7, {}) == "7 of 10"
    assert answer_text(scale, 10, {}) == "10 of 10 \u2014 High"
    assert answer_text(Field("c", FieldKind.CHECKBOX, "C"), False, {}) == "No"
    assert answer_text(Field("c", FieldKind.CHECKBOX, "C"), True, {}) == "Yes"
    assert answer_text(Field("d", FieldKind.DATE, "D"), "2025-03-14", {}) == (
        "Friday 14 March 2025"
    )
    assert answer_text(Field("p", FieldKind.PERSON, "P"), "w1", {"w1": "Ceri Maddox"}) == (
        "Ceri Maddox"
    )
    assert answer_text(Field("t", FieldKind.TEXT, "T"), None, {}) == ""
    assert long_date(date(2025, 3, 1)) == "Saturday 1 March 2025"
    assert [duration(m) for m in (60, 90, 45)] == ["1 h", "1 h 30 min", "45 min"]


def test_a_draft_carries_the_watermark_and_no_fields(library: TemplateLibrary) -> None:
    template, content = _records(library)["one-to-one"]
    pdf = render_pdf(supervision_file_copy(replace(_sheet(template, content), draft=True)))
    assert "DRAFT" in _text(pdf)
    assert b"/FT /Sig" not in pdf
