"""Settings → Trust register…: who this vault trusts, and how each came to be trusted.

Lists every registered certificate with its SHA-256 fingerprint. Only two
explicit acts add to it: importing the organisation's register (a PEM file
or a folder of .pem/.crt files, confirmed once after the list is shown), or
adding one certificate after its owner has read its fingerprint out to the
supervisor. The supervisor's own certificates are listed and cannot be
removed; their own current certificate can be exported for HR or IT.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supnotes.pdf.identity import certificate_pem
from supnotes.pdf.trust_register import RegisteredCertificate, RegisterError, read_register
from supnotes.services import identity as identities
from supnotes.services import trust
from supnotes.ui.common import file_dialogs, outcome
from supnotes.ui.common.fit import fit_to_screen
from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import Vault

AnyIndex = QModelIndex | QPersistentModelIndex

NAME, FINGERPRINT, HOW, ADDED = range(4)
_HEADERS = ("Name", "SHA-256 fingerprint", "Registered as", "Added")


class TrustTableModel(QAbstractTableModel):
    """The register's entries, one a row."""

    def __init__(self, entries: list[trust.TrustEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries

    def set_entries(self, entries: list[trust.TrustEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.FontRole and index.column() == FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self.entries[index.row()]
        cells = (entry.name, entry.fingerprint, entry.how, f"{entry.added_at:%d %b %Y}")
        return cells[index.column()]


class TrustDialog(QDialog):
    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault = vault
        self.setObjectName("trust-register-dialog")
        self.setWindowTitle("Trust register")
        fit_to_screen(self, QSize(1100, 420))  # never off a small screen
        self.model = TrustTableModel(trust.entries(vault), self)
        self._init_widgets()

    def _init_widgets(self) -> None:
        intro = QLabel(
            "A signed record reads as signed by a registered signer only when its "
            "certificate is listed here. Signing or receiving a record never adds anyone: "
            "import your organisation's register, or add one person's certificate after "
            "they have read its fingerprint out to you themselves."
        )
        intro.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Registered certificates")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (NAME, FINGERPRINT, HOW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName("trust-message")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        for text, slot in (
            ("Import organisation register (file)…", self._choose_register_file),
            ("Import organisation register (folder)…", self._choose_register_folder),
            ("Add a certificate checked with its owner…", self._choose_certificate),
            ("Remove", self._remove_selected),
            ("Export my certificate…", self._choose_export),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            # Those opening a file chooser are never the default button.
            button.setAutoDefault(not text.endswith("…"))
            row.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # -- confirmation (replaced in tests) -------------------------------------------

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str) -> None:
        outcome.announce(self.message, text)

    def _refresh(self) -> None:
        self.model.set_entries(trust.entries(self._vault))

    # -- acts ------------------------------------------------------------------------

    def _read(self, path: Path) -> list[RegisteredCertificate] | None:
        try:
            return read_register(path)
        except RegisterError as exc:
            self._say(f"Nothing was registered: {exc}.")
            return None

    def import_register(self, path: Path) -> int:
        """Import the organisation's register at ``path`` after one confirmation."""
        entries = self._read(path)
        if entries is None:
            return 0
        listing = "\n".join(f"{e.name}\n    {e.fingerprint}" for e in entries)
        if not self.confirm(
            "Import the organisation's register",
            f"{path.name} holds {len(entries)} certificate(s):\n\n{listing}\n\n"
            "Register all of them as trusted? Do this only with the register your "
            "organisation's IT or HR gave you.",
        ):
            self._say("Nothing was registered.")
            return 0
        return self._register(entries, trust.ORGANISATION_REGISTER)

    def add_checked(self, path: Path) -> int:
        """Add one certificate after its owner has confirmed its fingerprint."""
        entries = self._read(path)
        if entries is None:
            return 0
        if len(entries) != 1:
            self._say(
                f"Nothing was registered: {path.name} holds {len(entries)} certificates. "
                "Add one person's certificate at a time, or import the organisation's register."
            )
            return 0
        (entry,) = entries
        if not self.confirm(
            "Check the fingerprint with its owner",
            f"Ask {entry.name} to read you their certificate's fingerprint themselves, "
            f"in person or by phone (not from this file or a record), and compare:\n\n"
            f"{entry.fingerprint}\n\nDoes every pair match?",
        ):
            self._say("Nothing was registered.")
            return 0
        return self._register(entries, trust.CHECKED_WITH_OWNER)

    def _register(self, entries: list[RegisteredCertificate], how: str) -> int:
        try:
            added = trust.register(self._vault, entries, how)
        except VaultError as exc:
            self._say(f"Nothing was registered: {exc.one_line()}")
            return 0
        self._refresh()
        self._say(f"Registered {added} new certificate(s).")
        return added

    def remove_row(self, row: int) -> bool:
        entry = self.model.entries[row]
        if not entry.removable:
            self._say("Your own signing certificates stay in your register.")
            return False
        if not self.confirm(
            "Remove from the register",
            f"Remove {entry.name} ({entry.fingerprint}) from your trust register? Records "
            "they signed will then read as signed by an unverified signer.",
        ):
            return False
        trust.remove(self._vault, entry.fingerprint)
        self._refresh()
        self._say(f"Removed {entry.name}.")
        return True

    def export_certificate(self, path: Path) -> bool:
        certificate = identities.current_certificate(self._vault)
        if certificate is None:
            self._say("You have no signing certificate yet: it is made when you first seal.")
            return False
        try:
            write_atomic(path, certificate_pem(certificate), mode=0o644)
        except VaultError as exc:
            self._say(f"The certificate was not written: {exc.one_line()}")
            return False
        # Done: the focus leaves "Export my certificate…" (Enter would reopen the save
        # dialog) for Close.
        outcome.done(
            self.message,
            f"Wrote your certificate to {path}. Give it to HR or IT, and read them its "
            "fingerprint by another way (phone, in person) so they can check the file.",
        )
        return True

    # -- slots -----------------------------------------------------------------------

    def _choose_register_file(self) -> None:
        path = file_dialogs.choose_open_path(
            self, self._vault, "Organisation register", "Certificates (*.pem *.crt)"
        )
        if path is not None:
            self.import_register(path)

    def _choose_register_folder(self) -> None:
        path = file_dialogs.choose_folder(self, self._vault, "Organisation register folder")
        if path is not None:
            self.import_register(path)

    def _choose_certificate(self) -> None:
        path = file_dialogs.choose_open_path(
            self, self._vault, "A colleague's certificate", "Certificates (*.pem *.crt)"
        )
        if path is not None:
            self.add_checked(path)

    def _remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.remove_row(rows[0].row())

    def _choose_export(self) -> None:
        path = file_dialogs.choose_save_path(
            self, self._vault, "Export my certificate", "my-signing-certificate.pem", "PEM (*.pem)"
        )
        if path is not None:
            self.export_certificate(path)


def build_trust_dialog(vault: Vault, parent: QWidget | None = None) -> TrustDialog:
    return TrustDialog(vault, parent)
