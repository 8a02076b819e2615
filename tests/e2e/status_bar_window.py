"""Hand a worker over and receive it in the real main window; print how its status bar showed it.

Run by ``test_dialog_layout_real_window.py`` inside Xvfb (1024x640) with
openbox: ``python -m tests.e2e.status_bar_window SHOTS_FOLDER TEXT_SCALE [RECEIVER]``
maximises the main window, hands over from a second vault and receives in
this one, and prints one JSON line per message (its first line, what the bar
shows, whether it fits, the vault line hidden) after saving a screenshot.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from supnotes.services import encryption_key as keys
from supnotes.ui.file_menu.handover_give_dialog import HandOverDialog
from supnotes.ui.file_menu.handover_receive_dialog import ReceiveDialog
from supnotes.ui.shell.controller import AppController
from supnotes.ui.shell.machine_state import MachineState
from supnotes.ui.shell.main_window import MainWindow
from supnotes.ui.shell.theme import Appearance
from supnotes.vault.kdf import TEST_PARAMS
from supnotes.vault.vault import Vault
from tests.ui.handover_giver import PASSPHRASE, giver_vault, worker_with_open_actions


def _when(check: Callable[[], bool], then: Callable[[], None], tries: int = 600) -> None:
    """Run ``then`` once ``check`` holds (polled every 100 ms, at most a minute)."""
    if check():
        then()
    elif tries > 0:
        QTimer.singleShot(100, lambda: _when(check, then, tries - 1))
    else:
        print(json.dumps({"error": "waited a minute"}), flush=True)
        QApplication.quit()


def _shown(window: MainWindow, shots: Path, name: str) -> None:
    line = window.message_line
    message = window.statusBar().currentMessage()
    first = message.split("\n")[0]
    window.grab().save(str(shots / f"{name}.png"))
    print(
        json.dumps(
            {
                "name": name,
                "first": first,
                "shown": line.text(),
                "fits": line.fits(),
                "room": line.contentsRect().width(),
                "needs": line.fontMetrics().horizontalAdvance(first),
                "vault_line_hidden": not window.status_label.isVisible(),
                "window": [window.width(), window.height()],
            }
        ),
        flush=True,
    )


def main(shots: str, text_scale: str, receiver_name: str = "Rita Patel-Okonkwo") -> None:
    app = QApplication(sys.argv[:1])
    folder = Path(shots)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        receiver, _ = Vault.create(root / "receiver", PASSPHRASE, kdf_params=TEST_PARAMS)
        key = root / "rita.pem"
        key.write_bytes(keys.public_pem(keys.ensure(receiver).public))
        machine = MachineState(root / "ui-state.ini")
        controller = AppController(
            app, receiver.paths.folder, machine=machine, appearance=Appearance(app)
        )
        controller.vault_ready(receiver)
        machine.set("ui.font_scale", float(text_scale))
        controller.apply_settings()
        window = controller.window
        assert window is not None
        window.showMaximized()
        out = root / "given.supnotes-handover"
        with giver_vault(root / "giver") as giver:
            worker, _actions = worker_with_open_actions(giver)
            report = window.statusBar().showMessage
            give = HandOverDialog(giver, lambda t: report(t, 60_000), window, worker.id)
            give.key_file = lambda: key  # type: ignore[method-assign]
            give.chosen_path = lambda _s: out  # type: ignore[method-assign,assignment]
            receive = ReceiveDialog(receiver, lambda t: report(t, 60_000), lambda: None, window)
            receive.handover_file = lambda: out  # type: ignore[method-assign]

            def received() -> None:
                _shown(window, folder, "received")
                app.quit()

            def check_and_import() -> None:
                receive.checked_giver.setChecked(True)
                receive.import_button.click()
                _when(
                    lambda: "received the" in window.statusBar().currentMessage().lower(), received
                )

            def given() -> None:
                _shown(window, folder, "handed-over")
                receive.show()
                receive.choose.click()
                _when(lambda: receive.checked is not None, check_and_import)

            def start() -> None:
                give.show()
                give.choose_key.click()
                give.receiver_name.setText(receiver_name)
                give.give.click()
                _when(lambda: "handed over" in window.statusBar().currentMessage().lower(), given)

            QTimer.singleShot(1500, start)
            app.exec()
        controller.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:4])
