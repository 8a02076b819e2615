"""``supnotes subject-access``: one worker's subject-access pack (docs/subject-access.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.domain.export_format import INCLUDE_PRIVATE_HELP
from supnotes.domain.people import Worker
from supnotes.domain.subject_access import withheld_copies
from supnotes.vault.vault import Vault


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--worker", required=True, metavar="NAME|ID", help="the worker, by name or id"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE.zip", help="the pack to write (a zip)"
    )
    parser.add_argument("--include-private", action="store_true", help=INCLUDE_PRIVATE_HELP)
    parser.add_argument(
        "--no-mask",
        action="store_true",
        help="do not mask children's references and other people's names in group records "
        "(and carry group records' signed copies, which cannot be masked)",
    )


def _worker(vault: Vault, given: str) -> Worker:
    from supnotes.cli.model_commands import find_worker
    from supnotes.vault.repositories.workers import WorkerRepository

    try:
        return WorkerRepository(vault).get(given.strip())
    except KeyError:
        return find_worker(vault, given)


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder: give a file name in it")
    if not out.parent.is_dir():
        raise UsageError(f"--out: the folder {out.parent} does not exist")


def cmd_subject_access(args: argparse.Namespace) -> int:
    from supnotes.cli.vault_commands import open_vault
    from supnotes.services.subject_access import make_pack

    out: Path = args.out
    _check_out(out)
    with open_vault(args) as vault:
        worker = _worker(vault, args.worker)
        result = make_pack(
            vault,
            worker.id,
            out,
            include_private=args.include_private,
            mask_third_parties=not args.no_mask,
        )
    plan = result.plan
    print(
        f"Wrote the subject-access pack of {worker.name} to {out}: "
        f"{_count(plan.records, 'record')}, {_count(len(plan.included), 'signed copy')}"
    )
    if plan.withheld:
        print(
            f"{withheld_copies(len(plan.withheld))} withheld for review "
            "(naming other workers or children); see index.pdf"
        )
    masked = (
        f"{_count(len(plan.maskings), 'field')} masked"
        if plan.masked
        else "third parties not masked"
    )
    private = "private notes included" if plan.include_private else "private notes left out"
    print(f"{masked}; {private}; recorded in the access trail")
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    """ "1 record", "2 records", "1 signed copy", "0 signed copies"."""
    if number == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {plural}"
