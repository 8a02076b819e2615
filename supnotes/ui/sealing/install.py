"""Put sealing into the main window: File → Verify a record…, and review-and-seal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QWidget,
)

from supnotes.vault.vault import Vault

if TYPE_CHECKING:
    from cryptography import x509

    from supnotes.ui.sealing.review_dialog import ReviewDialog

# The dialogs import the PDF stack (reportlab, pyHanko, PDFium): they are
# imported when first opened, so they cost nothing at start-up.

VaultSource = Callable[[], Vault | None]


class SealingActions(QObject):
    """What the main window gains; ``open_review`` is the slot for ``review_requested``."""

    def __init__(self, window: QMainWindow, vault: VaultSource) -> None:
        super().__init__(window)
        self._window = window
        self._vault = vault
        self.verify = QAction("&Verify a record…", window)
        self.verify.setStatusTip("Check the signatures of a signed PDF record")
        self.verify.triggered.connect(self.open_verify)

    def _trust_roots(self) -> list[x509.Certificate]:
        from supnotes.services import trust

        vault = self._vault()
        return [] if vault is None or not vault.is_open else trust.trust_roots(vault)

    def open_verify(self) -> None:
        from supnotes.ui.sealing.verify_dialog import build_verify_dialog

        build_verify_dialog(self._window, self._trust_roots).open()

    def open_review(self, record_id: str) -> ReviewDialog | None:
        from supnotes.ui.sealing.review_dialog import build_review_dialog

        vault = self._vault()
        if vault is None:
            return None
        # Over the window that asked (the record's editor), so that closing
        # the review gives the keyboard back to it, not to the main window.
        active = QApplication.activeWindow()
        parent = active if isinstance(active, QMainWindow) else self._window
        dialog = build_review_dialog(vault, record_id, parent)
        dialog.open()
        return dialog


def _file_menu(window: QMainWindow) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and menu.title().replace("&", "") == "File":
            return menu
    return None


def install_sealing_actions(window: QMainWindow, vault: VaultSource) -> SealingActions:
    """Add File → Verify a record… (before Lock) and return the sealing entry points."""
    actions = SealingActions(window, vault)
    menu = _file_menu(window)
    if menu is not None:
        anchor = next((a for a in menu.actions() if a.isSeparator()), None)
        if anchor is None:
            menu.addAction(actions.verify)
        else:
            menu.insertAction(anchor, actions.verify)
    return actions


def add_fingerprint_row(settings_dialog: QWidget, vault: Vault | None) -> QLineEdit | None:
    """A read-only "Signing certificate" row under the profile in the settings dialog.

    The fingerprint is what a reader of a record compares with the one
    printed on it; it is selectable so it can be copied, never edited.
    """
    from supnotes.services import identity as identities

    anchor = settings_dialog.findChild(QWidget, "setting:profile.name")
    if vault is None or anchor is None or anchor.parentWidget() is None:
        return None
    form = anchor.parentWidget().layout()  # type: ignore[union-attr]
    if not isinstance(form, QFormLayout):
        return None
    fingerprint = identities.current_fingerprint(vault)
    row = QLineEdit(fingerprint or "Not made yet: it is made when you first seal a record")
    row.setReadOnly(True)
    row.setObjectName("signing-fingerprint")
    row.setAccessibleName("Signing certificate SHA-256 fingerprint")
    row.setCursorPosition(0)
    form.addRow("Signing certificate (SHA-256):", row)
    trust_button = QPushButton("Trust register and my certificate…")
    trust_button.setObjectName("open-trust-register")
    trust_button.setToolTip(
        "Who this vault trusts as signers; import your organisation's register, "
        "or export your own certificate for HR or IT"
    )
    trust_button.clicked.connect(lambda: _open_trust_dialog(vault, settings_dialog))
    form.addRow("", trust_button)
    return row


def _open_trust_dialog(vault: Vault, parent: QWidget) -> None:
    from supnotes.ui.sealing.trust_dialog import build_trust_dialog

    build_trust_dialog(vault, parent).open()
