"""The main window as the controller assembles it on an open vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMenu, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from supnotes.ui.access.lock import is_shrouded
from supnotes.ui.common import operations
from supnotes.ui.dialogs.settings_dialog import SettingsDialog
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


@pytest.fixture
def controller(
    qapp: QApplication, open_vault: Vault, machine: MachineState
) -> Iterator[AppController]:
    font = qapp.font()
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    SettingsStore(open_vault).set("profile.name", "Sam Okafor")
    controller.vault_ready(open_vault)
    yield controller
    if controller.window is not None:
        controller.window.close()
    if controller.lock is not None and controller.lock.lock_dialog is not None:
        controller.lock.lock_dialog.done(0)
    qapp.setFont(font)
    controller.deleteLater()


def _window(controller: AppController) -> MainWindow:
    assert controller.window is not None
    return controller.window


def test_menus_and_standard_shortcuts(controller: AppController) -> None:
    window = _window(controller)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Records", "&Help"]
    commands = window.commands
    assert commands.lock.shortcut() == QKeySequence("Ctrl+L")
    assert commands.find.shortcut() == QKeySequence.keyBindings(QKeySequence.StandardKey.Find)[0]
    assert not commands.quit.shortcut().isEmpty()
    assert commands.new_session.isEnabled()  # the session editor is installed
    assert commands.quick_decision.isEnabled()
    for name in ("workers-panel", "thread-panel", "search-box"):
        assert window.findChild(QWidget, name) is not None


def test_file_menu_exports_and_imports_records(controller: AppController) -> None:
    file_menu = _window(controller).menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    transfer = next(a.menu() for a in file_menu.actions() if a.text() == "E&xport and import")
    assert isinstance(transfer, QMenu)
    texts = [a.text().replace("&", "") for a in transfer.actions() if not a.isSeparator()]
    assert len(texts) == 6
    assert all(
        (
            "xport" in t
            or "mport" in t
            or "Subject access" in t
            or "andover" in t
            or "Hand over" in t
        )
        for t in texts
    )
    assert texts[-2:] == ["Hand over a worker…", "Receive a handover…"]


def test_the_window_fits_the_screen_it_opens_on(controller: AppController) -> None:
    """First run asks for 1100x700; a smaller screen (offscreen: 800x800) gets what it has."""
    from supnotes.ui.common.fit import available

    window = _window(controller)
    room = available(window)
    assert room.width() < 1100  # the test screen is smaller than the wish
    assert window.width() <= room.width()
    assert window.height() <= room.height()


def test_every_menu_gives_each_entry_its_own_alt_letter(controller: AppController) -> None:
    """Within one menu, two entries never share a mnemonic (Alt+letter, or the letter)."""
    import re

    def letters(menu: QMenu) -> list[str]:
        found = []
        for action in menu.actions():
            mark = re.search(r"&([^&])", action.text())
            if mark:
                found.append(mark.group(1).lower())
            if action.menu() is not None:
                sub = action.menu()
                assert isinstance(sub, QMenu)
                inner = letters(sub)
                assert len(inner) == len(set(inner)), (sub.title(), inner)
        return found

    bar = _window(controller).menuBar()
    assert bar.actions()
    for action in bar.actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        found = letters(menu)
        assert len(found) == len(set(found)), (action.text(), found)


def test_lock_shortcut_from_the_main_window(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    lock = controller.lock
    assert lock is not None
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked
    assert is_shrouded(window)
    central = window.centralWidget()
    assert central is not None
    assert not central.isVisible()
    assert lock.lock_dialog is not None
    controller.bring_forward()  # a second launch while locked raises the lock screen


def test_find_focuses_the_search_box(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    window.commands.find.trigger()
    search = window.findChild(QLineEdit, "search-box")
    assert search is not None
    assert window.focusWidget() is search or QApplication.focusWidget() in (search, None)


def test_settings_dialog_round_trips_into_the_vault(
    qtbot: QtBot, controller: AppController, machine: MachineState
) -> None:
    dialog = controller.open_settings()
    assert isinstance(dialog, SettingsDialog)
    idle = dialog.editors["lock.idle_minutes"]
    theme = dialog.editors["ui.theme"]
    organisation = dialog.editors["organisation.name"]
    assert isinstance(idle, QSpinBox)
    assert isinstance(theme, QComboBox)
    assert isinstance(organisation, QLineEdit)
    assert idle.value() == 5
    idle.setValue(9)
    theme.setCurrentIndex(theme.findData("dark"))
    organisation.setText("Northshire Council")
    dialog.accept()
    lock = controller.lock
    assert lock is not None
    assert lock.vault is not None
    store = SettingsStore(lock.vault)
    assert store.get_int("lock.idle_minutes") == 9
    assert store.get_text("organisation.name") == "Northshire Council"
    assert lock.idle_limit_ms == 9 * 60_000
    assert machine.get("ui.theme") == "dark"
    assert controller.appearance.is_dark


def test_every_setting_has_an_editor(controller: AppController) -> None:
    from supnotes.domain.settings import SETTINGS

    dialog = controller.open_settings()
    assert set(dialog.editors) == {row.key for row in SETTINGS}  # type: ignore[attr-defined]


def test_window_geometry_is_restored_and_holds_no_content(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    window = _window(controller)
    window.resize(900, 640)
    window.close()
    text = (tmp_path / "ui-state.ini").read_text()
    assert "geometry" in text
    assert "Sam Okafor" not in text
    geometry, _ = MachineState(tmp_path / "ui-state.ini").window_state("main")
    assert geometry is not None


def test_back_up_now_writes_a_backup(qtbot: QtBot, controller: AppController) -> None:
    window = _window(controller)
    window.commands.back_up_now.trigger()
    qtbot.waitUntil(lambda: not operations.busy(), timeout=10_000)
    assert controller.lock is not None
    assert controller.lock.vault is not None
    # Asked for, so not named as an automatic one (nor counted among them).
    written = list(controller.lock.vault.paths.backups.glob("manual-*.snbackup"))
    assert len(written) == 1
    assert f"Backup written: {written[0].name}" in window.statusBar().currentMessage()
    assert "auto-" not in window.statusBar().currentMessage()


def test_text_size_can_be_enlarged_and_reset(qapp: QApplication, controller: AppController) -> None:
    window = _window(controller)
    before = qapp.font().pointSizeF()
    window.commands.zoom_in.trigger()
    assert qapp.font().pointSizeF() > before
    window.commands.zoom_reset.trigger()
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_a_record_opened_from_the_thread_opens_in_the_editor(
    qtbot: QtBot, controller: AppController
) -> None:
    from datetime import date

    from supnotes.domain.people import Stage, Worker
    from supnotes.ui.editor.window import SessionEditor
    from supnotes.vault.repositories.records import RecordRepository
    from supnotes.vault.repositories.workers import WorkerRepository

    window = _window(controller)
    vault = controller.lock.vault if controller.lock else None
    assert vault is not None
    worker = Worker(
        "0d9c2a44-8d65-4d3f-9a1e-6c1f1b0c2e11",
        "Jo Tester",
        "Social Worker",
        "North",
        date(2025, 1, 6),
        Stage.QUALIFIED,
    )
    WorkerRepository(vault).save(worker)
    from supnotes.domain.template_loader import default_library

    template = default_library().get("one-to-one")
    content = RecordRepository(vault).create(
        template, worker_id=worker.id, held_on=date(2026, 11, 2)
    )
    panel, thread = window.parts.workers, window.parts.thread
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.reload(select=worker.id)
    if thread.model.rowCount() == 0:
        with qtbot.waitSignal(thread.loaded, timeout=10_000):
            thread.reload()
    table = thread.table
    table.setCurrentIndex(table.model().index(0, 0))
    QTest.keyClick(table, Qt.Key.Key_Return)
    editors = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SessionEditor) and w.isVisible()
    ]
    assert [e.record_id for e in editors] == [content.record.id]
    editors[0].close()


def test_file_menu_opens_the_handover_dialogs(controller: AppController) -> None:
    from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
    from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog

    window = _window(controller)
    for name, kind in (("hand-over-worker", HandOverDialog), ("receive-handover", ReceiveDialog)):
        action = next(a for a in window.findChildren(QAction) if a.objectName() == name)
        action.trigger()
        dialog = controller.capabilities.last_dialog
        assert isinstance(dialog, kind)
        dialog.close()
