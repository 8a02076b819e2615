"""Everything that can go wrong with a vault, in words a supervisor can act on.

Each error carries ``message`` (what happened) and ``advice`` (what to do
next). The command line prints both on one line; the app shows them in a
dialog. Errors that mean "the check failed" (rather than "you asked for
something impossible") set ``check_failed`` so the command line can exit 1.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every vault problem a user can act on."""

    message = "The vault could not be used."
    advice = ""
    check_failed = False

    def __init__(self, detail: str | None = None, *, advice: str | None = None) -> None:
        self.detail = detail
        if advice is not None:
            self.advice = advice
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """Message, detail and advice as one line, for the command line and logs."""
        parts = [self.message]
        if self.detail:
            parts.append(f"({self.detail})")
        text = " ".join(parts)
        if self.advice:
            text = f"{text} {self.advice}"
        return text


class VaultNotFound(VaultError):
    message = "There is no SupNotes vault at this location."
    advice = "Check the folder, or create a vault with 'supnotes init'."


class VaultExists(VaultError):
    message = "Something already exists at this location, so no new vault was created there."
    advice = "Choose an empty or new folder."


class WrongPassphrase(VaultError):
    message = "That passphrase does not open this vault."
    advice = "Check Caps Lock and try again, or unlock with your recovery key."


class WrongRecoveryKey(VaultError):
    message = "That recovery key does not open this vault."
    advice = "Check it against the printed copy made when the vault was created."


class MistypedRecoveryKey(VaultError):
    message = "That recovery key has a typing mistake (its checksum does not match)."
    advice = "Check each group of characters against the printed copy."


class TooManyAttempts(VaultError):
    message = "Too many wrong attempts."

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(advice=f"Wait {wait_seconds:.0f} seconds before trying again.")


class WeakPassphrase(VaultError):
    message = "That passphrase cannot protect the vault."
    advice = "Use at least 10 characters and not a common password; unrelated words work well."


class KeyFileMissing(VaultError):
    message = "The vault's key file (supnotes.key) is missing, so the vault cannot be opened."
    advice = "Restore the key file or the whole vault from a backup."


class KeyFileTampered(VaultError):
    message = "The vault's key file has been changed or damaged, so it cannot be trusted."
    advice = "Restore the vault from a backup; tell your IT security contact."
    check_failed = True


class NotAVault(VaultError):
    message = "This is not a SupNotes vault."
    advice = "Choose the folder SupNotes created, or restore from a backup."


class VaultCorrupt(VaultError):
    message = "The vault file is damaged and cannot be read safely."
    advice = "Restore it from the latest backup; nothing has been changed."
    check_failed = True


class VaultTooNew(VaultError):
    message = "This vault was written by a newer version of SupNotes."
    advice = "Install the newer version to open it; this version has not changed it."


class VaultBusy(VaultError):
    message = "The vault is already open in another SupNotes window or program."
    advice = "Close the other one first, then try again."


class ReadOnlyLocation(VaultError):
    message = "SupNotes cannot write to the vault's folder."
    advice = "Check the folder's permissions, or that the drive is not read-only or ejected."


class DiskFull(VaultError):
    message = "The disk is full, so SupNotes could not save."
    advice = "Free some space; what you typed is kept and will be saved when there is room."


class BackupInvalid(VaultError):
    message = "This file is not a readable SupNotes backup."
    advice = "Choose a file made by 'supnotes backup' or the app's automatic backups."
