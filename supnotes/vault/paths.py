"""Where a vault's files live.

A vault is a folder: the encrypted database, its key file, the instance lock,
the unclean-shutdown marker, the unlock-attempts counter and the rolling
backups. None but the database (encrypted) and key file (wrapped keys) hold
anything derived from the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "SupNotes"


def default_vault_folder() -> Path:
    """The platform's data folder for SupNotes (not created here)."""
    return user_data_path(APP_NAME, appauthor=False, roaming=False) / "vault"


@dataclass(frozen=True)
class VaultPaths:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / "supnotes.db"

    @property
    def keyfile(self) -> Path:
        return self.folder / "supnotes.key"

    @property
    def lock(self) -> Path:
        return self.folder / "supnotes.lock"

    @property
    def open_marker(self) -> Path:
        """Present while the vault is open; left behind by a crash."""
        return self.folder / "supnotes.open"

    @property
    def creating(self) -> Path:
        """Present from the start of a vault's creation until it is complete."""
        return self.folder / "supnotes.creating"

    def made_by_creation(self, name: str) -> bool:
        """True for a file name that creating a vault makes (and may leave half-made)."""
        own = {
            self.db.name,
            f"{self.db.name}-wal",
            f"{self.db.name}-shm",
            f"{self.db.name}-journal",
            self.keyfile.name,
            self.lock.name,
            self.open_marker.name,
            self.creating.name,
            self.attempts.name,
        }
        return name in own or name.startswith((".write-test-", f".{self.keyfile.name}."))

    @property
    def attempts(self) -> Path:
        return self.folder / "unlock-attempts.json"

    @property
    def backups(self) -> Path:
        return self.folder / "backups"
