"""After an unclean exit: the vault's full check runs in the background, its result shown.

Before the window opens, :class:`~supnotes.vault.vault.Vault` has only run
the quick check (the schema and every table that does not grow with the
records). The full check (every page's HMAC, the structure of every table and
index, the links) runs here on a connection of its own while the supervisor
works; the status bar says it is running and what it found, and problems get
the same message as File → Check the vault, pointing to Restore from a backup.
Locking or quitting stops it; a check stopped by the lock starts again when
the vault is unlocked.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from supnotes.ui.access.lock import LockController
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import CheckReport, Vault

RUNNING = "Checking the vault after the last unclean exit: you can work meanwhile…"
PASSED = "Vault checked after the last unclean exit: no problems found."
FAILED = "The vault check after the last unclean exit found problems."


class CrashCheck(QObject):
    finished = Signal(bool)  # True: the vault passed

    def __init__(self, window: QMainWindow, lock: LockController, vault: Vault) -> None:
        super().__init__(window)
        self._window = window
        self._vault = vault
        self._stop = threading.Event()
        #: None while running (or stopped), then whether the vault passed.
        self.passed: bool | None = None
        lock.about_to_lock.connect(self._stop_now)
        lock.unlocked.connect(self._unlocked)

    def _stop_now(self) -> None:
        self._stop.set()  # the event of the run under way (each run has its own)

    def _unlocked(self, vault: Vault) -> None:
        if self.passed is None:  # stopped by the lock before it finished
            self._vault = vault
            self._stop = threading.Event()
            self.start()

    def start(self) -> None:
        self._window.statusBar().showMessage(RUNNING)
        vault, stop = self._vault, self._stop
        run_in_background(
            lambda: vault.check_on_own_connection(stop=stop.is_set), self._done, self._failed
        )

    def _done(self, result: CheckReport) -> None:
        self.passed = result.ok
        if result.ok:
            self._window.statusBar().showMessage(PASSED, 15_000)
        else:
            self._window.statusBar().showMessage(FAILED)
            from supnotes.ui.file_menu import vault_care

            vault_care.show_problems(self._window, result, FAILED)
        self.finished.emit(result.ok)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        if self._stop.is_set():
            return  # locked or quitting: the window is shrouded or gone
        self._window.statusBar().showMessage(f"The vault could not be checked: {exc.one_line()}")


def start_if_needed(window: QMainWindow, lock: LockController, vault: Vault) -> CrashCheck | None:
    """Start the full check when the vault was left open by an unclean exit."""
    if not vault.recovered_from_crash:
        return None
    check = CrashCheck(window, lock, vault)
    check.start()
    return check
