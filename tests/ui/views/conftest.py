"""Fixtures for the main window's parts: a real demo vault behind a real lock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.demo import build_demo
from supnotes.domain.template_loader import default_library
from supnotes.ui.access.lock import LockController
from supnotes.ui.common.actions import MainActions, build_actions
from supnotes.ui.shell.parts import Parts, PartsContext, build_parts
from supnotes.vault.demo import write_demo
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE, MadeVault


@dataclass
class Window:
    """The parts as the main window would hold them, over a locked-or-open vault."""

    lock: LockController
    actions: MainActions
    parts: Parts
    host: QWidget


@pytest.fixture
def demo_vault(open_vault: Vault) -> Vault:
    write_demo(open_vault, build_demo(default_library(), today=date.today()))
    return open_vault


@pytest.fixture
def lock(qapp: QApplication, make_vault: Callable[[], MadeVault]) -> Iterator[LockController]:
    made = make_vault()
    vault = Vault.open(made.folder, Unlock(passphrase=PASSPHRASE))
    write_demo(vault, build_demo(default_library(), today=date.today()))
    controller = LockController(qapp, made.folder)
    controller.set_vault(vault)
    yield controller
    controller.close_vault()
    if controller.lock_dialog is not None:
        controller.lock_dialog.done(0)
    controller.deleteLater()


@pytest.fixture
def window(qtbot: QtBot, lock: LockController) -> Window:
    host = QWidget()
    qtbot.addWidget(host)
    actions = build_actions(host)
    parts = build_parts(PartsContext(lock, actions))
    qtbot.addWidget(parts.workers)
    qtbot.addWidget(parts.thread)
    qtbot.addWidget(parts.search_results)
    qtbot.addWidget(parts.search_box)
    qtbot.waitUntil(lambda: parts.workers.model.rowCount() > 0, timeout=10_000)
    return Window(lock, actions, parts, host)
