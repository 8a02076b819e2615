"""Handovers at the command line.

- ``encryption-key --out FILE``: the public key handovers to you are encrypted to.
- ``handover --worker NAME|ID --to KEY.pem --out FILE [--receiver NAME]``: hand a
  worker's history over; the worker is then marked handed over (retention).
- ``handover-import FILE``: receive one (``--yes`` when the giver is not registered).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from supnotes.cli.errors import EXIT_OK, CheckFailed, UsageError
from supnotes.cli.vault_commands import open_vault

if TYPE_CHECKING:
    from supnotes.domain.people import Worker
    from supnotes.vault.vault import Vault


def worker_by_name_or_id(vault: Vault, given: str) -> Worker:
    """The worker whose id is ``given``, else the one whose name matches it; one line if not."""
    from supnotes.vault.repositories.workers import WorkerRepository

    text = " ".join(given.split())
    if not text:
        raise UsageError("--worker needs a name (or part of one) or an id")
    workers = WorkerRepository(vault)
    try:
        return workers.get(text)
    except KeyError:
        pass
    found = workers.find(text)
    if not found:
        raise UsageError(f"no worker has the name or id {text!r}")
    if len(found) > 1:
        named = "; ".join(f"{w.name} (id {w.id})" for w in found[:5])
        more = f"; and {len(found) - 5} more" if len(found) > 5 else ""
        raise UsageError(
            f"{len(found)} workers match {text!r}: {named}{more}; give more of the name or the id"
        )
    return found[0]


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


def cmd_handover(args: argparse.Namespace) -> int:
    from supnotes.services import encryption_key as keys
    from supnotes.services import handover
    from supnotes.services import identity as identities

    try:
        recipient = keys.load_public_pem(args.to.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read {args.to}: {exc.strerror}") from exc
    except keys.EncryptionKeyError as exc:
        raise UsageError(str(exc)) from exc
    with open_vault(args) as vault:
        worker = worker_by_name_or_id(vault, args.worker)
        try:
            sealed = handover.hand_over(
                vault,
                worker.id,
                recipient,
                args.out,
                include_private=args.include_private,
                to_name=args.receiver or "",
            )
        except identities.NoIdentity as exc:
            raise UsageError(str(exc)) from exc
        mark = handover.handed_over(vault, worker.id)
    print(f"Handed over {worker.name} to {args.out}")
    print(f"Encrypted for the key with SHA-256 fingerprint {sealed.recipient_fingerprint}")
    if mark is not None:
        print(
            f"{worker.name} is marked handed over to {mark.to} on {mark.on.isoformat()}: "
            "your copy now follows the retention rule as if they had left that day "
            "('supnotes retention list')."
        )
    if args.include_private:
        print("Your private notes are included: they are disclosable on request.")
    return EXIT_OK


def cmd_handover_import(args: argparse.Namespace) -> int:
    from supnotes.services import handover
    from supnotes.services.handover_envelope import HandoverError, Tampered

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from exc
    with open_vault(args) as vault:
        try:
            received = handover.open_received(vault, data)
        except Tampered as exc:
            raise CheckFailed(str(exc)) from exc
        except HandoverError as exc:
            raise UsageError(str(exc)) from exc
        sender = received.opened
        print(f"From: {sender.sender.subject.rfc4514_string()}")
        print(f"Giver's certificate SHA-256: {sender.sender_fingerprint}")
        if not received.sender_registered:
            print(
                "Warning: the giver is not in your trust register: check the fingerprint "
                "with them by another way before you accept.",
                file=sys.stderr,
            )
            if not args.yes:
                raise UsageError(
                    "the giver is not in your trust register: check the fingerprint, "
                    "then run again with --yes (or register their certificate first)"
                )
        report = handover.import_received(vault, received)
    print(
        f"Received {report.records_added} records and {report.pdfs_added} sealed PDFs "
        f"({report.records_unchanged} records were already here, unchanged)"
    )
    return EXIT_OK
