"""The spelling dictionary loads off the path to the first paint, and editors work before it.

The app's context no longer starts loading Hunspell when it is built (that
held the GIL while the main window painted): the first editor, the quick
decision, or a timer after the window shows starts it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.ui.access.lock import LockController
from supnotes.ui.editor.context import EditorContext, build_context
from supnotes.ui.editor.fields import TextInput
from supnotes.ui.editor.launch import Editors
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE, MadeVault
from tests.ui.editor.conftest import WORKER
from tests.ui.helpers import underlined_words


def _loading() -> bool:
    return any(t.name == "spelling-load" and t.is_alive() for t in threading.enumerate())


@pytest.fixture
def context(qapp: QApplication, make_vault: Callable[[], MadeVault]) -> Iterator[EditorContext]:
    made = make_vault()
    vault = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))
    WorkerRepository(vault).save(WORKER)
    lock = LockController(qapp, made.folder)
    lock.set_vault(vault)
    yield build_context(lock)
    lock.close_vault()
    lock.deleteLater()


def test_building_the_context_loads_no_dictionary(context: EditorContext) -> None:
    assert context.spelling.checker is None
    assert not _loading()


def test_an_editor_opened_first_is_usable_and_underlines_once_loaded(
    qtbot: QtBot, context: EditorContext
) -> None:
    editors = Editors(context)
    editor = editors.new_record(WORKER.id, "one-to-one")
    qtbot.addWidget(editor)
    field = next(i for i in editor.form.inputs.values() if isinstance(i, TextInput)).text_field
    # Typed at once, whether or not the dictionary is in yet: nothing waits for it.
    field.setFocus()
    QTest.keyClicks(field, "We agreed she will recieve the plan")
    assert field.toPlainText() == "We agreed she will recieve the plan"
    # Opening the editor started the loading; once in, the field underlines.
    qtbot.waitUntil(lambda: context.spelling.checker is not None, timeout=20_000)
    highlighter = field.highlighter
    assert highlighter is not None
    qtbot.waitUntil(lambda: not highlighter.is_pass_running(), timeout=10_000)
    assert underlined_words(field) == ["recieve"]
    editor.close()
