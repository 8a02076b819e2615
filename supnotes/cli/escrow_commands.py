"""The organisation's escrow key: make a key pair, manage a vault's slot, recover a vault.

``escrow-keygen`` is run once by IT; ``escrow`` shows, adds or removes a
vault's slot; ``escrow-unlock`` is the recovery procedure of docs/escrow.md.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from supnotes.cli import secrets
from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.out_paths import require_folder_of
from supnotes.cli.vault_commands import open_vault, vault_folder
from supnotes.vault.atomic import write_atomic
from supnotes.vault.errors import WeakPassphrase
from supnotes.vault.escrow import (
    MAX_KEY_FILE_BYTES,
    EscrowKeyLocked,
    EscrowPrivateKey,
    EscrowPublicKey,
    WeakKeyPassphrase,
    fingerprint,
    generate_key_pair,
    load_private_key,
    private_pem,
    public_pem,
)
from supnotes.vault.keyfile import KeyFile
from supnotes.vault.paths import VaultPaths
from supnotes.vault.vault import check_passphrase_strength

#: Where scripts put the organisation private key's passphrase (else it is asked for).
KEY_PASSPHRASE_VARIABLE = "SUPNOTES_ESCROW_KEY_PASSPHRASE"  # noqa: S105 (a variable's name)
PRIVATE_NAME = "supnotes-escrow-private.pem"
PUBLIC_NAME = "supnotes-escrow-public.pem"


def add_arguments(
    keygen: argparse.ArgumentParser,
    manage: argparse.ArgumentParser,
    unlock: argparse.ArgumentParser,
) -> list[argparse.ArgumentParser]:
    """Fill the three commands' parsers; returns ``escrow``'s action parsers."""
    keygen.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the two key files"
    )
    keygen.add_argument(
        "--type",
        dest="key_type",
        choices=["rsa", "x25519"],
        default="rsa",
        help="RSA (default, 4096 bits) or X25519",
    )
    keygen.add_argument("--bits", type=int, choices=[3072, 4096], default=4096)
    actions = manage.add_subparsers(dest="action", metavar="ACTION")
    show = actions.add_parser(
        "show", help="whether the vault has an escrow slot, for which key (no passphrase needed)"
    )
    add = actions.add_parser(
        "add", help="add (or replace) the escrow slot for the organisation's public key"
    )
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument("path", nargs="?", type=Path, metavar="PUBLIC_KEY.pem")
    source.add_argument(
        "--from-defaults",
        action="store_true",
        help="the key named in the machine-wide defaults (docs/defaults.md)",
    )
    remove = actions.add_parser("remove", help="remove the escrow slot")
    remove.add_argument("--yes", action="store_true", required=True, help="confirm the removal")
    unlock.add_argument(
        "--key",
        type=Path,
        required=True,
        metavar="ORG_PRIVATE_KEY.pem",
        help=f"the organisation's private key (its passphrase from {KEY_PASSPHRASE_VARIABLE} "
        "or asked for)",
    )
    return [show, add, remove]


def cmd_escrow_keygen(args: argparse.Namespace) -> int:
    out: Path = args.out
    require_folder_of(out)  # the folder for the keys may be made; not its parents
    private_path, public_path = out / PRIVATE_NAME, out / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise UsageError(f"{path} already exists: choose an empty folder")
    password = secrets.read_secret(
        KEY_PASSPHRASE_VARIABLE, "Passphrase for the new private key: ", confirm=True
    )
    try:
        check_passphrase_strength(password)
    except WeakPassphrase as exc:  # the same rule, but it protects a key, not a vault
        raise WeakKeyPassphrase(exc.detail) from None
    key = generate_key_pair(args.key_type, args.bits)
    out.mkdir(exist_ok=True, mode=0o700)
    write_atomic(private_path, private_pem(key, password.encode("utf-8")), mode=0o600)
    write_atomic(public_path, public_pem(key.public_key()), mode=0o644)
    print(f"Private key (keep offline; it opens every vault given the public key): {private_path}")
    print(f"Public key (for the machine-wide defaults or Settings): {public_path}")
    print(f"Fingerprint (SHA-256): {fingerprint(key.public_key())}")
    return EXIT_OK


def cmd_escrow(args: argparse.Namespace) -> int:
    from supnotes.services import escrow

    if args.action is None:
        raise UsageError("say what to do: escrow show, escrow add or escrow remove")
    if args.action == "show":
        return _show(vault_folder(args))
    with open_vault(args) as vault:
        escrow.reconcile(vault)
        if args.action == "remove":
            if escrow.current(vault) is None:
                raise UsageError("this vault has no escrow slot")
            _refuse_when_required()
            escrow.remove(vault)
            print("Escrow slot removed; the organisation's key no longer opens this vault.")
            return EXIT_OK
        key = _defaults_key() if args.from_defaults else escrow.read_public_key(args.path)
        info = escrow.add(vault, key)
    print(f"Escrow slot added for the organisation's key {info.fingerprint}")
    return EXIT_OK


def _show(folder: Path) -> int:
    """Read from the key file alone: IT needs it before anyone can unlock the vault."""
    paths = VaultPaths(folder)
    if not paths.keyfile.exists():
        raise UsageError(f"{folder} holds no SupNotes key file")
    info = KeyFile.load(paths.keyfile).escrow_info
    if info is None:
        print("No escrow slot: only the passphrase and the recovery key open this vault.")
        return EXIT_OK
    print(f"Escrow slot: {info.scheme_label}, key {info.fingerprint}")
    print(f"Added: {info.added_at}")
    print("(read without unlocking; the key file's checksum is checked when it is opened)")
    return EXIT_OK


def _refuse_when_required() -> None:
    """As Settings does: a key the organisation requires is not removed here."""
    from supnotes.vault.machine_defaults import machine_defaults

    defaults = machine_defaults()
    if defaults.escrow_required and defaults.escrow_public_key is not None:
        raise UsageError(
            f"the organisation requires its escrow key (escrow.required in {defaults.path}); "
            "it would be added again at the next start, so it is not removed"
        )


def _defaults_key() -> EscrowPublicKey:
    from supnotes.services.escrow import organisation_key
    from supnotes.vault.machine_defaults import machine_defaults

    defaults = machine_defaults()
    key = organisation_key(defaults)
    if key is None:
        raise UsageError(f"the machine-wide defaults ({defaults.path}) name no escrow key")
    return key


def read_private_key(path: Path) -> EscrowPrivateKey:
    """The organisation's private key, asking for its passphrase when it has one."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None
    try:
        return load_private_key(raw)
    except EscrowKeyLocked:
        password = secrets.read_secret(
            KEY_PASSPHRASE_VARIABLE, "Passphrase of the organisation's private key: "
        )
    return load_private_key(raw, password.encode("utf-8"))


def cmd_escrow_unlock(args: argparse.Namespace) -> int:
    from supnotes.services.escrow import escrow_unlock

    folder = vault_folder(args)
    key = read_private_key(args.key)
    new_passphrase = secrets.new_passphrase()
    done = escrow_unlock(folder, key, new_passphrase)
    print(f"Opened {folder} with the organisation's escrow key {done.fingerprint}.")
    print("The new passphrase is set; the old one no longer opens the vault.")
    print()
    print("New recovery key (shown once; give it to the supervisor to print and keep safe):")
    print()
    print(f"    {done.recovery_key}")
    print()
    print("The old recovery key no longer works. The vault's access trail records this unlock.")
    if os.environ.get(KEY_PASSPHRASE_VARIABLE):
        print(f"Unset {KEY_PASSPHRASE_VARIABLE} now, and put the private key back offline.")
    return EXIT_OK
