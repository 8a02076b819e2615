"""Editor fixtures: a real temporary vault behind a real lock, a worker, a loaded speller."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import TemplateLibrary, default_library
from supnotes.spelling import HunspellEngine
from supnotes.ui.access.lock import LockController
from supnotes.ui.editor.context import EditorContext
from supnotes.ui.editor.fields import TextInput
from supnotes.ui.editor.launch import Editors
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.widgets import SpellService
from supnotes.ui.widgets.text_field import SpellTextEdit
from supnotes.vault.repositories.personal_words import VaultPersonalDictionary
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE, MadeVault

WORKER = Worker(
    id="9b0c3c59-5b1e-4c50-9d6f-1f1d6f1e2a01",
    name="Priya Shah",
    role="Social worker",
    team="Children in Need North",
    start_date=date(2023, 9, 4),
    stage=Stage.QUALIFIED,
)
COLLEAGUE = Worker(
    id="9b0c3c59-5b1e-4c50-9d6f-1f1d6f1e2a02",
    name="Tom Ellis",
    role="Social worker",
    team="Children in Need North",
    start_date=date(2025, 11, 3),
    stage=Stage.ASYE,
)


@dataclass
class Setup:
    lock: LockController
    context: EditorContext
    editors: Editors

    @property
    def vault(self) -> Vault:
        vault = self.lock.vault
        assert vault is not None
        return vault


@pytest.fixture(scope="session")
def library() -> TemplateLibrary:
    return default_library()


@pytest.fixture
def setup(
    qapp: QApplication, make_vault: Callable[[], MadeVault], library: TemplateLibrary
) -> Iterator[Setup]:
    made = make_vault()
    vault = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))
    WorkerRepository(vault).save(WORKER)
    WorkerRepository(vault).save(COLLEAGUE)
    lock = LockController(qapp, made.folder)
    lock.set_vault(vault)
    personal = VaultPersonalDictionary(vault)
    lock.unlocked.connect(personal.set_vault)
    spelling = SpellService(personal, engine_factory=HunspellEngine)
    spelling.load_now()
    context = EditorContext(lock, spelling, library, personal)
    editors = Editors(context)
    yield Setup(lock, context, editors)
    for window in list(editors.windows.values()):
        window.close()
    lock.close_vault()
    if lock.lock_dialog is not None:
        lock.lock_dialog.done(0)
    lock.deleteLater()
    spelling.deleteLater()


def text_field(editor: SessionEditor, key: str) -> SpellTextEdit:
    """The text widget of the answer ``key``."""
    found = editor.form.inputs[key]
    assert isinstance(found, TextInput)
    return found.text_field
