"""``supnotes encryption-key``: hand out the public key a handover is encrypted to."""

from __future__ import annotations

import argparse

from supnotes.cli.errors import EXIT_OK
from supnotes.cli.vault_commands import open_vault


def cmd_encryption_key(args: argparse.Namespace) -> int:
    from supnotes.services import encryption_key as keys
    from supnotes.vault.atomic import write_atomic

    with open_vault(args) as vault:
        key = keys.ensure(vault)
    write_atomic(args.out, keys.public_pem(key.public), mode=0o644)
    print(f"Wrote your encryption key (public part) to {args.out}")
    print(f"SHA-256 fingerprint: {key.fingerprint}")
    print("Give it to HR or IT to register beside your signing certificate, and read them")
    print("the fingerprint by another way (phone, in person) so they can check the file.")
    return EXIT_OK
