"""File → Export records…: the version 2 zip, of the whole vault or of one worker.

The same export as ``supnotes export --format zip``: the records and every
sealed PDF with its SHA-256 (``docs/export-format.md``). Choosing one worker
gives a subject access export. The work runs off the UI thread, taking the
vault's lock for each read (the document, then one PDF at a time), so no
autosave interleaves with a read and none waits for the whole export.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supnotes.ui.operations import run_in_background
from supnotes.vault.errors import VaultError
from supnotes.vault.repositories.workers import WorkerRepository
from supnotes.vault.vault import Vault

VaultSource = Callable[[], Vault | None]
SUFFIX = ".supnotes.zip"


class ExportDialog(QDialog):
    """Whose records, whether private notes go too, and where the zip is written."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export records")
        self._vault = vault
        self.busy = False
        self._init_fields()
        self._init_buttons()

    def _init_fields(self) -> None:
        self._layout = layout = QVBoxLayout(self)
        intro = QLabel(
            "A zip holding the records and every signed PDF, each with its SHA-256: "
            "another SupNotes imports it with the signatures checked. Choose one worker "
            "for a subject access request."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.whose = QComboBox()
        self.whose.setAccessibleName("Whose records")
        self.whose.addItem("Everyone (the whole vault)", None)
        for worker in WorkerRepository(self._vault).all():
            self.whose.addItem(worker.name, worker.id)
        form.addRow("&Records of:", self.whose)
        self.private = QCheckBox("Include my private notes (still disclosable on request)")
        form.addRow("", self.private)
        layout.addLayout(form)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export status")
        layout.addWidget(self.status)

    def _init_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("&Export…")
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)
        self._layout.addWidget(self.buttons)

    def suggested_name(self) -> str:
        who = "all-records" if self.whose.currentData() is None else self.whose.currentText()
        safe = "".join(c if c.isalnum() else "-" for c in who).strip("-").lower()
        return f"{safe}-{datetime.now(UTC):%Y-%m-%d}{SUFFIX}"

    def choose_and_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export records", self.suggested_name(), f"SupNotes export (*{SUFFIX})"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the zip to ``path`` in the background; the status line says how it went."""
        from supnotes.services.transfer import export_file

        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name + SUFFIX)
        vault, worker_id = self._vault, self.whose.currentData()
        include_private = self.private.isChecked()

        def work() -> str:
            summary = export_file(
                vault,
                path,
                as_zip=True,
                worker_id=worker_id,
                include_private=include_private,
                exported_at=datetime.now(UTC),
                hold=vault.exclusive,  # the lock is held for each read, not the whole export
            )
            return f"Exported {summary.records} records and {summary.pdfs} signed PDFs to {path}"

        self.busy = True
        self.export_button.setEnabled(False)
        self.status.setText("Exporting…")
        run_in_background(work, self._done, self._failed)

    def _done(self, message: str) -> None:
        self.busy = False
        self.export_button.setEnabled(True)
        self.status.setText(message)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.export_button.setEnabled(True)
        if isinstance(exc, VaultError):
            self.status.setText(f"Not exported: {exc.one_line()}")
        elif isinstance(exc, OSError):
            self.status.setText(f"Not exported: {exc.strerror or type(exc).__name__}")
        else:
            raise exc


def build_export_dialog(vault: Vault, parent: QWidget | None = None) -> ExportDialog:
    return ExportDialog(vault, parent)


def install_export_action(window: QMainWindow, vault: VaultSource) -> QAction:
    """Add File → Export records… (before the first separator) and return it."""
    action = QAction("&Export records…", window)
    action.setStatusTip("Export records and their signed PDFs as a zip (subject access, moving)")

    def open_dialog() -> None:
        current = vault()
        if current is not None:
            build_export_dialog(current, window).open()

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
