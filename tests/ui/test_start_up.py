"""Start-up: the main window paints before its lists load, and the unlock loads no window code.

Not timed (the figures are in docs/benchmarks.md): what is checked is the
order of things, and which modules are imported at all.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import default_library
from supnotes.ui.access.unlock import UnlockDialog
from supnotes.ui.shell import controller as controller_module
from supnotes.ui.shell import first_paint
from supnotes.ui.shell.controller import AppController, open_for_session
from supnotes.ui.shell.first_paint import FirstPaint
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.theme import Appearance
from supnotes.ui.views.worker_list import LOADING
from supnotes.vault.repositories.held import empty_draft_ids
from supnotes.vault.repositories.records import RecordRepository
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Unlock, Vault
from tests.ui.conftest import PASSPHRASE, MadeVault

#: Modules the unlock does not need: the main window, its lists, the editor,
#: the dialogs behind menus, the spelling checker and the signing stack.
NOT_BEFORE_UNLOCK = (
    "supnotes.ui.shell.main_window",
    "supnotes.ui.shell.parts",
    "supnotes.ui.views.worker_list",
    "supnotes.ui.views.search_view",
    "supnotes.ui.editor.window",
    "supnotes.ui.editor.launch",
    "supnotes.ui.oversight.overview_view",
    "supnotes.ui.oversight.report_dialog",
    "supnotes.ui.shell.capabilities",
    "supnotes.ui.file_menu.portability_dialogs",
    "supnotes.ui.access.first_run",
    "supnotes.ui.dialogs.help",
    "supnotes.ui.dialogs.settings_dialog",
    "supnotes.spelling.checker",
    "supnotes.services.backups",  # restoring from the unlock dialog imports it when used
    # What the opening needs only after the key derivation: imported while it
    # runs (import_window_modules), so the unlock dialog shows sooner.
    "supnotes.vault.migrate",
    "supnotes.vault.migrations",
    "supnotes.vault.backup",
    "supnotes.vault.recovery",
    "supnotes.vault.repositories",
    "supnotes.ui.access.lock",
    "supnotes.ui.shell.demo",
    "supnotes.ui.shell.demo_sealing",
    "supnotes.vault.restore",
    "pyhanko",
    "reportlab",
    "aiohttp",
)


def test_the_app_up_to_its_unlock_dialog_imports_no_window_code() -> None:
    code = (
        "import sys; import supnotes.cli, supnotes.ui.shell.app, supnotes.ui.access.unlock; "
        "print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules = set(done.stdout.split())
    assert "supnotes.ui.shell.controller" in modules  # the list was read
    assert "supnotes.vault.vault" in modules
    early = sorted(
        m for m in modules for name in NOT_BEFORE_UNLOCK if m == name or m.startswith(name + ".")
    )
    assert early == []


@pytest.fixture
def worker_vault(open_vault: Vault) -> Vault:
    worker = Worker(
        "w-1", "Alex Morgan", "Social Worker", "North", date(2025, 1, 6), Stage.QUALIFIED
    )
    WorkerRepository(open_vault).save(worker)
    return open_vault


@pytest.fixture
def controller(
    qapp: QApplication, worker_vault: Vault, machine: MachineState
) -> Iterator[AppController]:
    font = qapp.font()
    controller = AppController(
        qapp, worker_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    yield controller
    if controller.window is not None:
        controller.window.close()
    qapp.setFont(font)
    controller.deleteLater()


def test_the_worker_list_loads_after_the_first_paint(
    qtbot: QtBot, controller: AppController, worker_vault: Vault
) -> None:
    controller.vault_ready(worker_vault)
    window = controller.window
    painted = controller.first_paint
    assert window is not None
    assert painted is not None
    workers = window.parts.workers
    # Shown, and nothing loaded yet: an empty table, never "No workers yet".
    assert window.isVisible()
    assert workers.model.rowCount() == 0
    assert workers.body.currentWidget() is workers.table
    ran_first: list[bool] = []
    workers.loaded.connect(lambda: ran_first.append(painted.done))
    # Queued after the controller's own: runs just after the load has started.
    on_start: list[str] = []
    painted.then(lambda: on_start.append(workers.summary.text()))
    with qtbot.waitSignal(workers.loaded, timeout=10_000):
        pass
    assert ran_first == [True]
    assert on_start == [LOADING]
    assert workers.model.rowCount() == 1
    assert workers.summary.text() != LOADING


def test_what_waits_for_a_paint_runs_even_without_one(qtbot: QtBot) -> None:
    hidden = QWidget()  # never shown, so never painted
    qtbot.addWidget(hidden)
    waiter = FirstPaint(hidden)
    ran: list[str] = []
    waiter.then(lambda: ran.append("first"))
    waiter.then(lambda: ran.append("second"))
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=first_paint.FALLBACK_MS * 5)
    assert waiter.painted_at is None
    waiter.then(lambda: ran.append("later"))  # after it ran: on the next turn of the loop
    qtbot.waitUntil(lambda: ran[-1:] == ["later"], timeout=5000)


def test_opening_for_the_app_clears_empty_drafts_on_the_unlock_thread(
    make_vault: Callable[[], MadeVault],
) -> None:
    made = make_vault()
    with Vault.open(made.folder, Unlock(passphrase=PASSPHRASE)) as vault:
        WorkerRepository(vault).save(
            Worker("w-2", "Sam Lee", "Social Worker", "North", date(2025, 1, 6), Stage.QUALIFIED)
        )
        template = default_library().get("one-to-one")
        empty = RecordRepository(vault).create(template, worker_id="w-2", held_on=date(2026, 3, 2))
        assert empty_draft_ids(vault) == [empty.record.id]
    with open_for_session(made.folder, Unlock(passphrase=PASSPHRASE)) as vault:
        assert empty_draft_ids(vault) == []
        assert empty.record.id not in RecordRepository(vault).ids()


def test_the_window_modules_import_while_the_key_is_derived(
    qtbot: QtBot,
    make_vault: Callable[[], MadeVault],
    qapp: QApplication,
    machine: MachineState,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = make_vault()
    font = qapp.font()
    app = AppController(qapp, made.folder, machine=machine, appearance=Appearance(qapp))
    imported: list[bool] = []

    def fake_import() -> None:
        imported.append(app.lock is None)  # the window not built yet

    def opener(folder: Path, unlock: Unlock) -> Vault:
        # The opening waits for the imports (or 10 s), so the order is checked, not raced.
        for _ in range(1000):
            if imported:
                break
            time.sleep(0.01)
        return open_for_session(folder, unlock)

    monkeypatch.setattr(controller_module, "import_window_modules", fake_import)
    monkeypatch.setattr(controller_module, "open_for_session", opener)
    try:
        app.start()
        dialog = app.dialog
        assert isinstance(dialog, UnlockDialog)
        qtbot.waitExposed(dialog)
        assert imported == []  # not while the dialog waits for the passphrase
        dialog.passphrase.setText(PASSPHRASE)
        dialog.try_passphrase()
        qtbot.waitUntil(lambda: app.window is not None, timeout=30_000)
        assert imported == [True]  # once, during the opening, before the window
    finally:
        if app.window is not None:
            app.window.close()
        if app.lock is not None and app.lock.vault is not None:
            app.lock.vault.close()
        qapp.setFont(font)
        app.deleteLater()


def test_importing_the_window_modules_imports_what_builds_the_window() -> None:
    code = (
        "import sys; from supnotes.ui.shell import controller; "
        "controller.import_window_modules(); print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    modules = set(done.stdout.split())
    assert {"supnotes.ui.shell.main_window", "supnotes.ui.shell.parts"} <= modules
    assert set(controller_module.WINDOW_MODULES) <= modules
