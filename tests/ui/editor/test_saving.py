"""Autosave under trouble: a read-only vault mid-session, locking, closing, odd text."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordStatus
from supnotes.ui.editor import saving
from supnotes.ui.editor.autosave import Autosave
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE
from tests.ui.editor.conftest import WORKER, Setup, text_field
from tests.ui.helpers import type_text


def _answer(vault: Vault, record_id: str, key: str) -> object:
    return RecordRepository(vault).get(record_id).record.answer(key)


def test_read_only_vault_keeps_the_text_and_saves_once_writable(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    field = text_field(editor, "agenda.items")
    # SQLite refuses every write from now on, as on a read-only or ejected drive.
    setup.vault.conn.execute("PRAGMA query_only = ON")
    with qtbot.waitSignal(editor.autosave.failed, timeout=3000) as failed:
        type_text(field, "Worker raised a concern about the rota")
    assert "cannot write" in str(failed.args[0]).lower()
    assert "what you typed is kept" in str(failed.args[0]).lower()  # said here, not by the vault
    assert editor.message_bar.isVisibleTo(editor)
    assert "Not saved" in editor.message.text()
    assert editor.indicator.text() == "Not saved"
    assert editor.form.inputs["agenda.items"].value() == "Worker raised a concern about the rota"
    type_text(field, ".")  # more typing while failing is kept too

    setup.vault.conn.execute("PRAGMA query_only = OFF")
    with qtbot.waitSignal(editor.autosave.recovered, timeout=8000):
        editor.autosave.flush()
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    assert not editor.message_bar.isVisibleTo(editor)
    assert _answer(setup.vault, editor.record_id, "agenda.items") == (
        "Worker raised a concern about the rota."
    )


def test_locking_saves_what_was_just_typed(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    record_id = editor.record_id
    folder = setup.vault.paths.folder
    type_text(text_field(editor, "notes.notes"), "typed a moment before the lock")
    assert editor.autosave.pending  # the timer has not fired yet
    setup.lock.lock()
    assert setup.lock.vault is None
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert _answer(vault, record_id, "notes.notes") == "typed a moment before the lock"
    assert setup.lock.lock_dialog is not None
    setup.lock.lock_dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(setup.lock.unlocked, timeout=10_000):
        setup.lock.lock_dialog.try_passphrase()
    type_text(text_field(editor, "notes.notes"), "!")
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    assert _answer(setup.vault, record_id, "notes.notes") == "typed a moment before the lock!"


def test_closing_saves_at_once(setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "asye-supervision")
    key = next(k for k, i in editor.form.inputs.items() if i.field.kind.value == "text")
    type_text(text_field(editor, key), "closing straight away")
    editor.close()
    saved = RecordRepository(setup.vault).get(editor.record_id).record
    assert "closing straight away" in saved.answers.values()


def test_odd_text_and_a_huge_paste(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    field = text_field(editor, "workload.workload-notes")
    data = QMimeData()
    data.setHtml("<b>bold</b> a\x00b שלום 👩🏽‍⚕️")
    field.insertFromMimeData(data)
    huge = QMimeData()
    huge.setText("x" * 10_000_000)
    with qtbot.waitSignal(field.paste_refused, timeout=1000):
        field.insertFromMimeData(huge)
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    saved = _answer(setup.vault, editor.record_id, "workload.workload-notes")
    assert saved == "bold ab שלום 👩🏽‍⚕️"
    assert "\x00" not in str(saved)


def test_a_signed_record_opens_read_only(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    record_id = editor.record_id
    type_text(text_field(editor, "agenda.items"), "signed text")
    editor.close()
    RecordRepository(setup.vault).sign(record_id)
    signed = setup.editors.open_editor(record_id)
    assert signed.record.status is RecordStatus.SIGNED
    assert signed.banner.isVisibleTo(signed)
    assert "changes are addenda" in signed.banner.text()
    text = text_field(signed, "agenda.items")
    assert text.isReadOnly()
    assert signed.form.cases is not None
    assert not signed.form.cases.add_button.isEnabled()


def test_a_record_signed_elsewhere_opens_read_only_and_says_so(qtbot: QtBot, setup: Setup) -> None:
    """Imported signed without its sealed PDFs: locked, and plain that the copy is not here."""
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    record_id = editor.record_id
    type_text(text_field(editor, "agenda.items"), "signed in another vault")
    editor.close()
    with setup.vault.transaction() as conn:
        conn.execute(
            "UPDATE record SET status = 'signed-elsewhere', signed_at = ?, sealed_sha256 = ? "
            "WHERE id = ?",
            ("2026-02-02T10:25:00+00:00", "3f" * 32, record_id),
        )
    opened = setup.editors.open_editor(record_id)
    assert opened.record.status is RecordStatus.SIGNED_ELSEWHERE
    assert opened.banner.text().startswith("Signed copy held elsewhere")
    assert text_field(opened, "agenda.items").isReadOnly()
    assert "Signed copy held elsewhere" in opened.header.about.text()
    opened.request_review()
    assert "cannot be sealed or exported here" in opened.statusBar().currentMessage()


def test_autosave_writes_in_order_and_never_overlaps(qtbot: QtBot, setup: Setup) -> None:
    template = setup.context.library.get("one-to-one")
    records = RecordRepository(setup.vault)
    record_id = records.create(template, worker_id=WORKER.id, held_on=date.today()).record.id
    autosave = Autosave(lambda: setup.vault)
    values = [f"version {n}" for n in range(30)]
    for value in values:
        autosave.mark_write("agenda", saving.answer(record_id, "agenda.items", value))
        autosave.flush()
    qtbot.waitUntil(lambda: not autosave.pending, timeout=5000)
    assert _answer(setup.vault, record_id, "agenda.items") == "version 29"


def test_leaving_a_field_saves_without_waiting(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    editor.autosave.set_delay_ms(60_000)  # only the focus change can save now
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    first = text_field(editor, "agenda.items")
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    type_text(first, "left by Tab")
    QTest.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=2000)
    assert _answer(setup.vault, editor.record_id, "agenda.items") == "left by Tab"


def test_undo_and_redo_within_a_field_are_saved(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    field = text_field(editor, "notes.notes")
    type_text(field, "first")
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    field.selectAll()
    type_text(field, "second")
    field.undo()
    assert field.text() == "first"
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    assert _answer(setup.vault, editor.record_id, "notes.notes") == "first"
    field.redo()
    qtbot.waitUntil(lambda: not editor.autosave.pending, timeout=3000)
    assert _answer(setup.vault, editor.record_id, "notes.notes") == "second"


def test_closing_while_unable_to_save_asks_and_keeps_the_window(
    qtbot: QtBot, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    editor.show()
    setup.vault.conn.execute("PRAGMA query_only = ON")
    type_text(text_field(editor, "notes.notes"), "must not be lost")
    asked: list[str] = []

    def keep_open(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", keep_open)
    editor.close()
    assert asked == ["Some of this record could not be saved."]
    assert editor.isVisible()
    assert editor.record_id in setup.editors.windows
    setup.vault.conn.execute("PRAGMA query_only = OFF")
    editor.close()
    assert not editor.isVisible()
    assert _answer(setup.vault, editor.record_id, "notes.notes") == "must not be lost"
