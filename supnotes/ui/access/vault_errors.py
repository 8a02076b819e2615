"""How each vault error is shown: a title, its message and advice, and a way out.

The words themselves live on the error classes (:mod:`supnotes.vault.errors`)
so the command line says the same; this module adds a short title and which
action the dialog offers next.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from supnotes.vault import errors


class NextStep(enum.Enum):
    NONE = enum.auto()
    TRY_AGAIN = enum.auto()
    USE_RECOVERY_KEY = enum.auto()
    WAIT = enum.auto()
    RESTORE_BACKUP = enum.auto()
    CHOOSE_FOLDER = enum.auto()


@dataclass(frozen=True)
class ErrorView:
    title: str
    message: str
    advice: str
    next_step: NextStep


_VIEWS: dict[type[errors.VaultError], tuple[str, NextStep]] = {
    errors.WrongPassphrase: ("Wrong passphrase", NextStep.USE_RECOVERY_KEY),
    errors.WrongRecoveryKey: ("Wrong recovery key", NextStep.TRY_AGAIN),
    errors.MistypedRecoveryKey: ("Recovery key mistyped", NextStep.TRY_AGAIN),
    errors.TooManyAttempts: ("Please wait", NextStep.WAIT),
    errors.WeakPassphrase: ("Passphrase not accepted", NextStep.TRY_AGAIN),
    errors.KeyFileMissing: ("Key file missing", NextStep.RESTORE_BACKUP),
    errors.KeyFileTampered: ("Key file damaged", NextStep.RESTORE_BACKUP),
    errors.NotAVault: ("Not a SupNotes vault", NextStep.CHOOSE_FOLDER),
    errors.VaultCorrupt: ("Vault damaged", NextStep.RESTORE_BACKUP),
    errors.VaultTooNew: ("Newer version needed", NextStep.NONE),
    errors.VaultBusy: ("Vault already open", NextStep.TRY_AGAIN),
    errors.ReadOnlyLocation: ("Cannot write to the folder", NextStep.TRY_AGAIN),
    errors.DiskFull: ("Disk full", NextStep.TRY_AGAIN),
    errors.VaultNotFound: ("No vault here", NextStep.CHOOSE_FOLDER),
    errors.VaultExists: ("Folder not empty", NextStep.CHOOSE_FOLDER),
    errors.VaultUnfinished: ("Vault never finished", NextStep.CHOOSE_FOLDER),
    errors.BackupInvalid: ("Not a backup", NextStep.TRY_AGAIN),
    errors.BackupDamaged: ("Backup damaged", NextStep.TRY_AGAIN),
    errors.BackupWrongPassphrase: ("Wrong passphrase for this backup", NextStep.TRY_AGAIN),
    errors.BackupWrongRecoveryKey: ("Wrong recovery key for this backup", NextStep.TRY_AGAIN),
    errors.BackupTooNew: ("Backup from a newer version", NextStep.NONE),
}


def wait_words(seconds: float) -> str:
    """How long to wait, in words right for every value: "now", "in 1 second", "in 2 minutes"."""
    left = max(0, math.ceil(seconds))
    if left == 0:
        return "now"
    minutes, secs = divmod(left, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if secs:
        parts.append(f"{secs} second" + ("" if secs == 1 else "s"))
    return "in " + " ".join(parts)


def describe(exc: errors.VaultError) -> ErrorView:
    """The view of ``exc``: its own words, with the detail left out.

    The detail (a path, a SQLite phrase) helps IT more than a supervisor; it
    stays available via ``exc.one_line()`` for the "details" button.
    """
    advice = exc.advice
    if isinstance(exc, errors.TooManyAttempts):
        # Said here in words right for 0, 1 and n seconds and for minutes.
        advice = f"You can try again {wait_words(exc.wait_seconds)}."
    for cls in type(exc).__mro__:
        if cls in _VIEWS:
            title, step = _VIEWS[cls]
            return ErrorView(title, exc.message, advice, step)
    return ErrorView("SupNotes could not open the vault", exc.message, exc.advice, NextStep.NONE)


def all_error_classes() -> list[type[errors.VaultError]]:
    """Every vault error with its own view (the tests walk this)."""
    return list(_VIEWS)
