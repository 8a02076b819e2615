"""File → Export and import → Hand over a worker…: one worker's history to another supervisor.

The supervisor chooses the worker, the receiving supervisor's public
encryption key (the ``.pem`` they exported from Settings, or ``supnotes
encryption-key``), optionally the receiver's name, whether private notes go
too (off by default), and where the package goes: a file, or the
organisation's hub when one is set for this vault (queued in the outbox;
File → Send to the organisation… sends it). The work is the function
``supnotes handover`` calls (:mod:`supnotes.services.handover`), off the UI
thread behind a progress dialog. Afterwards the worker is marked handed over:
the giver's copy follows the retention rule as if they had left that day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP
from supnotes.services import encryption_key as keys
from supnotes.services import handover, hub_connection
from supnotes.services.handover_envelope import Sealed
from supnotes.ui.common.file_dialogs import choose_open_path, choose_save_path
from supnotes.ui.common.fit import grow_on_screen
from supnotes.ui.common.operations import run_with_progress
from supnotes.ui.file_menu.fingerprint_lines import two_lines
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

Report = Callable[[str], None]
TITLE = "Hand over a worker"
KEY_FILTER = "Public encryption keys (*.pem);;All files (*)"
HANDOVER_FILTER = "SupNotes handovers (*.supnotes-handover);;All files (*)"
PRIVATE_WARNING = (
    "Your private notes will go to the receiving supervisor with the records: they are "
    "still disclosable on request."
)


def _reason(exc: BaseException) -> str | None:
    from supnotes.hub.errors import HubError
    from supnotes.services.hub_connection import NoHubConfigured
    from supnotes.services.identity import NoIdentity
    from supnotes.vault.errors import VaultError

    if isinstance(exc, NoHubConfigured):
        return "no organisation's hub is set for this vault."
    if isinstance(exc, VaultError):
        return exc.one_line()
    if isinstance(exc, OSError):
        return f"the file could not be written ({exc.strerror})."
    if isinstance(exc, KeyError):
        return "that worker is no longer in this vault."
    if isinstance(exc, NoIdentity | HubError | ValueError):
        return str(exc)
    return None


def failure_text(exc: BaseException) -> str | None:
    """A failed handover in plain words (nothing was marked); None for a bug."""
    reason = _reason(exc)
    return None if reason is None else f"Nothing was handed over: {reason}"


class HandOverDialog(QDialog):
    def __init__(
        self,
        vault: Vault,
        report: Report,
        parent: QWidget | None = None,
        selected_worker_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hand-over")
        self.setWindowTitle(TITLE)
        self._vault = vault
        self._report = report
        self.recipient: X25519PublicKey | None = None
        self.sealed: Sealed | None = None
        self.hub = hub_connection.configured(vault) is not None
        self._init_fields(selected_worker_id)
        self._init_layout()
        self.worker.setFocus()

    def _init_fields(self, selected_worker_id: str | None) -> None:
        vault = self._vault
        self.worker = QComboBox()
        self.worker.setObjectName("worker")
        for worker in sorted(WorkerRepository(vault).all(), key=lambda w: w.name.casefold()):
            self.worker.addItem(worker.name, worker.id)
        if (
            selected_worker_id is not None
            and (found := self.worker.findData(selected_worker_id)) >= 0
        ):
            self.worker.setCurrentIndex(found)
        self.key_path = QLineEdit()
        self.key_path.setObjectName("receiver-key")
        self.key_path.setReadOnly(True)
        self.key_path.setPlaceholderText("the receiver's public key (.pem)")
        self.choose_key = QPushButton("&Choose…")
        self.choose_key.setObjectName("choose-key")
        self.choose_key.clicked.connect(self._choose_key)
        # It opens a file chooser: never the default button, even after a click,
        # so Enter in the receiver's name hands over (it reopened the chooser).
        self.choose_key.setAutoDefault(False)
        self.key_note = QLabel(
            "Ask the receiving supervisor for their public key (Settings → Export public "
            "key…) and check its fingerprint with them by phone or in person."
        )
        self.key_note.setObjectName("key-note")
        self.key_note.setWordWrap(True)
        self.receiver_name = QLineEdit()
        self.receiver_name.setObjectName("receiver-name")
        self.receiver_name.setPlaceholderText("optional: shown in your retention review")
        self.private = QCheckBox(f"&{INCLUDE_PRIVATE_HELP[0].upper()}{INCLUDE_PRIVATE_HELP[1:]}")
        self.private.setObjectName("include-private")
        self.private_warning = QLabel(PRIVATE_WARNING)
        self.private_warning.setObjectName("private-warning")
        self.private_warning.setWordWrap(True)
        self.private_warning.setVisible(False)
        self.private.toggled.connect(self.private_warning.setVisible)
        self.private.toggled.connect(lambda _on: self._grow())
        self.to_file = QRadioButton("Save to a &file")
        self.to_file.setObjectName("to-file")
        self.to_file.setChecked(True)
        self.to_hub = QRadioButton("Send to the organisation's &hub")
        self.to_hub.setObjectName("to-hub")
        self.to_hub.setEnabled(self.hub)
        if not self.hub:
            self.to_hub.setToolTip("No organisation's hub is set for this vault (IT sets one)")

    def _init_layout(self) -> None:
        retention = QLabel(
            "Their signed records go, with their open actions; drafts stay on this laptop "
            "(sign a draft first if the next supervisor needs it). Afterwards your copy of "
            "their records follows the retention rule as if they had left today "
            "(File → Retention review…)."
        )
        retention.setWordWrap(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._row(form, "&Worker:", self.worker)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path, 1)
        key_row.addWidget(self.choose_key)
        key_label = QLabel("Receiver's &key:")
        key_label.setBuddy(self.choose_key)
        form.addRow(key_label, key_row)
        form.addRow("", self.key_note)
        self._row(form, "Receiver's &name:", self.receiver_name)
        where = QVBoxLayout()
        where.addWidget(self.to_file)
        where.addWidget(self.to_hub)
        form.addRow("Where:", where)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.give = buttons.addButton("Hand &over", QDialogButtonBox.ButtonRole.AcceptRole)
        self.give.setObjectName("hand-over-now")
        self.give.setDefault(True)
        self.give.setEnabled(False)
        buttons.accepted.connect(self.hand_over)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.private)
        layout.addWidget(self.private_warning)
        layout.addWidget(retention)
        layout.addWidget(buttons)

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)

    # -- the receiver's key --------------------------------------------------------------

    def key_file(self) -> Path | None:
        """Which key file (the project's open dialog); tests replace it."""
        return choose_open_path(self, self._vault, "The receiver's public key", KEY_FILTER)

    def _choose_key(self) -> None:
        path = self.key_file()
        if path is not None:
            self.use_key(path)

    def use_key(self, path: Path) -> bool:
        """Read the receiver's key; a plain message in the dialog if it is not one."""
        self.recipient = None
        self.give.setEnabled(False)
        self.key_path.setText(str(path))
        self.key_path.setCursorPosition(0)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.key_note.setText(f"{path.name} could not be read ({exc.strerror}).")
            self._grow()
            return False
        try:
            key = keys.load_public_pem(data)
        except keys.EncryptionKeyError as exc:
            self.key_note.setText(f"{path.name}: {exc}.")
            self._grow()
            return False
        own = keys.current(self._vault)
        fingerprint = keys.key_fingerprint(key)
        if own is not None and own.fingerprint == fingerprint:
            self.key_note.setText(
                f"{path.name} is this vault's own key: choose the receiving supervisor's."
            )
            self._grow()
            return False
        self.recipient = key
        self.key_note.setText(
            f"Check this fingerprint (SHA-256) with the receiver:\n{two_lines(fingerprint)}"
        )
        self._enable_give(self.worker.count() > 0)
        self._grow()
        return True

    def _enable_give(self, enabled: bool) -> None:
        """Hand over, enabled or not; once enabled it is the default again.

        While it was disabled Qt made Cancel the default, and Enter in the
        receiver's name would have closed the dialog.
        """
        self.give.setEnabled(enabled)
        if enabled:
            self.give.setDefault(True)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._grow()  # its wrapped notes need more lines at 150% text than the hint says

    def _grow(self) -> None:
        """After a message grew: take the room it needs, on the screen (seen at 150% text)."""
        if self.isVisible():
            QTimer.singleShot(0, lambda: grow_on_screen(self))

    # -- handing over ------------------------------------------------------------------

    def chosen_path(self, suggested: str) -> Path | None:
        """Where to save (the project's save dialog, remembering the folder); tests replace it."""
        return choose_save_path(self, self._vault, TITLE, suggested, HANDOVER_FILTER)

    def hand_over(self) -> None:
        worker_id = self.worker.currentData()
        name = self.worker.currentText()
        recipient = self.recipient
        if worker_id is None or recipient is None:
            return
        include_private = self.private.isChecked()
        to_name = self.receiver_name.text()
        vault = self._vault
        if self.to_hub.isChecked():
            destination = "the organisation's hub (queued)"

            def work() -> Sealed:
                return handover.hand_over_to_hub(
                    vault,
                    str(worker_id),
                    recipient,
                    include_private=include_private,
                    to_name=to_name,
                    hold=vault.exclusive,
                )
        else:
            path = self.chosen_path(
                f"Handover of {name} {date.today().isoformat()}.supnotes-handover"
            )
            if path is None:
                return
            destination = str(path)

            def work() -> Sealed:
                return handover.hand_over(
                    vault,
                    str(worker_id),
                    recipient,
                    path,
                    include_private=include_private,
                    to_name=to_name,
                    hold=vault.exclusive,
                )

        self.give.setEnabled(False)

        def done(sealed: Sealed) -> None:
            self.sealed = sealed
            mark = handover.handed_over(vault, str(worker_id))
            named = " ".join(to_name.split())
            to = named or "the receiver"  # not the key's 95-character fingerprint
            fingerprint = mark.to if mark is not None else sealed.recipient_fingerprint
            hub = self.to_hub.isChecked()
            # One line for the status bar; the rest is its detail, in its tooltip and
            # accessible description (ui/common/status_line.py). The outcome comes
            # first: with long names the line is cut at the right (seen at 150%:
            # "Handed over … to … (Northmoor West…" lost "file saved").
            where = "Queued for the hub" if hub else "File saved"
            then = "File → Send to the organisation… sends it. " if hub else ""
            self._report(
                f"{where}: handed over {name} to {to}.\n"
                f"To {fingerprint}: {destination}. {then}Your copy now follows the retention "
                "rule as if they had left today."
            )
            self.accept()

        run_with_progress(self, f"Handing over {name}…", work, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._enable_give(self.recipient is not None)
        text = failure_text(exc)
        if text is None:
            raise exc
        QMessageBox.warning(self, TITLE, text)
