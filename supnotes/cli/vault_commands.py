"""Commands that create, check, back up, restore and re-key a vault."""

from __future__ import annotations

import argparse
from pathlib import Path

from supnotes.cli import secrets
from supnotes.cli.errors import EXIT_OK, CheckFailed
from supnotes.vault.backup import restore_backup, write_backup
from supnotes.vault.paths import default_vault_folder
from supnotes.vault.vault import Unlock, Vault


def vault_folder(args: argparse.Namespace) -> Path:
    folder: Path | None = getattr(args, "vault", None)
    return folder if folder is not None else default_vault_folder()


def unlock_from(args: argparse.Namespace) -> Unlock:
    if getattr(args, "recovery_key", False):
        return Unlock(recovery_key=secrets.recovery_key())
    return Unlock(passphrase=secrets.passphrase())


def open_vault(args: argparse.Namespace) -> Vault:
    return Vault.open(vault_folder(args), unlock_from(args))


def cmd_init(args: argparse.Namespace) -> int:
    folder = vault_folder(args)
    name = (getattr(args, "name", None) or "").strip()
    vault, recovery_key = Vault.create(folder, secrets.passphrase(confirm=True))
    fingerprint = ""
    with vault:
        if name:
            fingerprint = _create_identity(vault, name, args.role, args.organisation)
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
    return EXIT_OK


def _create_identity(vault: Vault, name: str, role: str, organisation: str) -> str:
    """Save the supervisor profile and make its signing identity; returns the fingerprint."""
    from supnotes.domain.people import SupervisorProfile
    from supnotes.services.identity import create_from_profile
    from supnotes.vault.repositories.profile import ProfileRepository

    ProfileRepository(vault).save(SupervisorProfile(name, role.strip(), organisation.strip()))
    identity = create_from_profile(vault)
    return "" if identity is None else identity.fingerprint


def cmd_check(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        report = vault.check()
    if not report.ok:
        raise CheckFailed("; ".join(report.problems))
    print(f"ok: {vault_folder(args)} passed the key file, encryption, structure and link checks")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        info = write_backup(vault, args.out)
    print(f"Backup written to {info.path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    folder = vault_folder(args)
    kept = restore_backup(args.file, folder, unlock_from(args))
    print(f"Restored {args.file} into {folder}")
    if kept is not None:
        print(f"The vault it replaced is kept in {kept}")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        vault.change_passphrase(secrets.new_passphrase())
    print("Passphrase changed. Your recovery key is unchanged.")
    return EXIT_OK
