"""Status-bar messages are whole in the main window at 1024 px with 150% text.

Seen in the real app: after handing over, the message stopped at "…Your copy
now follows the retention": it shared the bar with the vault line and ran to
190 characters. Now a message has the whole bar while it shows, its first line
is worded to fit, and the rest (the file's path, what happens next) is its
tooltip and accessible description. The handover is made and received by
keyboard, with the messages shown in the real main window.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supnotes.services import encryption_key as keys
from supnotes.services import escrow
from supnotes.ui.common import operations
from supnotes.ui.file_menu import crash_check
from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.vault import Vault
from tests.ui.handover_giver import giver_vault, worker_with_open_actions

# 1024x640 with 150% text, and 1024x640 under QT_SCALE_FACTOR=1.5 (683x427 logical pixels).
SIZES = [((1024, 640), 1.5), ((683, 427), 1.0)]


@pytest.fixture(params=SIZES, ids=["1024px-150pc-text", "scale-factor-1.5"])
def window(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    qapp: QApplication,
    open_vault: Vault,
    machine: MachineState,
) -> Iterator[MainWindow]:
    font = qapp.font()
    size, text_scale = request.param
    controller = AppController(
        qapp, open_vault.paths.folder, machine=machine, appearance=Appearance(qapp)
    )
    controller.vault_ready(open_vault)
    machine.set("ui.font_scale", text_scale)
    controller.apply_settings()
    shown = controller.window
    assert shown is not None
    shown.resize(*size)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    yield shown
    shown.close()
    qapp.setFont(font)
    controller.deleteLater()


def _whole(qtbot: QtBot, window: MainWindow, wanted: str) -> str:
    """The message now shown; asserts its first line is whole and the vault line out of its way."""
    line = window.message_line
    qtbot.waitUntil(lambda: wanted in window.statusBar().currentMessage(), timeout=60_000)
    QApplication.processEvents()
    message = window.statusBar().currentMessage()
    assert line.isVisible()
    assert not window.status_label.isVisible()
    first = message.split("\n")[0]
    assert line.text() == first, f"cut to {line.text()!r}"
    assert line.fits()
    assert line.toolTip() == message  # the detail too
    assert line.accessibleDescription() == message.replace("\n", " ")
    return message


def _alt(dialog: QWidget, key: Qt.Key) -> None:
    QTest.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def test_the_handover_messages_are_whole(
    qtbot: QtBot, window: MainWindow, open_vault: Vault, tmp_path: Path
) -> None:
    report = window.statusBar().showMessage
    key = tmp_path / "rita.pem"
    key.write_bytes(keys.public_pem(keys.ensure(open_vault).public))
    out = tmp_path / "a folder with a long name" / "given.supnotes-handover"
    out.parent.mkdir()
    with giver_vault(tmp_path / "giver") as giver:
        worker, _actions = worker_with_open_actions(giver)
        give = HandOverDialog(giver, lambda text: report(text, 15_000), window, worker.id)
        give.key_file = lambda: key  # type: ignore[method-assign]
        give.chosen_path = lambda _suggested: out  # type: ignore[method-assign,assignment]
        give.show()
        qtbot.waitExposed(give)
        give.activateWindow()
        qtbot.waitUntil(give.isActiveWindow, timeout=2000)
        _alt(give, Qt.Key.Key_C)
        qtbot.waitUntil(give.give.isEnabled)
        _alt(give, Qt.Key.Key_N)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is give.receiver_name)
        QTest.keyClicks(give.receiver_name, "Rita Patel-Okonkwo")
        _alt(give, Qt.Key.Key_O)
        given = _whole(qtbot, window, "handed over")
        qtbot.waitUntil(lambda: not operations.busy(), timeout=60_000)
    assert given.startswith(f"File saved: handed over {worker.name} to Rita Patel-Okonkwo.\n")
    assert str(out) in given  # where it went: in the detail
    assert "retention rule" in given

    receive = ReceiveDialog(open_vault, lambda text: report(text, 15_000), lambda: None, window)
    receive.handover_file = lambda: out  # type: ignore[method-assign]
    receive.show()
    qtbot.waitExposed(receive)
    receive.activateWindow()
    qtbot.waitUntil(receive.isActiveWindow, timeout=2000)
    _alt(receive, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: receive.checked is not None, timeout=60_000)
    _alt(receive, Qt.Key.Key_C)
    qtbot.waitUntil(receive.import_button.isEnabled)
    _alt(receive, Qt.Key.Key_I)
    received = _whole(qtbot, window, "received the handover")
    assert "open actions come up" in received
    qtbot.waitUntil(lambda: not operations.busy(), timeout=60_000)
    # When the message goes, the vault line comes back.
    window.statusBar().clearMessage()
    assert window.status_label.isVisible()
    assert not window.message_line.isVisible()


def test_the_fixed_messages_are_whole(qtbot: QtBot, window: MainWindow) -> None:
    offered = escrow._offer(None)  # its words, shown at unlock
    for message in (crash_check.RUNNING, crash_check.PASSED, crash_check.FAILED, offered):
        window.statusBar().showMessage(message)
        _whole(qtbot, window, message.split("\n")[0])
