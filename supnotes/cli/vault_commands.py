"""Commands that create, check, back up, restore and re-key a vault."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from supnotes.cli import secrets
from supnotes.cli.errors import EXIT_OK, CheckFailed
from supnotes.cli.out_paths import require_folder_of
from supnotes.vault.paths import default_vault_folder
from supnotes.vault.vault import Unlock, Vault


def vault_folder(args: argparse.Namespace) -> Path:
    folder: Path | None = getattr(args, "vault", None)
    return folder if folder is not None else default_vault_folder()


def unlock_from(args: argparse.Namespace) -> Unlock:
    if getattr(args, "recovery_key", False):
        return Unlock(recovery_key=secrets.recovery_key())
    return Unlock(passphrase=secrets.passphrase())


def open_vault(args: argparse.Namespace, *, read_only: bool = False) -> Vault:
    """Open the vault named by ``args``.

    ``read_only`` (check; backup on a full or read-only drive) writes
    nothing to the vault's folder, so these work on a full or read-only
    drive and on any schema version.
    """
    return Vault.open(vault_folder(args), unlock_from(args), read_only=read_only)


def open_for_reading(args: argparse.Namespace, *, prefer_writable: bool = False) -> Vault:
    """Open for commands that only read (list, search, export).

    Read-only first, so a full or read-only drive is no obstacle; a vault
    from an older version is reopened for writing, to be brought up to date.
    ``prefer_writable`` (search, which brings its index up to date when it
    can) tries a writable open first.
    """
    from supnotes.vault.errors import ReadOnlyLocation
    from supnotes.vault.migrate import schema_version
    from supnotes.vault.migrations import latest_version

    unlock = unlock_from(args)
    if prefer_writable:
        try:
            return Vault.open(vault_folder(args), unlock)
        except ReadOnlyLocation:
            pass
    vault = Vault.open(vault_folder(args), unlock, read_only=True)
    if schema_version(vault.conn) >= latest_version():
        return vault
    vault.close()
    return Vault.open(vault_folder(args), unlock)


def _drive_note(folder: Path) -> str | None:
    """A line saying the vault can be read but not changed, when that is so."""
    from supnotes.vault.drive import mounted_read_only, nearly_full

    if mounted_read_only(folder):
        return "note: the vault's drive is read-only: it can be read and backed up, not changed"
    if nearly_full(folder):
        return (
            "note: the vault's drive is full: it can be read and backed up, but nothing can be "
            "saved to it until some space is freed"
        )
    return None


def cmd_init(args: argparse.Namespace) -> int:
    folder = vault_folder(args)
    name = (getattr(args, "name", None) or "").strip()
    fingerprints: list[str] = []

    def fill(vault: Vault) -> None:
        if name:
            fingerprints.append(_create_identity(vault, name, args.role, args.organisation))

    # The identity is made inside the creation: if it fails, no vault is left
    # whose recovery key was never shown.
    vault, recovery_key = Vault.create(folder, secrets.passphrase(confirm=True), fill=fill)
    with vault:
        escrow_note = _follow_escrow_policy(vault)
    fingerprint = fingerprints[0] if fingerprints else ""
    print(f"Created a SupNotes vault in {folder}")
    if fingerprint:
        print(f"Signing certificate for {name}, SHA-256 fingerprint:")
        print(f"    {fingerprint}")
    print()
    print("Recovery key (shown once; print it or write it down and keep it somewhere safe):")
    print()
    print(f"    {recovery_key}")
    print()
    print("It opens the vault if the passphrase is forgotten. SupNotes keeps no other copy.")
    if escrow_note:
        print()
        print(escrow_note)
    return EXIT_OK


def _follow_escrow_policy(vault: Vault) -> str | None:
    """IT's escrow policy for a new vault (docs/escrow.md); what to tell the supervisor."""
    from supnotes.services.escrow import apply_policy
    from supnotes.vault.machine_defaults import machine_defaults

    return apply_policy(vault, machine_defaults()).message


def _create_identity(vault: Vault, name: str, role: str, organisation: str) -> str:
    """Save the supervisor profile and make its signing identity; returns the fingerprint."""
    from supnotes.domain.people import SupervisorProfile
    from supnotes.services.identity import create_from_profile
    from supnotes.vault.repositories.profile import ProfileRepository
    from supnotes.vault.settings_store import SettingsStore

    ProfileRepository(vault).save(SupervisorProfile(name, role.strip(), organisation.strip()))
    # The same settings the app's first run writes, which Settings shows and edits.
    SettingsStore(vault).set_many(
        {
            "profile.name": name,
            "profile.role": role.strip(),
            "organisation.name": organisation.strip(),
        }
    )
    identity = create_from_profile(vault)
    return "" if identity is None else identity.fingerprint


def cmd_check(args: argparse.Namespace) -> int:
    with open_vault(args, read_only=True) as vault:
        report = vault.check()
    if not report.ok:
        raise CheckFailed("; ".join(report.problems))
    print(f"ok: {vault_folder(args)} passed the key file, encryption, structure and link checks")
    note = _drive_note(vault_folder(args))
    if note:
        print(note)
    return EXIT_OK


def trail_note(vault: Vault) -> None:
    """Say on stderr when an act could not be recorded: the vault is read-only."""
    if vault.read_only:
        print(
            "supnotes: note: the vault is read-only here, so this act is not in its access trail",
            file=sys.stderr,
        )


def _open_for_backup(args: argparse.Namespace) -> Vault:
    from supnotes.vault.errors import DiskFull, ReadOnlyLocation

    unlock = unlock_from(args)
    try:
        return Vault.open(vault_folder(args), unlock)
    except (ReadOnlyLocation, DiskFull):
        return Vault.open(vault_folder(args), unlock, read_only=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from supnotes.services.backups import back_up

    require_folder_of(args.out)
    # Writable when it can be, for the access trail's entry; a full or
    # read-only drive still gets its backup (read-only, with a note), whatever
    # the vault's schema version.
    with _open_for_backup(args) as vault:
        info = back_up(vault, args.out)
        trail_note(vault)
    print(f"Backup written to {info.path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from supnotes.services.backups import restore

    folder = vault_folder(args)
    kept = restore(args.file, folder, unlock_from(args))
    print(f"Restored {args.file} into {folder}")
    if kept is not None:
        print(f"The vault it replaced is kept in {kept}")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.change_passphrase(secrets.new_passphrase())
    print("Passphrase changed. Your recovery key is unchanged.")
    return EXIT_OK
