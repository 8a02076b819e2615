"""File → Check the vault, and File → Restore from a backup.

Checking runs :meth:`Vault.check` off the UI thread. Restoring uses
:func:`supnotes.services.backups.restore` (the vault layer's restore, then
the restore's access-trail entry in the restored vault), which opens and checks the
backup beside the vault before anything is replaced and keeps the vault it
replaces. A file that is not a backup at all is refused before the passphrase
is asked for; otherwise the app locks first (saving what is open), restores, and the lock
screen then opens the restored vault.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from supnotes.services.backups import restore
from supnotes.ui.access.lock import LockController
from supnotes.ui.common.operations import run_with_progress
from supnotes.vault.backup import SUFFIX, read_manifest
from supnotes.vault.errors import VaultError
from supnotes.vault.vault import CheckReport, Unlock, Vault

Report = Callable[[str], None]


def check_vault(vault: Vault, parent: QWidget | None, report: Report) -> None:
    """Check key file, encryption, structure and links; say what was found."""

    def done(result: CheckReport) -> None:
        if result.ok:
            report("The vault passed the key file, encryption, structure and link checks.")
            return
        show_problems(parent, result)
        report("The vault check found problems.")

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        report(f"The vault could not be checked: {exc.one_line()}")

    run_with_progress(parent, "Checking the vault…", vault.check, done, failed)


def show_problems(
    parent: QWidget | None, result: CheckReport, text: str = "The vault check found problems."
) -> QMessageBox:
    """Say that the check found problems, and how to get the records back."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Vault check", "", parent=parent)
    box.setObjectName("check-failed")
    box.setText(text)
    box.setInformativeText(
        "Restore from your newest backup (File → Restore from a backup…) "
        "or ask your IT department for help."
    )
    box.setDetailedText("\n".join(result.problems))
    box.open()
    return box


def refuse_if_not_a_backup(parent: QWidget | None, backup: Path) -> bool:
    """Say so and return True when ``backup`` is plainly not a backup (its form, read cheaply).

    Only the archive's list of files and its manifest are read: the database
    inside is proved later, by opening it with the passphrase.
    """
    try:
        read_manifest(backup)
    except VaultError as exc:
        show_restore_failed(parent, exc)
        return True
    return False


def ask_backup_passphrase(parent: QWidget | None, backup: Path) -> Unlock | None:
    """The passphrase the backup was made with (or its recovery key); None if cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "Restore from a backup",
        f"Passphrase or recovery key that opened the vault when\n{backup.name} was made:",
        QLineEdit.EchoMode.Password,
    )
    if not ok or not text:
        return None
    if _looks_like_recovery_key(text):
        return Unlock(recovery_key=text)
    return Unlock(passphrase=text)


def _looks_like_recovery_key(text: str) -> bool:
    groups = text.strip().split("-")
    return len(groups) >= 6 and all(g.isalnum() and len(g) <= 6 for g in groups)


class Restorer:
    """Restores a chosen backup into the open vault's folder, through the lock screen."""

    def __init__(self, lock: LockController, parent: QWidget, report: Report) -> None:
        self._lock = lock
        self._parent = parent
        self._report = report

    def restore(self, backup: Path, unlock: Unlock) -> None:
        """Lock (saving what is open), restore, then unlock the restored vault."""
        folder = self._lock.folder
        self._lock.lock()
        screen = self._lock.lock_dialog
        if screen is not None:
            screen.setEnabled(False)
        run_with_progress(
            screen,
            f"Restoring {backup.name}…",
            lambda: restore(backup, folder, unlock),
            self._done,
            self._failed,
        )

    def _screen(self) -> QWidget | None:
        screen = self._lock.lock_dialog
        if screen is not None:
            screen.setEnabled(True)
        return screen

    def _done(self, kept: Path | None) -> None:
        where = "" if kept is None else f" The vault it replaced is kept in {kept}."
        QMessageBox.information(
            self._screen(),
            "Backup restored",
            f"The backup was restored.{where} Unlock to continue with it.",
        )
        self._report("Backup restored.")

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            self._screen()
            raise exc
        show_restore_failed(self._screen(), exc)


def restore_failed_text(exc: VaultError) -> str:
    """What a failed restore says: the error's own words, and once that nothing changed."""
    text = f"{exc.message} {exc.advice}".strip()
    if "not changed" not in text.lower():
        text = f"{text} Your vault was not changed."
    return text


def show_restore_failed(parent: QWidget | None, exc: VaultError) -> QMessageBox:
    """Say why the backup was not restored (the detail is under "Show Details…")."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Backup not restored", "", parent=parent)
    box.setObjectName("restore-failed")
    box.setText(restore_failed_text(exc))
    if exc.detail:
        box.setDetailedText(exc.detail)
    box.open()
    return box


BACKUP_FILTER = f"SupNotes backups (*{SUFFIX})"
