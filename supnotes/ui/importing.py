"""File → Import records…: a SupNotes export (zip or JSON), checked, all or nothing.

The same import as ``supnotes import``: the whole file is checked first
(and, in a zip, every sealed PDF's size, SHA-256 and signatures), then
written in one transaction. A refusal names the place in the file and the
reason, and changes nothing. Runs off the UI thread; the vault's lock is
held while the vault is read and written, not while signatures are checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.portability import ImportReport
from supnotes.vault.vault import Vault

VaultSource = Callable[[], Vault | None]


def report_text(report: ImportReport) -> str:
    """What an import did, in the words the command line uses."""
    parts = [f"Imported {report.records_added} records"]
    if report.signed_elsewhere:
        parts.append(
            f"{report.signed_elsewhere} of them signed, with their signed copy held elsewhere"
        )
    if report.pdfs_added:
        parts.append(f"{report.pdfs_added} signed PDFs checked and added")
    if report.records_now_signed:
        parts.append(f"{report.records_now_signed} records held elsewhere are now signed here")
    unchanged = report.records_unchanged
    return ", ".join(parts) + f". {unchanged} records were already here, unchanged."


class ImportDialog(QDialog):
    """Signals nothing; ``imported`` is called on the UI thread after a successful import."""

    def __init__(
        self, vault: Vault, imported: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import records")
        self._vault = vault
        self._imported = imported
        self.busy = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Import a SupNotes export: a .supnotes.zip (records and their signed PDFs, "
            "each checked) or a .json. Nothing is imported unless all of it can be."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import status")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton("&Choose a file…")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.choose_and_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def choose_and_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import records", "", "SupNotes export (*.supnotes.zip *.zip *.json)"
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        from supnotes.services.transfer import import_file

        vault = self._vault

        def work() -> ImportReport:
            # The vault's lock is held while the vault is read and written, not
            # while the PDFs' signatures are checked (the slow part).
            return import_file(vault, path, vault.exclusive)

        self.busy = True
        self.import_button.setEnabled(False)
        self.status.setText("Checking the file…")
        run_in_background(work, self._done, self._failed)

    def _done(self, report: ImportReport) -> None:
        self.busy = False
        self.import_button.setEnabled(True)
        self.status.setText(report_text(report))
        self._imported()

    def _failed(self, exc: BaseException) -> None:
        from supnotes.domain.export_format import ExportFormatError

        self.busy = False
        self.import_button.setEnabled(True)
        if isinstance(exc, ExportFormatError):
            self.status.setText(f"Nothing imported: the file was refused. {exc}")
        elif isinstance(exc, VaultError):
            self.status.setText(f"Nothing imported: {exc.one_line()}")
        elif isinstance(exc, OSError):
            self.status.setText(f"Nothing imported: {exc.strerror or type(exc).__name__}")
        else:
            raise exc


def build_import_dialog(
    vault: Vault, imported: Callable[[], None], parent: QWidget | None = None
) -> ImportDialog:
    return ImportDialog(vault, imported, parent)


def install_import_action(
    window: QMainWindow, vault: VaultSource, imported: Callable[[], None]
) -> QAction:
    """Add File → Import records… (before the first separator) and return it."""
    action = QAction("&Import records…", window)
    action.setStatusTip("Import a SupNotes export; every signed PDF in it is checked")

    def open_dialog() -> None:
        current = vault()
        if current is not None:
            build_import_dialog(current, imported, window).open()

    action.triggered.connect(open_dialog)
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and menu.title().replace("&", "") == "File":
            anchor = next((a for a in menu.actions() if a.isSeparator()), None)
            if anchor is None:
                menu.addAction(action)
            else:
                menu.insertAction(anchor, action)
    return action
