"""Save and open dialogs that start in the supervisor's folder and remember the last one.

The folder is kept in the vault's settings (``files.folder``), never in the
plain-text machine-state file: folder names can hold people's names. With
no folder chosen yet, dialogs start in the user's Documents folder, or in
their home folder when there is no Documents folder: a folder that is not
there made Qt's dialog open in the folder the app was started from (seen in
the real app). Every save, open and folder dialog goes through here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from supnotes.vault.errors import VaultError
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault

FOLDER_KEY = "files.folder"


def documents_folder() -> Path:
    """The user's Documents folder if it exists, else their home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    home = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
    return Path(home) if home else Path.home()


def start_folder(vault: Vault | None) -> Path:
    """The remembered folder if it still exists, else Documents."""
    if vault is not None and vault.is_open:
        remembered = SettingsStore(vault).get_text(FOLDER_KEY)
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
    return documents_folder()


def remember_folder(vault: Vault | None, chosen: Path) -> None:
    """Keep the folder of ``chosen`` for the next dialog (best effort)."""
    if vault is None or not vault.is_open:
        return
    folder = chosen if chosen.is_dir() else chosen.parent
    try:
        SettingsStore(vault).set(FOLDER_KEY, str(folder))
    except (VaultError, ValueError):
        return


def choose_save_path(
    parent: QWidget | None, vault: Vault | None, title: str, suggested: str, filters: str
) -> Path | None:
    """Ask where to save ``suggested``; the path (its folder remembered) or None."""
    start = str(start_folder(vault) / suggested)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, start, filters)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(vault, path)
    return path


def choose_open_path(
    parent: QWidget | None, vault: Vault | None, title: str, filters: str
) -> Path | None:
    """Ask for a file to read; the path (its folder remembered) or None."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(vault)), filters)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(vault, path)
    return path


def choose_folder(
    parent: QWidget | None, vault: Vault | None, title: str, current: str = ""
) -> Path | None:
    """Ask for a folder, starting in ``current`` if it exists; the folder or None."""
    start = Path(current) if current and Path(current).is_dir() else start_folder(vault)
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(vault, path)
    return path
