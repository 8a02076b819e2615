"""Unlock the vault: with the passphrase, or with the recovery key and a new passphrase.

Opening runs off the UI thread (Argon2id takes about half a second). Every
vault error is shown as its message and advice, with the next step as a
button where there is one: use the recovery key, restore the latest backup,
wait out the throttle (a visible countdown; the Unlock button stays disabled).
The same dialog, with ``relock=True``, is the lock screen.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.access.passphrase_fields import PassphraseFields
from supnotes.ui.access.vault_errors import NextStep, describe, wait_words
from supnotes.ui.common.fit import grow_on_screen
from supnotes.ui.common.operations import run_in_background
from supnotes.vault.errors import TooManyAttempts, VaultError
from supnotes.vault.paths import VaultPaths
from supnotes.vault.throttle import UnlockThrottle
from supnotes.vault.vault import Unlock, Vault

Opener = Callable[[Path, Unlock], Vault]


def open_with_new_passphrase(folder: Path, recovery_key: str, new_passphrase: str) -> Vault:
    """Open with the recovery key, then set the new passphrase (worker thread)."""
    vault = Vault.open(folder, Unlock(recovery_key=recovery_key))
    try:
        vault.change_passphrase(new_passphrase)
    except BaseException:
        vault.close()
        raise
    return vault


class ErrorPanel(QWidget):
    """Title, message, advice and an optional next-step button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error-panel")
        self.title = QLabel(self)
        self.title.setObjectName("error-title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel(self)
        self.message.setObjectName("error-message")
        self.message.setWordWrap(True)
        self.action = QPushButton(self)
        self.action.setObjectName("error-action")
        # Enter must never reach this button by accident: it leaves the page.
        self.action.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.action)
        row.addStretch(1)
        layout.addLayout(row)
        self.hide()

    def show_error(self, title: str, text: str, action: str | None) -> None:
        self.title.setText(title)
        self.message.setText(text)
        self.action.setVisible(action is not None)
        self.action.setText(action or "")
        self.show()

    def text(self) -> str:
        return f"{self.title.text()}\n{self.message.text()}"


