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
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QTableView, QWidget
from pytestqt.qtbot import QtBot

from supnotes.domain.people import Stage, Worker
from supnotes.domain.template_loader import default_library
from supnotes.ui.access.unlock import UnlockDialog
from supnotes.ui.common.app_filters import app_filters_held
from supnotes.ui.shell import controller as controller_module
from supnotes.ui.shell import first_paint
from supnotes.ui.shell.controller import AppController, open_for_session
from supnotes.ui.shell.first_paint import FirstPaint
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
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


class _BuiltAtPaint(QObject):
    """Notes whether the search results were built when ``window`` first painted."""

    def __init__(self, window: QWidget, results: QWidget) -> None:
        super().__init__(window)
        self.seen: list[bool] = []
        self._results = results
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen.append(bool(self._results.findChildren(QTableView)))
        return False


#: Tab from the search box with the results shown, as on screen: Lock beside
#: the box, the worker list, the filters row by row, the results, then round
#: to the toolbar's buttons (as when the panel was built with the window).
TAB_FROM_THE_SEARCH_BOX = [
    "toolbar-lock",
    "show-leavers",
    "workers-table",
    "search-worker",
    "search-child",
    "search-template",
    "search-kind",
    "search-status",
    "search-period",
    "search-table",
    "toolbar-new-session",
    "toolbar-quick-decision",
    "toolbar-add-worker",
    "search-box",
]


def test_the_search_results_are_built_after_the_first_paint_and_reached_by_tab(
    qtbot: QtBot, controller: AppController, worker_vault: Vault
) -> None:
    controller.vault_ready(worker_vault)
    window = controller.window
    assert window is not None
    results = window.parts.search_results
    # Hidden at first: no filters, no table, nothing of its own yet.
    assert not results.built
    assert results.findChildren(QComboBox) == []
    assert results.findChildren(QTableView) == []
    at_paint = _BuiltAtPaint(window, results)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: bool(at_paint.seen) and results.built, timeout=10_000)
    assert at_paint.seen == [False]  # built after the first paint, not before it
    workers = window.parts.workers
    qtbot.waitUntil(lambda: workers.model.rowCount() > 0, timeout=10_000)
    # The keyboard reaches every filter and the results in the window's old order.
    box = window.parts.search_box
    box.setFocus()
    QTest.keyClicks(box, "supervision")
    assert window.right.currentWidget() is results
    walked: list[str] = []
    for _ in TAB_FROM_THE_SEARCH_BOX:
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        walked.append(now.objectName() if now is not None else "")
    assert walked == TAB_FROM_THE_SEARCH_BOX


def test_typing_a_search_before_the_deferred_build_builds_and_shows_the_results(
    controller: AppController, worker_vault: Vault
) -> None:
    controller.vault_ready(worker_vault)
    window = controller.window
    assert window is not None
    results = window.parts.search_results
    assert not results.built  # no event loop has run: the deferred build has not either
    window.commands.find.trigger()  # Ctrl+F's action: the box takes the keyboard
    QTest.keyClicks(window.parts.search_box, "visit")
    assert results.findChildren(QTableView)  # built now, by the typing
    assert window.right.currentWidget() is results
    assert results.worker_filter.count() == 1  # "All workers": the list has not loaded yet


def test_the_app_filters_are_off_within_the_block_and_back_in_order_after(
    qapp: QApplication, qtbot: QtBot
) -> None:
    seen: list[str] = []

    class Noting(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.User:
                seen.append(self.objectName())
            return False

    older, newer = Noting(qapp), Noting(qapp)
    older.setObjectName("older")
    newer.setObjectName("newer")
    qapp.installEventFilter(older)
    qapp.installEventFilter(newer)
    target = QObject()
    try:
        with app_filters_held(qapp, [older, newer]):
            QApplication.sendEvent(target, QEvent(QEvent.Type.User))
        assert seen == []
        QApplication.sendEvent(target, QEvent(QEvent.Type.User))
        assert seen == ["newer", "older"]  # Qt asks the newest first, as before
    finally:
        qapp.removeEventFilter(older)
        qapp.removeEventFilter(newer)


def test_the_window_is_built_with_the_app_filters_off_and_shown_with_them_on(
    controller: AppController, worker_vault: Vault
) -> None:
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    clock_read: list[str] = []  # the idle lock's filter reads its clock on each input
    seen_in_build: list[bool] = []
    original = controller._build_window

    def read_clock() -> float:
        clock_read.append("read")
        return 0.0

    def build() -> MainWindow:
        lock = controller.lock
        assert lock is not None
        lock._monotonic = read_clock
        QApplication.sendEvent(QObject(), key)
        seen_in_build.append(bool(clock_read))
        return original()

    controller._build_window = build  # type: ignore[method-assign]
    controller.vault_ready(worker_vault)
    assert seen_in_build == [False]  # the lock's filter was off while the window was built
    QApplication.sendEvent(QObject(), key)
    assert clock_read == ["read"]  # and it is back before the window is used


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
