"""``supnotes certificate`` and ``supnotes trust``: hand out your certificate, keep a register.

- ``certificate --out FILE`` writes the supervisor's current signing
  certificate as PEM, for HR or IT to put in the organisation's register.
- ``trust list`` shows the vault's register with fingerprints.
- ``trust import PATH`` registers certificates: with ``--organisation`` the
  organisation's register (a PEM file or folder, confirmed once); otherwise
  one certificate whose fingerprint its owner confirmed, either given with
  ``--expect FINGERPRINT`` or confirmed at the terminal after it is shown.
- ``trust remove FINGERPRINT`` takes one out.
"""

from __future__ import annotations

import argparse
import sys

from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.vault_commands import open_vault
from supnotes.pdf.trust_register import RegisteredCertificate, RegisterError, read_register


def cmd_certificate(args: argparse.Namespace) -> int:
    from supnotes.pdf.identity import certificate_pem, fingerprint
    from supnotes.services import identity as identities
    from supnotes.vault.atomic import write_atomic

    with open_vault(args) as vault:
        certificate = identities.current_certificate(vault)
    if certificate is None:
        raise UsageError(
            "you have no signing certificate yet: it is made with your profile "
            "('init --name', or Settings → Profile) or when you first seal a record"
        )
    write_atomic(args.out, certificate_pem(certificate), mode=0o644)
    print(f"Wrote your signing certificate to {args.out}")
    print(f"SHA-256 fingerprint: {fingerprint(certificate)}")
    print("Give it to HR or IT for the organisation's trust register; read them the")
    print("fingerprint by another way (phone, in person) so they can check the file.")
    return EXIT_OK


def _ask_yes(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            "confirmation needed: run in a terminal, or give --expect FINGERPRINT "
            "(or --yes with --organisation)"
        )
    return input(f"{question} Type yes to register: ").strip().lower() == "yes"


def _show(entries: list[RegisteredCertificate]) -> None:
    for entry in entries:
        print(f"  {entry.name}")
        print(f"    SHA-256 {entry.fingerprint}")


def _import(args: argparse.Namespace) -> int:
    from supnotes.services import trust

    try:
        entries = read_register(args.path)
    except RegisterError as exc:
        raise UsageError(str(exc)) from None
    if args.organisation:
        how = trust.ORGANISATION_REGISTER
        print(f"The organisation's register {args.path} holds {len(entries)} certificate(s):")
        _show(entries)
        if not args.yes and not _ask_yes("Register all of them as trusted?"):
            raise UsageError("nothing was registered")
    else:
        how = trust.CHECKED_WITH_OWNER
        if len(entries) != 1:
            raise UsageError(
                f"{args.path} holds {len(entries)} certificates: import one certificate at a "
                "time, or the organisation's register with --organisation"
            )
        print("Certificate to register:")
        _show(entries)
        if args.expect:
            if trust.normalise_fingerprint(args.expect) != entries[0].fingerprint:
                raise UsageError(
                    "the fingerprint given with --expect is not this certificate's: "
                    "nothing was registered"
                )
        elif not _ask_yes(
            "Has its owner read you this fingerprint themselves (in person or by phone), "
            "and does it match?"
        ):
            raise UsageError("nothing was registered")
    with open_vault(args) as vault:
        added = trust.register(vault, entries, how)
    print(f"Registered {added} new certificate(s) ({len(entries) - added} already registered)")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from supnotes.services import trust

    with open_vault(args) as vault:
        entries = trust.entries(vault)
    for entry in entries:
        print("\t".join((entry.fingerprint, entry.name, entry.how, f"{entry.added_at:%Y-%m-%d}")))
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from supnotes.services import trust

    with open_vault(args) as vault:
        own = {e.fingerprint for e in trust.entries(vault) if not e.removable}
        wanted = trust.normalise_fingerprint(args.fingerprint)
        if wanted in own:
            raise UsageError("that is your own signing certificate: it stays in your register")
        if not trust.remove(vault, wanted):
            raise UsageError("no registered certificate has that fingerprint (see 'trust list')")
    print(f"Removed {wanted} from the trust register")
    return EXIT_OK


def cmd_trust(args: argparse.Namespace) -> int:
    action = {"list": _list, "import": _import, "remove": _remove}.get(args.action or "")
    if action is None:
        raise UsageError("say what to do: trust list, trust import PATH, trust remove FINGERPRINT")
    return action(args)
