"""Spell-check in the editor, the vault's personal dictionary, the Tab walk, Ctrl+D."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.records import RecordKind
from supnotes.domain.typed_dates import parse_day
from supnotes.spelling import HunspellEngine
from supnotes.ui.common.actions import build_actions
from supnotes.ui.editor.attendees import AttendeesModel
from supnotes.ui.editor.launch import install_editor
from supnotes.ui.editor.quick_decision import QuickDecisionDialog
from supnotes.ui.editor.review import ReviewModel
from supnotes.ui.editor.tables import ActionsModel, DecisionsModel
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.widgets import SpellService
from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE
from tests.ui.editor.conftest import COLLEAGUE, WORKER, Setup, text_field
from tests.ui.helpers import type_text, underlined_words


def test_spelling_marks_recieve_and_not_british_spellings(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    field = text_field(editor, "development.learning")
    type_text(field, "The organisation will recieve the colour-coded plan.")
    qtbot.waitUntil(lambda: underlined_words(field) == ["recieve"], timeout=3000)


def test_a_word_added_to_the_dictionary_survives_a_restart(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    field = text_field(editor, "notes.notes")
    type_text(field, "Met Wąsowski today.")
    qtbot.waitUntil(lambda: underlined_words(field) == ["Wąsowski"], timeout=3000)
    setup.context.spelling.add_to_dictionary("Wąsowski")
    qtbot.waitUntil(lambda: underlined_words(field) == [], timeout=3000)
    folder = setup.vault.paths.folder
    editor.close()
    setup.lock.close_vault()
    with Vault.open(folder, Unlock(passphrase=PASSPHRASE)) as vault:
        personal = VaultPersonalDictionary(vault)
        assert "Wąsowski" in personal.words()
        service = SpellService(personal, engine_factory=HunspellEngine)
        service.load_now()
        assert service.checker is not None
        assert service.checker.misspelt_words("Met Wąsowski today.") == []
        personal.remove("Wąsowski")
        assert "Wąsowski" not in personal.words()


def _focus_targets(editor: SessionEditor) -> list[QWidget]:
    """Every widget the keyboard must reach: each input's, each list's, each card's."""
    targets: list[QWidget] = []
    for item in editor.form.inputs.values():
        widget = item.widget
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            targets.append(widget)
        else:
            targets += widget.findChildren(QAbstractSpinBox)
    targets += editor.form.tables
    if editor.form.cases is not None:
        for card in editor.form.cases.cards:
            targets += [card.child_ref, *card.parts.values(), card.review_date]
        targets.append(editor.form.cases.add_button)
    targets += [editor.header.held_on, editor.header.start, editor.header.end]
    return targets


def test_a_tab_walk_reaches_every_field(qtbot: QtBot, setup: Setup) -> None:
    for template_id in ("one-to-one", "group-reflecting-team", "supervision-agreement"):
        editor = setup.editors.new_record(WORKER.id, template_id)
        if editor.form.cases is not None:
            editor.add_case()
        qtbot.waitExposed(editor)
        editor.outline.setFocus()
        qtbot.waitUntil(lambda e=editor: e.outline.hasFocus(), timeout=2000)  # type: ignore[misc]
        reached: set[int] = set()
        for _ in range(800):
            current = QApplication.focusWidget()
            assert current is not None
            reached.add(id(current))
            QTest.keyClick(current, Qt.Key.Key_Tab)
        missing = [
            w.accessibleName() or type(w).__name__
            for w in _focus_targets(editor)
            if id(w) not in reached
        ]
        assert missing == [], template_id
        nameless = [
            type(w).__name__
            for w in editor.findChildren(QWidget)
            if id(w) in reached and not w.accessibleName()
        ]
        assert nameless == [], template_id
        editor.close()


def test_ctrl_d_from_an_editor_records_a_quick_decision(qtbot: QtBot, setup: Setup) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    actions = build_actions(main)
    for action in actions.all():
        main.addAction(action)
    install_editor(main, actions, setup.context, lambda: COLLEAGUE.id)
    main.show()
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    QTest.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QuickDecisionDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=2000,
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QuickDecisionDialog))
    assert dialog.worker.currentText() == COLLEAGUE.name
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.child_ref.setFocus()
    QTest.keyClicks(dialog.child_ref, "C-200117")
    type_text(dialog.decision, "No further action on the school referral.")
    dialog.not_to_act.setChecked(True)
    type_text(dialog.rationale, "Parent engaged; school reports improved attendance.")
    type_text(dialog.action, "Write to the school")
    dialog.action_due.setFocus()
    QTest.keyClicks(dialog.action_due, "+0")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        QTest.keyClick(dialog.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    content = RecordRepository(setup.vault).get(str(saved.args[0]))
    assert content.record.kind is RecordKind.AD_HOC
    assert content.record.worker_id == COLLEAGUE.id
    assert [(d.child_ref, d.not_to_act) for d in content.decisions] == [("C-200117", True)]
    assert content.decisions[0].rationale.startswith("Parent engaged")
    assert [a.text for a in content.actions] == ["Write to the school"]


def test_quick_decision_says_what_is_missing(qtbot: QtBot, setup: Setup) -> None:
    from supnotes.ui.editor.quick_decision import build_quick_decision_dialog

    dialog = build_quick_decision_dialog(setup.vault, [WORKER], setup.context.library)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "the worker" in dialog.problem.text()
    assert "the rationale" in dialog.problem.text()


def test_models_pass_the_model_tester(qtmodeltester: object, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    actions = ActionsModel(editor.record_id)
    actions.add_row(actions.new_item(0))
    decisions = DecisionsModel(editor.record_id)
    decisions.add_row(decisions.new_item(0))
    attendees = AttendeesModel(editor.record_id, workers=[WORKER])
    attendees.add_row(attendees.new_item(0))
    review = ReviewModel([], {})
    for model in (actions, decisions, attendees, review):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_dates_are_typed() -> None:
    from datetime import date

    today = date(2026, 11, 21)
    assert parse_day("31/12/2026", today) == date(2026, 12, 31)
    assert parse_day("1/2", today) == date(2026, 2, 1)
    assert parse_day("2027-01-05", today) == date(2027, 1, 5)
    assert parse_day("+14", today) == date(2026, 12, 5)
    assert parse_day("+2w", today) == date(2026, 12, 5)
    assert parse_day(" ", today) is None


def test_an_unreadable_due_date_is_refused_with_a_reason(qtbot: QtBot, setup: Setup) -> None:
    editor = setup.editors.new_record(WORKER.id, "one-to-one")
    actions = editor.form.actions
    assert actions is not None
    row = actions.add_row(actions.new_item(0))
    due = actions.index(row, actions.DUE)
    assert actions.setData(due, "12/05/2026")
    with qtbot.waitSignal(actions.input_refused, timeout=1000) as refused:
        assert not actions.setData(due, "next Tuesday-ish")
    assert "14/12/2026" in refused.args[0]
    assert due.data() == "12/05/2026"
    assert "not a date" in editor.statusBar().currentMessage()
