"""``supnotes complete-extract``: issue what an extract sealed incomplete left out.

Extracts sealed before extracts carried every entry tagged with their child
can lack the child's actions (and reviews of earlier actions). Sealed
records never change; this command issues the missing content as a signed
addendum extract citing the original extract's SHA-256.

The name says what happens: the original extract is not re-issued or
replaced, it is *completed* by an addendum.

Output: one line per addendum issued (or, with ``--dry-run``, per extract
that would be completed), tab-separated: record id, reference, child,
entries carried, SHA-256 of the extract it completes, SHA-256 of the
addendum.
"""

from __future__ import annotations

import argparse

from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.vault_commands import open_vault
from supnotes.vault.vault import Vault


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--record", metavar="ID", help="the signed record (see 'supnotes list')")
    which.add_argument("--all", action="store_true", help="every signed record in the vault")
    parser.add_argument("--child", metavar="REF", help="with --record: only this child's extract")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="list the extracts that would be completed, and issue nothing",
    )


def _signed_ids(vault: Vault) -> list[str]:
    return [str(r[0]) for r in vault.query("SELECT id FROM record WHERE status = 'signed'")]


def cmd_complete_extract(args: argparse.Namespace) -> int:
    from supnotes.services.extract_completion import complete_extract, incomplete_extracts
    from supnotes.services.sealing import SealingRefused
    from supnotes.vault.repositories.records import RecordRepository

    if args.child is not None and args.record is None:
        raise UsageError("--child goes with --record")
    issued = 0
    with open_vault(args) as vault:
        if args.record is not None:
            try:
                record = RecordRepository(vault).get(args.record).record
            except KeyError:
                raise UsageError("no record has that id (see 'supnotes list')") from None
            if args.child is not None and args.child not in record_children(vault, record.id):
                raise UsageError(f"{record.reference} is not about {args.child}")
            record_ids = [record.id]
        else:
            record_ids = _signed_ids(vault)
        for record_id in record_ids:
            for found in incomplete_extracts(vault, record_id):
                if args.child is not None and found.child_ref != args.child:
                    continue
                line = [
                    found.record_id,
                    found.reference,
                    found.child_ref,
                    str(found.entry_count),
                    found.extract_sha256,
                ]
                if not args.dry_run:
                    try:
                        addendum = complete_extract(vault, record_id, found.child_ref)
                    except SealingRefused as exc:
                        raise UsageError(str(exc)) from None
                    line.append(addendum.sealed_sha256 or "")
                issued += 1
                print("\t".join(line))
    verb = "would be completed" if args.dry_run else "completed by a signed addendum"
    if not issued:
        print("Nothing to complete: every signed extract holds everything about its child.")
    else:
        print(f"{issued} extract{'s' if issued != 1 else ''} {verb}.")
    return EXIT_OK


def record_children(vault: Vault, record_id: str) -> tuple[str, ...]:
    from supnotes.vault.repositories.records import RecordRepository

    return RecordRepository(vault).get(record_id).child_refs
