"""File → Keys: change the passphrase, make a new recovery key.

Both use the open vault's own APIs (:meth:`Vault.change_passphrase`,
:meth:`Vault.new_recovery_key`); the passphrase rule is the one the
first-run wizard shows (:mod:`supnotes.domain.passphrases`). Deriving the
new key takes a second or two, so it runs off the UI thread.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.access import recovery_sheet
from supnotes.ui.access.passphrase_fields import PassphraseFields
from supnotes.ui.common.operations import run_with_progress
from supnotes.vault.errors import TooManyAttempts, VaultError, WrongPassphrase
from supnotes.vault.throttle import UnlockThrottle
from supnotes.vault.vault import Unlock, Vault

Report = Callable[[str], None]


def change_passphrase(vault: Vault, current: str, new: str) -> None:
    """Change ``vault``'s passphrase to ``new`` once ``current`` is shown to open it.

    An unattended, unlocked laptop must not let a passer-by set a passphrase of
    their own: the current one is checked against the vault's key file first,
    with the same wait between wrong attempts as the unlock screen.
    """
    throttle = UnlockThrottle(vault.paths.attempts)
    throttle.check()
    try:
        opened = Unlock(passphrase=current).data_key(vault.keyfile)
    except WrongPassphrase:
        throttle.failed()
        raise
    if not hmac.compare_digest(opened, vault.data_key):
        throttle.failed()
        raise WrongPassphrase
    throttle.succeeded()
    vault.change_passphrase(new)


class ChangePassphraseDialog(QDialog):
    """The current passphrase, then a new one typed twice; OK only when the rule accepts it."""

    def __init__(self, vault: Vault, report: Report, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("change-passphrase")
        self.setWindowTitle("Change passphrase")
        self._vault = vault
        self._report = report
        intro = QLabel(
            "Choose the passphrase that will unlock this vault from now on. "
            "Your recovery key stays the same, and backups already made still open "
            "with the passphrase they were made with.",
            self,
        )
        intro.setWordWrap(True)
        self.current = QLineEdit(self)
        self.current.setObjectName("current-passphrase")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName("Current passphrase")
        current_label = QLabel("C&urrent passphrase:", self)
        current_label.setBuddy(self.current)
        self.wrong = QLabel("", self)
        self.wrong.setObjectName("current-passphrase-problem")
        self.wrong.setWordWrap(True)
        self.wrong.setVisible(False)
        self.fields = PassphraseFields(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Change passphrase")
        self.buttons.accepted.connect(self._change)
        self.buttons.rejected.connect(self.reject)
        self.fields.changed.connect(self._update)
        self.current.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(current_label)
        layout.addWidget(self.current)
        layout.addWidget(self.wrong)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.current.text()) and self.fields.is_valid)

    def _change(self) -> None:
        if not self.current.text() or not self.fields.is_valid:
            return
        current, passphrase = self.current.text(), self.fields.passphrase
        vault = self._vault
        self.wrong.setVisible(False)
        self.setEnabled(False)
        run_with_progress(
            self,
            "Checking and changing the passphrase…",
            lambda: change_passphrase(vault, current, passphrase),
            self._done,
            self._failed,
        )

    def _done(self, _result: None) -> None:
        self._report("Passphrase changed. Your recovery key is unchanged.")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.setEnabled(True)
        if isinstance(exc, WrongPassphrase | TooManyAttempts):
            # Said beside the box, which takes the keyboard again; nothing changed.
            self.wrong.setText(f"Passphrase not changed: {exc.one_line()}")
            self.wrong.setVisible(True)
            self.current.selectAll()
            self.current.setFocus()
            return
        QMessageBox.warning(self, "Passphrase not changed", exc.one_line())


class RecoveryKeyDialog(QDialog):
    """The new recovery key, shown once, with print and save; Close once kept."""

    def __init__(self, recovery_key: str, folder: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("new-recovery-key")
        self.setWindowTitle("New recovery key")
        self.recovery_key = recovery_key
        intro = QLabel(
            "This is your new recovery key. The old one no longer opens this vault "
            "(backups made before today still open with it). SupNotes shows it only now.",
            self,
        )
        intro.setWordWrap(True)
        key = QLabel(recovery_key, self)
        key.setObjectName("recovery-key")
        key.setStyleSheet("font-family: monospace; font-size: 14pt")
        key.setWordWrap(True)
        print_button = QPushButton("&Print…", self)
        print_button.clicked.connect(
            lambda: recovery_sheet.print_recovery_key(self, recovery_key, folder)
        )
        save_button = QPushButton("&Save as a file…", self)
        save_button.clicked.connect(
            lambda: recovery_sheet.save_recovery_key(self, recovery_key, folder)
        )
        self.kept = QCheckBox("I have printed or written down the new recovery &key", self)
        self.kept.setObjectName("recovery-kept")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setEnabled(False)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(print_button)
        row.addWidget(save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(key)
        layout.addLayout(row)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        """Escape closes only once the key is kept."""
        if self.kept.isChecked():
            super().reject()


def ask_new_recovery_key(parent: QWidget | None) -> QMessageBox:
    """The question before replacing the recovery key (No is the default); caller opens it."""
    box = QMessageBox(parent)
    box.setObjectName("new-recovery-key-question")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("New recovery key")
    box.setText("Make a new recovery key?")
    box.setInformativeText(
        "Do this if the old key was lost or seen by someone else. "
        "The old key stops opening this vault at once."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("&Make a new key")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def make_new_recovery_key(
    vault: Vault, parent: QWidget | None, shown: Callable[[RecoveryKeyDialog], None]
) -> None:
    """Replace the recovery slot off the UI thread, then show the key to ``shown``."""
    folder = vault.paths.folder

    def done(recovery_key: str) -> None:
        dialog = RecoveryKeyDialog(recovery_key, folder, parent)
        dialog.open()
        shown(dialog)

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        QMessageBox.warning(parent, "No new recovery key", exc.one_line())

    run_with_progress(parent, "Making a new recovery key…", vault.new_recovery_key, done, failed)
