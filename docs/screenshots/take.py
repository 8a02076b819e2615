"""Take the README's screenshots from the real widgets.

Run under a virtual display, once per window size the README shows::

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python docs/screenshots/take.py
    xvfb-run -a -s "-screen 0 1024x640x24" uv run python docs/screenshots/take.py --small

``--small`` takes them at 1024x640 with the app's text at 150%, named
``*-small.png``. The main window fills the screen as a maximised window would.

Vaults are made in a temporary folder; nothing touches the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from supnotes.ui.shell.controller import AppController

OUT = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor sandwich lagoon"  # noqa: S105 (a throwaway vault for pictures)
SELECTED = "Rhiannon Tulley"  # an ASYE worker with a long thread
SEARCH = "school"
SMALL = "--small" in sys.argv
SIZE = (1024, 640) if SMALL else (1366, 768)
SCALE = 1.5 if SMALL else 1.0
#: Room for the title bar and panel a desktop takes from a maximised window.
FRAME = 56


def _name(name: str) -> str:
    return name.replace(".png", "-small.png") if SMALL else name


def _settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, name: str) -> None:
    _settle()
    widget.grab().save(str(OUT / _name(name)), "PNG")
    sys.stdout.write(f"wrote {_name(name)}\n")


def _first_run(folder: Path) -> None:
    from supnotes.ui.access.first_run import build_first_run

    wizard = build_first_run(folder)
    wizard.show()
    wizard.next()
    wizard.profile_page.name.setText("Sam Okafor")
    wizard.profile_page.role.setText("Team Manager")
    wizard.profile_page.organisation.setText("Northshire Council")
    wizard.next()
    wizard.passphrase_page.fields.first.setText(PASSPHRASE)
    wizard.passphrase_page.fields.second.setText(PASSPHRASE)
    _save(wizard, "first-run-passphrase.png")
    wizard.next()
    while not wizard.creating_page.isComplete():
        _settle(50)
    wizard.next()
    _save(wizard, "first-run-recovery-key.png")
    wizard.recovery_page.kept.setChecked(True)
    wizard.recovery_page.last_group.setText(wizard.recovery_page.recovery_key[-4:])
    wizard.next()
    wizard.accept()
    assert wizard.vault is not None
    wizard.vault.close()


def _unlock(folder: Path) -> None:
    from supnotes.ui.access.unlock import build_unlock_dialog
    from supnotes.ui.common import operations

    unlock = build_unlock_dialog(folder)
    unlock.show()
    unlock.passphrase.setText("violet tractor")
    _save(unlock, "unlock.png")
    unlock.try_passphrase()
    while operations.busy():
        _settle(50)
    _save(unlock, "unlock-wrong-passphrase.png")
    unlock.done(0)


def _add_new_worker(controller: AppController) -> None:
    """Add a newly qualified worker who started 12 days ago: weekly, so now overdue."""
    from datetime import date, timedelta

    from supnotes.domain.people import Stage
    from supnotes.ui.views.worker_dialog import WorkerDialog, to_qdate

    assert controller.window is not None
    controller.window.commands.add_worker.trigger()
    dialog = controller.window.parts.wiring.commands.dialog
    assert isinstance(dialog, WorkerDialog)
    dialog.name.setText("Nadia Kerrigan")
    dialog.role.setText("Newly qualified social worker")
    dialog.start.setDate(to_qdate(date.today() - timedelta(days=12)))
    dialog.stage.setCurrentIndex(dialog.stage.findData(str(Stage.ASYE)))
    dialog.caseload.setValue(9)
    dialog.accept()


def _main_window(controller: AppController) -> None:
    """The demo vault with a worker chosen, then a search."""
    from supnotes.ui.common import operations

    controller.start()
    while controller.window is None:
        _settle(50)
    window = controller.window
    window.resize(SIZE[0], SIZE[1] - FRAME)
    parts = window.parts
    while parts.workers.model.rowCount() == 0 or operations.busy():
        _settle(50)
    _add_new_worker(controller)
    while operations.busy():
        _settle(50)
    model = parts.workers.model
    chosen = next(s.worker.id for s in model.standings if s.worker.name == SELECTED)
    parts.workers.select_worker(chosen)
    parts.workers.table.setFocus()
    while operations.busy():
        _settle(50)
    _save(window, "main-window.png")
    parts.search_box.setFocus()
    parts.search_box.setText(SEARCH)
    parts.search_box.search_requested.emit(SEARCH)
    _settle(400)
    while operations.busy():
        _settle(50)
    parts.search_results.table.selectRow(0)
    _save(window, "main-window-search.png")
    settings = controller.open_settings()
    _save(settings, "settings.png")
    settings.reject()


def main() -> int:
    temp = Path(tempfile.mkdtemp(prefix="supnotes-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "XDG_STATE_HOME"):
        os.environ[var] = str(temp / var.lower())
        (temp / var.lower()).mkdir(mode=0o700)

    from supnotes.ui.shell.app import apply_machine_appearance, make_application
    from supnotes.ui.shell.controller import AppController
    from supnotes.ui.shell.machine_state import MachineState
    from supnotes.ui.shell.theme import Appearance

    app: QApplication = make_application()
    machine = MachineState(temp / "ui.ini")
    appearance = Appearance(app)
    apply_machine_appearance(appearance, machine)
    machine.set("ui.font_scale", SCALE)
    theme = next((a for a in sys.argv[1:] if not a.startswith("--")), "light")  # e.g. "dark"
    appearance.apply(theme, SCALE)

    folder = temp / "vault"
    _first_run(folder)
    _unlock(folder)

    controller = AppController(app, folder, machine=machine, appearance=appearance, demo=True)
    _main_window(controller)
    assert controller.lock is not None
    controller.lock.lock()
    assert controller.lock.lock_dialog is not None
    _save(controller.lock.lock_dialog, "lock-screen.png")
    controller.lock.close_vault()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
