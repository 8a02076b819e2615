"""Settings → Organisation escrow key: whether the organisation can recover this vault.

Shows whether the vault has an escrow slot, for which key (its SHA-256
fingerprint, to compare with the one IT publishes) and since when; adds it
from a file or from IT's machine-wide defaults, and removes it after a
question. Each change rewrites the key file at once (not on OK) and is
recorded in the access trail, so the section says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
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

from supnotes.services import escrow as escrow_service
from supnotes.ui.common import file_dialogs, outcome
from supnotes.ui.dialogs.settings_sections import add_section
from supnotes.vault.errors import VaultError
from supnotes.vault.escrow import EscrowPublicKey, fingerprint
from supnotes.vault.machine_defaults import MachineDefaults
from supnotes.vault.vault import Vault

ABSENT = (
    "No escrow slot: only your passphrase and your recovery key open this vault. If you "
    "lose both, nobody can recover your records."
)


class EscrowSection(QGroupBox):
    """The escrow slot's state and the acts on it."""

    changed = Signal()  # the slot was added, replaced or removed

    def __init__(
        self, vault: Vault, defaults: MachineDefaults, parent: QWidget | None = None
    ) -> None:
        super().__init__("Organisation escrow key", parent)
        self.setObjectName("escrow-section")
        self._vault = vault
        self._defaults = defaults
        self.question: QMessageBox | None = None
        self._init_rows()
        self._init_buttons()
        self.refresh()

    def _init_rows(self) -> None:
        self.status = QLabel(self)
        self.status.setObjectName("escrow-status")
        self.status.setWordWrap(True)
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setObjectName("escrow-fingerprint")
        self.fingerprint.setReadOnly(True)
        self.fingerprint.setAccessibleName("Escrow key SHA-256 fingerprint")
        self.added = QLabel(self)
        self.added.setObjectName("escrow-added")
        self.message = QLabel(self)
        self.message.setObjectName("escrow-message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Key (SHA-256):", self.fingerprint)
        form.addRow("Added:", self.added)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        self._form = form

    def _init_buttons(self) -> None:
        self.add_file = QPushButton("Add from a file…", self)
        self.add_file.setObjectName("escrow-add-file")
        self.add_file.setToolTip("The organisation's public key (PEM), as IT gave it to you")
        self.add_file.clicked.connect(self._choose_file)
        self.add_file.setAutoDefault(False)  # a file chooser: never the default
        self.add_defaults = QPushButton("Add your organisation's key", self)
        self.add_defaults.setObjectName("escrow-add-defaults")
        self.add_defaults.clicked.connect(self.add_from_defaults)
        self.remove = QPushButton("Remove…", self)
        self.remove.setObjectName("escrow-remove")
        self.remove.clicked.connect(self.ask_remove)
        row = QHBoxLayout()
        for button in (self.add_file, self.add_defaults, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)
        layout.addWidget(self.message)

    # -- showing ---------------------------------------------------------------------

    def refresh(self) -> None:
        info = escrow_service.current(self._vault)
        offered = self._defaults.escrow_public_key is not None
        required = offered and self._defaults.escrow_required
        present = info is not None
        self.fingerprint.setText(info.fingerprint if info else "")
        self.fingerprint.setCursorPosition(0)
        self.added.setText(_when(info.added_at) if info else "")
        for field in (self.fingerprint, self.added):
            field.setVisible(present)
            label = self._form.labelForField(field)
            if label is not None:
                label.setVisible(present)
        if info is None:
            self.status.setText(ABSENT)
        else:
            self.status.setText(
                f"Present ({info.scheme_label}): your organisation can open this vault with "
                "its private key, kept offline by IT, if you lose both your passphrase and "
                "your recovery key. Every such opening is recorded in the access trail."
            )
        writable = not self._vault.read_only
        self.add_file.setEnabled(writable)
        already = info is not None and info.fingerprint == self._offered_fingerprint()
        self.add_defaults.setVisible(offered)
        self.add_defaults.setEnabled(writable and offered and not already)
        self.add_defaults.setToolTip(
            "Your organisation's key is the one in this vault"
            if already
            else "The key your IT named in this computer's SupNotes defaults"
        )
        self.remove.setEnabled(writable and present and not required)
        self.remove.setToolTip(
            "Your organisation requires this key: IT set it for this computer"
            if required
            else "Take the escrow slot out of the key file"
        )

    def _offered_fingerprint(self) -> str | None:
        try:
            key = escrow_service.organisation_key(self._defaults)
        except VaultError:
            return None
        return None if key is None else fingerprint(key)

    def _say(self, text: str) -> None:
        outcome.announce(self.message, text)

    # -- acts ------------------------------------------------------------------------

    def _choose_file(self) -> None:
        path = file_dialogs.choose_open_path(
            self,
            self._vault,
            "Organisation escrow key",
            "Public keys (*.pem *.crt *.der);;All files (*)",
        )
        if path is not None:
            self.add_from_file(path)

    def add_from_file(self, path: Path) -> bool:
        try:
            key = escrow_service.read_public_key(path)
        except VaultError as exc:
            self._say(f"Nothing was changed: {exc.message} ({exc.detail})")
            return False
        return self._add(key)

    def add_from_defaults(self) -> bool:
        try:
            key = escrow_service.organisation_key(self._defaults)
        except VaultError as exc:
            self._say(f"Nothing was changed: {exc.message} ({exc.detail})")
            return False
        return key is not None and self._add(key)

    def _add(self, key: EscrowPublicKey) -> bool:
        try:
            info = escrow_service.add(self._vault, key)
        except (VaultError, OSError) as exc:
            reason = exc.one_line() if isinstance(exc, VaultError) else str(exc)
            self._say(f"Nothing was changed: {reason}")
            return False
        self.refresh()
        # Done: the focus leaves the button (Enter would open the act again) for the
        # fingerprint to compare with the one IT publishes.
        outcome.done(
            self.message,
            f"Escrow key {info.fingerprint[:23]}… added; recorded in the access trail.",
            self.fingerprint,
        )
        self.changed.emit()
        return True

    def ask_remove(self) -> QMessageBox:
        """Ask before removing (the question is kept in :attr:`question` for tests)."""
        question = build_remove_question(self)
        question.finished.connect(lambda _code: self._answered(question))
        self.question = question
        question.open()
        return question

    def _answered(self, question: QMessageBox) -> None:
        if question.clickedButton() is not question.button(QMessageBox.StandardButton.Yes):
            return
        try:
            escrow_service.remove(self._vault)
        except (VaultError, OSError) as exc:
            reason = exc.one_line() if isinstance(exc, VaultError) else str(exc)
            self._say(f"Nothing was changed: {reason}")
            return
        self.refresh()
        # The Remove button is now disabled: the focus goes to the dialog's OK.
        outcome.done(self.message, "Escrow slot removed; recorded in the access trail.")
        self.changed.emit()


def _when(stamp: str) -> str:
    """``2026-11-30T17:03:00+00:00`` as ``2026-11-30 17:03 UTC``."""
    if stamp.endswith("+00:00") and len(stamp) >= 16:
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp.replace("T", " ")


def build_remove_question(parent: QWidget) -> QMessageBox:
    question = QMessageBox(
        QMessageBox.Icon.Warning,
        "Remove the organisation escrow key?",
        "Your organisation will no longer be able to recover this vault. If you then lose "
        "both your passphrase and your recovery key, nobody can open your records again.\n\n"
        "The removal is recorded in the access trail.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    question.setObjectName("escrow-remove-question")
    question.button(QMessageBox.StandardButton.Yes).setText("Remove")
    question.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return question


def add_escrow_section(
    settings_dialog: QWidget, vault: Vault | None, defaults: MachineDefaults
) -> EscrowSection | None:
    """Put the section at the end of the settings dialog's form (None without a vault)."""
    if vault is None:
        return None
    return add_section(
        settings_dialog,
        lambda content: EscrowSection(vault, defaults, content),
    )
