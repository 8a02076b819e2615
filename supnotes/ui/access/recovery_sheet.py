"""The recovery key on paper or in a file: explicit acts, written atomically."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from supnotes.ui.common.file_dialogs import documents_folder
from supnotes.vault.atomic import write_atomic


def recovery_text(recovery_key: str, folder: Path) -> str:
    return (
        "SupNotes recovery key\n"
        "=====================\n\n"
        f"    {recovery_key}\n\n"
        f"Vault folder: {folder}\n"
        f"Created: {date.today().isoformat()}\n\n"
        "This key opens the vault if the passphrase is forgotten. Keep it somewhere\n"
        "safe and separate from the laptop, as you would a spare house key.\n"
        "SupNotes keeps no other copy.\n"
    )


def recovery_html(recovery_key: str, folder: Path) -> str:
    return (
        "<h2>SupNotes recovery key</h2>"
        f"<p style='font-family: monospace; font-size: 18pt'>{html.escape(recovery_key)}</p>"
        f"<p>Vault folder: {html.escape(str(folder))}<br>Created: {date.today().isoformat()}</p>"
        "<p>This key opens the vault if the passphrase is forgotten. Keep it somewhere safe "
        "and separate from the laptop, as you would a spare house key. "
        "SupNotes keeps no other copy.</p>"
    )


def save_recovery_key(parent: QWidget | None, recovery_key: str, folder: Path) -> Path | None:
    """Ask where, then write the key as a text file atomically; the path or None."""
    target, _ = QFileDialog.getSaveFileName(
        parent,
        "Save recovery key",
        str(documents_folder() / "SupNotes recovery key.txt"),
        "Text files (*.txt)",
    )
    if not target:
        return None
    path = Path(target)
    write_atomic(path, recovery_text(recovery_key, folder).encode("utf-8"))
    return path


def print_recovery_key(parent: QWidget | None, recovery_key: str, folder: Path) -> bool:
    """The system print dialog, then the key on one page; True if printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print recovery key")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(recovery_html(recovery_key, folder))
    document.print_(printer)
    return True