class UnlockDialog(QDialog):
    """Asks for the passphrase (or recovery key); emits :attr:`unlocked` with the open vault."""

    unlocked = Signal(object)  # the open Vault
    unlock_started = Signal()  # the key derivation runs on a worker thread from now

    def __init__(
        self,
        folder: Path,
        *,
        relock: bool = False,
        idle: bool = True,
        demo_passphrase: str | None = None,
        opener: Opener = Vault.open,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.relock = relock
        self.idle = idle
        self._opener = opener
        self._retry_at = 0.0
        self._busy = False
        self.vault: Vault | None = None
        self.setObjectName("unlock-dialog")
        self.setWindowTitle("SupNotes is locked" if relock else "Unlock SupNotes")
        self.setMinimumWidth(460)
        self._init_passphrase_page(demo_passphrase)
        self._init_recovery_page()
        self._init_layout()
        self._init_countdown()
        self._next_step = NextStep.NONE

    # -- construction ------------------------------------------------------------

    def _init_passphrase_page(self, demo_passphrase: str | None) -> None:
        self.passphrase_page = QWidget(self)
        intro = QLabel(self.passphrase_page)
        intro.setWordWrap(True)
        intro.setObjectName("unlock-intro")
        if self.relock and not self.idle:
            intro.setText(
                "<b>SupNotes is locked.</b><br>Type your passphrase to carry on where you were."
            )
        elif self.relock:
            intro.setText(
                "<b>SupNotes locked itself</b> to keep your notes private.<br>"
                "Type your passphrase to carry on where you were."
            )
        else:
            intro.setText(
                "<b>Welcome back.</b><br>Type your passphrase to open your supervision notes."
            )
        self.passphrase = QLineEdit(self.passphrase_page)
        self.passphrase.setObjectName("unlock-passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.try_passphrase)
        self.passphrase.textChanged.connect(self._update_buttons)
        self.unlock_button = QPushButton("&Unlock", self.passphrase_page)
        self.unlock_button.setObjectName("unlock-button")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_passphrase)
        self.forgot = QPushButton("Forgot your passphrase? Use the &recovery key", self)
        self.forgot.setObjectName("use-recovery-key")
        self.forgot.setFlat(True)
        self.forgot.setAutoDefault(False)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.setStyleSheet(
            "QPushButton { color: palette(link); border: none; padding: 2px 0; }"
        )
        self.forgot.clicked.connect(self.show_recovery_page)
        self.countdown = QLabel(self.passphrase_page)
        self.countdown.setObjectName("countdown")
        self.countdown.hide()
        layout = QVBoxLayout(self.passphrase_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        if demo_passphrase is not None:
            demo = QLabel(
                f"This is a demo vault of made-up people. Its passphrase is "
                f"<code>{demo_passphrase}</code>",
                self.passphrase_page,
            )
            demo.setObjectName("demo-passphrase")
            demo.setWordWrap(True)
            demo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(demo)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        layout.addWidget(self.countdown)
        layout.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def _init_recovery_page(self) -> None:
        self.recovery_page = QWidget(self)
        intro = QLabel(
            "Type the recovery key you printed or saved when the vault was created, "
            "then choose a new passphrase.",
            self.recovery_page,
        )
        intro.setWordWrap(True)
        self.recovery_key = QLineEdit(self.recovery_page)
        self.recovery_key.setObjectName("unlock-recovery-key")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new_passphrase = PassphraseFields(self.recovery_page)
        self.recover_button = QPushButton("Unlock and set &new passphrase", self.recovery_page)
        self.recover_button.setObjectName("recover-button")
        self.recover_button.clicked.connect(self.try_recovery_key)
        self.recover_button.setAutoDefault(False)
        back = QPushButton("&Back to passphrase", self.recovery_page)
        back.setAutoDefault(False)
        back.clicked.connect(self.show_passphrase_page)
        self.recovery_key.textChanged.connect(self._update_buttons)
        self.new_passphrase.changed.connect(self._update_buttons)
        layout = QVBoxLayout(self.recovery_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow("Recovery &key:", self.recovery_key)
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.recover_button)
        layout.addLayout(row)

    def _init_layout(self) -> None:
        self.current_page: QWidget = self.passphrase_page
        self.recovery_page.hide()
        self.error_panel = ErrorPanel(self)
        self.error_panel.action.clicked.connect(self._run_next_step)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setFixedHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.buttons = QDialogButtonBox(self)
        close = self.buttons.addButton(
            "&Quit SupNotes" if self.relock else "Close",
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        close.setAutoDefault(False)
        close.clicked.connect(self.quit_requested)
        where = QLabel(f"Vault: {self.folder}", self)
        where.setObjectName("vault-folder")
        where.setEnabled(False)
        where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.passphrase_page)
        layout.addWidget(self.recovery_page)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_panel)
        layout.addStretch(1)
        layout.addWidget(where)
        layout.addWidget(self.buttons)

    def _init_countdown(self) -> None:
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        wait = UnlockThrottle(VaultPaths(self.folder).attempts).remaining()
        if wait > 0:
            self.start_countdown(wait)
        self._update_buttons()

    # -- pages -------------------------------------------------------------------

    def show_recovery_page(self) -> None:
        self._switch_to(self.recovery_page)
        self.forgot.hide()
        self.recover_button.setDefault(True)
        self.recovery_key.setFocus()

    def show_passphrase_page(self) -> None:
        self._switch_to(self.passphrase_page)
        self.forgot.show()
        self.unlock_button.setDefault(True)
        self.passphrase.setFocus()

    def _switch_to(self, page: QWidget) -> None:
        # Shown and hidden rather than stacked, so the dialog takes the size
        # of the page in view (the passphrase page is much shorter).
        self.error_panel.hide()
        self.current_page = page
        other = self.recovery_page if page is self.passphrase_page else self.passphrase_page
        other.hide()
        page.show()
        self.adjustSize()

    # -- unlocking -------------------------------------------------------------

    def try_passphrase(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        secret = self.passphrase.text()
        folder, opener = self.folder, self._opener
        self._start(lambda: opener(folder, Unlock(passphrase=secret)))

    def try_recovery_key(self) -> None:
        if not self.recover_button.isEnabled():
            return
        key, new = self.recovery_key.text(), self.new_passphrase.passphrase
        folder = self.folder
        self._start(lambda: open_with_new_passphrase(folder, key, new))

    def _start(self, work: Callable[[], Vault]) -> None:
        self._busy = True
        self.error_panel.hide()
        self.progress.show()
        self._update_buttons()
        run_in_background(work, self._succeeded, self._failed)
        self.unlock_started.emit()

    def _succeeded(self, vault: Vault) -> None:
        self._busy = False
        self.progress.hide()
        self.passphrase.clear()
        self.recovery_key.clear()
        self.vault = vault
        self.unlocked.emit(vault)
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        # The lock screen is left only by unlocking or by its Quit button, so
        # Escape or the window's close box cannot end the program by accident.
        if self.relock:
            return
        super().reject()

    def quit_requested(self) -> None:
        self.done(QDialog.DialogCode.Rejected)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.progress.hide()
        if not isinstance(exc, VaultError):
            self._update_buttons()
            raise exc
        self.show_error(exc)

    def show_error(self, exc: VaultError) -> None:
        """Show ``exc`` as its title, message and advice, with its next step."""
        view = describe(exc)
        self._next_step = view.next_step
        action = self._action_label(view.next_step)
        self.error_panel.show_error(view.title, f"{view.message}\n{view.advice}", action)
        if isinstance(exc, TooManyAttempts):
            self.start_countdown(exc.wait_seconds)
        else:
            wait = UnlockThrottle(VaultPaths(self.folder).attempts).remaining()
            if wait > 0:
                self.start_countdown(wait)
        self._update_buttons()
        self.passphrase.setFocus()
        self.passphrase.selectAll()
        self._grow()

    def _grow(self) -> None:
        """After a message appeared: take the height its wrapped lines need, on the screen.

        Without it the first error squashed the lines above it (the demo's
        passphrase hidden behind the field): a dialog's layout gives wrapped
        labels the height of their size hint, not what their width needs.
        """
        if self.isVisible():
            QTimer.singleShot(0, lambda: grow_on_screen(self))

    def _action_label(self, step: NextStep) -> str | None:
        if step is NextStep.USE_RECOVERY_KEY and self.current_page is self.passphrase_page:
            return "Use the recovery key instead…"
        if step is NextStep.RESTORE_BACKUP:
            from supnotes.vault.backup import latest_backup  # only when something went wrong

            backups = VaultPaths(self.folder).backups
            return (
                "Restore the latest backup…"
                if latest_backup(backups)
                else "Restore from a backup file…"
            )
        if step is NextStep.CHOOSE_FOLDER and not self.relock:
            return "Restore from a backup file…"
        return None

    def _run_next_step(self) -> None:
        if self._next_step is NextStep.USE_RECOVERY_KEY:
            self.show_recovery_page()
        elif self._next_step in (NextStep.RESTORE_BACKUP, NextStep.CHOOSE_FOLDER):
            self.restore_from_backup()

    # -- restoring ---------------------------------------------------------------

    def restore_from_backup(self, backup: Path | None = None, *, confirm: bool = True) -> None:
        """Replace the vault with a backup, then open it with the typed secret."""
        from supnotes.vault.backup import latest_backup

        backup = backup or latest_backup(VaultPaths(self.folder).backups)
        if backup is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, "Choose a SupNotes backup", str(self.folder), "Backups (*.snbackup)"
            )
            if not chosen:
                return
            backup = Path(chosen)
        if confirm and not self._confirm_restore(backup):
            return
        unlock = self._typed_unlock()
        if unlock is None:
            self.error_panel.show_error(
                "Passphrase needed",
                "Type the passphrase (or recovery key) the backup was made with, "
                "then choose Restore again.",
                self._action_label(NextStep.RESTORE_BACKUP),
            )
            return
        folder, opener = self.folder, self._opener

        def work() -> Vault:
            # Imported here: restoring is rare, and the unlock dialog shows without them.
            from supnotes.services.backups import record_restore
            from supnotes.vault.restore import restore_backup

            restore_backup(backup, folder, unlock)
            vault = opener(folder, unlock)
            record_restore(vault, backup)
            return vault

        self._start(work)

    def _confirm_restore(self, backup: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Restore backup",
            f"Replace the vault with the backup {backup.name}?\n\n"
            "The damaged vault is kept aside in the vault folder, not deleted. "
            "Anything written after the backup was made is not in it.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _typed_unlock(self) -> Unlock | None:
        if self.current_page is self.recovery_page and self.recovery_key.text():
            return Unlock(recovery_key=self.recovery_key.text())
        if self.passphrase.text():
            return Unlock(passphrase=self.passphrase.text())
        return None

    # -- throttling ----------------------------------------------------------------

    def start_countdown(self, seconds: float) -> None:
        self._retry_at = time.monotonic() + seconds
        self._tick()
        self._timer.start()
        self._grow()  # the countdown's line

    def seconds_left(self) -> int:
        return max(0, math.ceil(self._retry_at - time.monotonic()))

    def _tick(self) -> None:
        left = self.seconds_left()
        if left <= 0:
            self._timer.stop()
            self.countdown.hide()
        else:
            self.countdown.setText(f"Too many wrong attempts. Try again {wait_words(left)}.")
            self.countdown.show()
        self._update_buttons()

    def _update_buttons(self) -> None:
        waiting = self.seconds_left() > 0
        idle = not self._busy
        self.unlock_button.setEnabled(idle and not waiting and bool(self.passphrase.text()))
        self.recover_button.setEnabled(
            idle and not waiting and bool(self.recovery_key.text()) and self.new_passphrase.is_valid
        )
        # Read-only rather than disabled while working: a disabled field
        # gives its focus away, and the Enter that started the attempt then
        # reached the next button (the recovery-key link) and left the page.
        self.passphrase.setReadOnly(not idle)
        self.error_panel.action.setEnabled(idle)


def build_unlock_dialog(
    folder: Path,
    *,
    relock: bool = False,
    idle: bool = True,
    demo_passphrase: str | None = None,
    opener: Opener = Vault.open,
    parent: QWidget | None = None,
) -> UnlockDialog:
    """The unlock dialog for the vault in ``folder``.

    ``relock``: the lock screen; ``idle``: SupNotes locked itself (else the
    supervisor locked it, e.g. with Ctrl+L, and is not told it "locked itself").
    ``opener`` opens the vault on a worker thread (the app's also clears empty drafts).
    """
    return UnlockDialog(
        folder,
        relock=relock,
        idle=idle,
        demo_passphrase=demo_passphrase,
        opener=opener,
        parent=parent,
    )
