"""Settings → Encryption key for handovers: whether this vault can receive one.

A handover from another supervisor is encrypted to this vault's X25519 key
pair (``docs/handover.md``). The section shows whether the vault has one,
its SHA-256 fingerprint (read-only but selectable, with a Copy button, to
read to HR or IT or to the giver), and offers "Create encryption key…" when
there is none and "Export public key…" (a ``.pem`` file to hand out) when
there is. The key is made at once (not on OK): it lives in the vault.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.services import encryption_key as keys
from supnotes.ui.common import file_dialogs, outcome
from supnotes.ui.dialogs.settings_sections import add_section
from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

ABSENT = (
    "No encryption key yet: nobody can hand a worker over to you. Create one, then export "
    "the public key for the giving supervisor (or HR/IT to register beside your certificate)."
)
PRESENT = (
    "Handovers to you are encrypted to this key; only this vault can open them. Export the "
    "public key for the giver, and read them the fingerprint by another way (phone, in person)."
)


class EncryptionKeySection(QGroupBox):
    """This vault's encryption key pair: shown, created, its public part exported."""

    changed = Signal()  # a key was created

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__("Encryption key for handovers", parent)
        self.setObjectName("encryption-key-section")
        self._vault = vault
        self.question: QMessageBox | None = None
        self.status = QLabel(self)
        self.status.setObjectName("encryption-key-status")
        self.status.setWordWrap(True)
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setObjectName("encryption-key-fingerprint")
        self.fingerprint.setReadOnly(True)
        self.fingerprint.setAccessibleName("Encryption key SHA-256 fingerprint")
        self.message = QLabel(self)
        self.message.setObjectName("encryption-key-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_button = QPushButton("Create encryption key…", self)
        self.create_button.setObjectName("encryption-key-create")
        self.create_button.clicked.connect(self.ask_create)
        self.copy_button = QPushButton("Copy fingerprint", self)
        self.copy_button.setObjectName("encryption-key-copy")
        self.copy_button.clicked.connect(self.copy_fingerprint)
        self.export_button = QPushButton("Export public key…", self)
        self.export_button.setObjectName("encryption-key-export")
        self.export_button.setToolTip(
            "Save the public part (.pem) to give to the supervisor handing over"
        )
        self.export_button.clicked.connect(self.choose_export)
        self.export_button.setAutoDefault(False)  # a file chooser: never the default
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Key (SHA-256):", self.fingerprint)
        self._form = form
        row = QHBoxLayout()
        for button in (self.create_button, self.copy_button, self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        key = keys.current(self._vault) if self._vault.is_open else None
        present = key is not None
        self.status.setText(PRESENT if present else ABSENT)
        self.fingerprint.setText(key.fingerprint if key else "")
        self.fingerprint.setCursorPosition(0)
        self.fingerprint.setVisible(present)
        label = self._form.labelForField(self.fingerprint)
        if label is not None:
            label.setVisible(present)
        self.create_button.setVisible(not present)
        self.create_button.setEnabled(not self._vault.read_only)
        self.copy_button.setVisible(present)
        self.export_button.setVisible(present)

    def _say(self, text: str) -> None:
        outcome.announce(self.message, text)

    # -- acts ------------------------------------------------------------------------

    def ask_create(self) -> QMessageBox:
        """Ask before making the key (kept in :attr:`question` for tests)."""
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Create an encryption key?",
            "This makes a key pair for receiving handovers. The private part stays inside "
            "this vault, protected by its encryption; you then export the public part for "
            "the supervisor handing a worker over to you.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        question.setObjectName("encryption-key-create-question")
        question.button(QMessageBox.StandardButton.Yes).setText("Create")
        question.setDefaultButton(QMessageBox.StandardButton.Yes)
        question.finished.connect(lambda _code: self._answered(question))
        self.question = question
        question.open()
        return question

    def _answered(self, question: QMessageBox) -> None:
        if question.clickedButton() is not question.button(QMessageBox.StandardButton.Yes):
            return
        self.create_key()

    def create_key(self) -> bool:
        try:
            keys.ensure(self._vault)
        except VaultError as exc:
            self._say(f"No key was made: {exc.one_line()}")
            return False
        self.refresh()
        self._say(
            "Encryption key made; its whole fingerprint is in the Key field above. "
            "Export the public key next."
        )
        self.export_button.setFocus()
        self.changed.emit()
        return True

    def copy_fingerprint(self) -> None:
        text = self.fingerprint.text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self._say("Fingerprint copied.")

    def choose_export(self) -> None:
        path = file_dialogs.choose_save_path(
            self,
            self._vault,
            "Export your public encryption key",
            "my-encryption-key.pem",
            "Public keys (*.pem);;All files (*)",
        )
        if path is not None:
            self.export_to(path if path.suffix else path.with_suffix(".pem"))

    def export_to(self, path: Path) -> bool:
        key = keys.current(self._vault)
        if key is None:
            self._say("There is no key to export yet: create one first.")
            return False
        try:
            write_atomic(path, keys.public_pem(key.public), mode=0o644)
        except (OSError, VaultError) as exc:
            reason = exc.one_line() if isinstance(exc, VaultError) else (exc.strerror or str(exc))
            self._say(f"The key was not saved: {reason}")
            return False
        # Done: the focus leaves the button (a second Enter reopened the save dialog)
        # for the fingerprint the message asks them to read out.
        outcome.done(
            self.message,
            f"Public key saved to {path}. Give it to the supervisor handing over, and "
            "read them the whole fingerprint in the Key field by another way "
            "(phone, in person).",
            self.fingerprint,
        )
        return True


def add_encryption_key_section(
    settings_dialog: QWidget, vault: Vault | None
) -> EncryptionKeySection | None:
    """Put the section at the end of the settings dialog's form (None without a vault)."""
    if vault is None:
        return None
    return add_section(
        settings_dialog,
        lambda content: EncryptionKeySection(vault, content),
    )
