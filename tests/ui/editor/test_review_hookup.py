"""From the editor to sealing: everything saved first, and the form locks once sealed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from supnotes.services.sealing import Acknowledgement, seal_record
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.settings_store import SettingsStore
from tests.ui.editor.conftest import WORKER, Setup, text_field
from tests.ui.helpers import type_text


def test_review_saves_what_was_just_typed_before_asking(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    type_text(text_field(editor, "agenda.items"), "the last sentence before review")
    with qtbot.waitSignal(setup.editors.review_requested, timeout=3000) as asked:
        editor.review_action.trigger()
    assert asked.args == [editor.record_id]
    saved = RecordRepository(setup.vault).get(editor.record_id).record
    assert saved.answer("agenda.items") == "the last sentence before review"


def test_a_sealed_record_locks_its_open_editor(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    type_text(text_field(editor, "agenda.items"), "agreed and sealed")
    assert editor.save_now(), editor.message.text()
    SettingsStore(setup.vault).set("profile.name", "Sam Okafor")
    seal_record(
        setup.vault,
        editor.record_id,
        Acknowledgement(typed_name=WORKER.name, has_read=True, agrees=True),
    )
    setup.editors.record_sealed(editor.record_id)
    assert editor.record.is_signed
    assert editor.banner.isVisibleTo(editor)
    assert text_field(editor, "agenda.items").isReadOnly()
    assert not editor.save_action.isEnabled()


def test_a_signed_record_offers_no_suggestion_and_no_editing_keys(
    qtbot: QtBot, setup: Setup
) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    editor.show()
    qtbot.waitExposed(editor)
    header = editor.header
    assert header.use_suggestion.isVisibleTo(editor)  # a draft is offered one
    assert "Ctrl+Shift+K" in editor.hint_line.full_text
    type_text(text_field(editor, "agenda.items"), "agreed and sealed")
    assert editor.save_now(), editor.message.text()
    SettingsStore(setup.vault).set("profile.name", "Sam Okafor")
    seal_record(
        setup.vault,
        editor.record_id,
        Acknowledgement(typed_name=WORKER.name, has_read=True, agrees=True),
    )
    setup.editors.record_sealed(editor.record_id)
    assert not header.use_suggestion.isVisibleTo(editor)
    assert not header.suggestion.isVisibleTo(editor)
    line = editor.hint_line.full_text
    assert "Ctrl+Shift+K" not in line
    assert "Insert" not in line
    assert "review, export and print" in line
