"""A short demo history in a real vault, for the oversight views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import default_library
from supnotes.ui.editor.window import SessionEditor
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.backup import rolling_backup
from supnotes.vault.demo import write_demo
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    opened, _ = Vault.create(tmp_path / "v", "a long enough passphrase", kdf_params=TEST_PARAMS)
    with opened:
        write_demo(opened, build_demo(default_library(), today=date(2026, 3, 20), history_days=45))
        rolling_backup(opened)
        yield opened


NEWCOMER = Worker(
    "w-newcomer",
    "Nell Newcomer",
    "Social Worker",
    "Eastgate",
    date.today() - timedelta(days=30),
    Stage.ASYE,
)


@pytest.fixture
def controller(
    qapp: QApplication, qtbot: QtBot, open_vault: Vault, machine: MachineState
) -> Iterator[AppController]:
    write_demo(open_vault, build_demo(default_library(), today=date.today()))
    # A newly qualified worker who started a month ago and has had no supervision:
    # weekly for the first six weeks, so overdue whatever the demo's dates are.
    WorkerRepository(open_vault).save(NEWCOMER)
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    controller.vault_ready(open_vault)
    # The worker list loads after the window's first paint: the tests that
    # select a worker from the Overdue list need its rows in (they raced it).
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.parts.workers.model.rowCount() > 0, timeout=10_000)
    yield controller
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, SessionEditor):
            widget.close()
    if controller.window is not None:
        controller.window.close()
    if controller.lock is not None and controller.lock.lock_dialog is not None:
        controller.lock.lock_dialog.done(0)
    qapp.setFont(font)
    controller.deleteLater()
