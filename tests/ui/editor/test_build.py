"""Every built-in template makes an editor with an input for every field."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.domain.templates import FieldKind
from tests.ui.editor.conftest import WORKER, Setup

TEMPLATE_IDS = sorted({t.id for t in default_library().latest()})


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_builtin_template_opens(
    qtbot: QtBot, setup: Setup, library: TemplateLibrary, template_id: str
) -> None:
    editor = setup.editors.new_record(WORKER.id, template_id)
    qtbot.addWidget(editor)
    template = library.get(template_id)
    assert set(editor.form.inputs) == set(template.answer_keys())
    assert (editor.form.cases is not None) == template.has_list(FieldKind.CASE_DISCUSSIONS)
    assert (editor.form.actions is not None) == template.has_list(FieldKind.ACTIONS)
    assert (editor.form.attendees is not None) == template.has_list(FieldKind.ATTENDEES)
    assert editor.outline.count() == len(template.sections) + 1
    tags = {panel.tag.text() for _s, panel in editor.form.panels}
    assert tags <= {"child's record", "supervision file", "private"}
