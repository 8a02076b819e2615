"""Everything that can go wrong with a vault, in words a supervisor can act on.

Each error carries ``message`` (what happened) and ``advice`` (what to do
next). The command line prints both on one line; the app shows them in a
dialog. Errors that mean "the check failed" (rather than "you asked for
something impossible") set ``check_failed`` so the command line can exit 1.
"""

from __future__ import annotations

import math


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


def waiting_time(seconds: float) -> str:
    """A wait in words, rounded up so it is never shorter than the real one.

    "1 second", "45 seconds", "1 minute", "2 minutes 5 seconds"; never "0 seconds".
    """
    whole = max(1, math.ceil(seconds))
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if rest:
        parts.append(f"{rest} second" + ("" if rest == 1 else "s"))
    return " ".join(parts)


class TooManyAttempts(VaultError):
    message = "Too many wrong attempts."

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(advice=f"Wait {waiting_time(wait_seconds)} before trying again.")


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
    message = "SupNotes cannot write there: the folder or its drive is read-only."
    advice = (
        "Check the folder's permissions and that the drive is not write-protected or "
        "ejected, or choose another folder."
    )


class DiskFull(VaultError):
    message = "The drive is full, so SupNotes could not write to it."
    advice = (
        "Free some space on that drive, or choose another one, then try again. "
        "Nothing already saved has been lost."
    )


#: The advice of :class:`DiskFull` when a vault on a full drive was opened read-only.
OPENED_READ_ONLY_ADVICE = (
    "The vault is open read-only until there is room: it can be read, checked and backed "
    "up to another drive, but not changed. Free some space on its drive, then open it again."
)


class VaultUnfinished(VaultError):
    message = "Creating this vault was interrupted, so it holds nothing yet."
    advice = (
        "Create it again ('supnotes init', or start SupNotes): the unfinished files are "
        "cleared first."
    )


class BackupInvalid(VaultError):
    message = "This file is not a readable SupNotes backup."
    advice = (
        "Choose a file made by 'supnotes backup' or the app's automatic backups. "
        "Your vault was not changed."
    )


class BackupDamaged(BackupInvalid):
    message = "This backup is damaged: the records inside it cannot be read."
    advice = (
        "Choose another backup (an older automatic one, or a copy kept elsewhere). "
        "Your vault was not changed."
    )


class BackupWrongPassphrase(WrongPassphrase):
    message = "That passphrase does not open this backup."
    advice = (
        "Use the passphrase that opened the vault when the backup was made (check Caps Lock), "
        "or its recovery key."
    )


class BackupWrongRecoveryKey(WrongRecoveryKey):
    message = "That recovery key does not open this backup."
    advice = "Use the recovery key of the vault the backup was made from."


class BackupTooNew(VaultTooNew):
    message = "This backup was made by a newer version of SupNotes."
    advice = "Install the newer version to restore it; your vault was not changed."
