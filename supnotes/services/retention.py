"""Retention review: which records are past the organisation's period, and deleting them.

Reads the rule from the vault's settings (``retention.years``,
``retention.basis``), asks the domain rule which records are due, and after a
deletion works out when the last automatic backup holding them ages out
under the rolling rule (``backup.keep``, ``backup.interval_days``). The app
and the command line both go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from supnotes.domain.retention import (
    BASES,
    AuditEntry,
    BackupExpiry,
    Due,
    RetentionRule,
    backup_expiry,
    past_retention,
)
from supnotes.vault.backup import SUFFIX, list_automatic_backups
from supnotes.vault.repositories.retention import Deleted, RetentionRepository
from supnotes.vault.settings_store import SettingsStore
from supnotes.vault.vault import Vault


def rule_of(vault: Vault) -> RetentionRule:
    store = SettingsStore(vault)
    basis = store.get_text("retention.basis")
    return RetentionRule(
        store.get_int("retention.years"),
        "after-creation" if basis == "after-creation" else BASES[0],
    )


def review(vault: Vault, today: date | None = None) -> list[Due]:
    """Records past retention on ``today`` (default: today), oldest due first."""
    facts, reviewed_by = RetentionRepository(vault).facts()
    return past_retention(rule_of(vault), facts, today or date.today(), reviewed_by)


def _who(vault: Vault) -> str:
    from supnotes.vault.repositories.profile import ProfileRepository

    profile = ProfileRepository(vault).get()
    if profile is None or not profile.name.strip():
        return "the vault's supervisor (no name in the profile)"
    return profile.name.strip()


@dataclass(frozen=True)
class DeletionReport:
    deleted: Deleted
    rule: RetentionRule
    backups: BackupExpiry

    def backup_sentence(self) -> str:
        """When the backups made before the deletion stop holding the records, in words."""
        parts = []
        if not self.deleted.scrubbed:
            parts.append(
                "The vault file could not be compacted afterwards (is the disk full?): the "
                "records are deleted and their pages overwritten (secure delete), but the file was "
                "not rewritten; free some space, and the next retention deletion will do it."
            )
        if self.backups.expires_at is not None:
            stamp = self.backups.expires_at.astimezone(UTC).strftime("%d/%m/%Y")
            parts.append(
                "Automatic backups made before this deletion still hold these records. "
                f"The last of them ages out on {stamp} at the earliest, once newer automatic "
                "backups replace it (backups are written only while SupNotes is open)."
            )
        else:
            parts.append("No automatic backup made before this deletion was found.")
        if self.backups.kept_by_hand:
            parts.append(
                f"{len(self.backups.kept_by_hand)} other backup file(s) in the backup folder "
                "never age out on their own and may hold these records: "
                + ", ".join(self.backups.kept_by_hand)
                + ". Delete them when they are no longer needed."
            )
        parts.append("Backups written anywhere else by hand are not tracked.")
        return " ".join(parts)


def backup_folder(vault: Vault) -> Path:
    text = SettingsStore(vault).get_text("backup.folder")
    return Path(text) if text else vault.paths.backups


def _backup_expiry(vault: Vault, at: datetime) -> BackupExpiry:
    store = SettingsStore(vault)
    folder = backup_folder(vault)
    automatic = list_automatic_backups(folder)
    stamps = [
        datetime.strptime(p.name[len("auto-") : -len(SUFFIX)], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        for p in automatic
    ]
    others = (
        sorted(p.name for p in folder.glob(f"*{SUFFIX}") if p not in automatic)
        if folder.is_dir()
        else []
    )
    return backup_expiry(
        stamps,
        at,
        keep=store.get_int("backup.keep"),
        interval=timedelta(days=store.get_int("backup.interval_days")),
        others=others,
    )


def delete(vault: Vault, due: Sequence[Due], *, at: datetime | None = None) -> DeletionReport:
    """Delete ``due`` with its audit entries; say when the older backups age out."""
    at = (at or datetime.now(UTC)).replace(microsecond=0)
    rule = rule_of(vault)
    deleted = RetentionRepository(vault).delete(due, rule, _who(vault), at)
    return DeletionReport(deleted, rule, _backup_expiry(vault, at))


def audit(vault: Vault) -> list[AuditEntry]:
    return RetentionRepository(vault).audit()
