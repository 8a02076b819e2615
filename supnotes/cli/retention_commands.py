"""``supnotes retention list | delete | audit``: the retention review from the command line.

``list`` prints the records past the organisation's retention period, one a
line (reference, kind, date held, signed or draft, due since, why its period
started — "left on …", "handed over to … on …", "created on …" — and what a
record waits for). ``delete`` deletes them only with ``--confirm N``, where N
is the number it would delete: a deliberate act that cannot be typed by
accident or left in a script that later deletes more. ``audit`` writes the
audit trail (no personal content) as CSV.
"""

from __future__ import annotations

import argparse
import sys

from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.vault_commands import open_vault
from supnotes.domain.retention import Due, audit_csv
from supnotes.vault.atomic import raise_for_os_error


def _line(due: Due) -> str:
    f = due.facts
    waits = f"waits for {', '.join(due.waits_for)}" if due.waits_for else ""
    return "\t".join(
        (
            f.reference,
            f.kind,
            f.held_on.isoformat(),
            f.status,
            due.due_on.isoformat(),
            due.reason,
            waits,
        )
    ).rstrip("\t")


def _list(args: argparse.Namespace) -> int:
    from supnotes.services import retention

    with open_vault(args) as vault:
        rule = retention.rule_of(vault)
        due = retention.review(vault)
    for item in due:
        print(_line(item))
    print(f"{len(due)} record(s) past retention ({rule.describe()})", file=sys.stderr)
    return EXIT_OK


def _chosen(due: list[Due], references: list[str]) -> list[Due]:
    if not references:
        return due
    by_reference = {d.facts.reference: d for d in due}
    unknown = [r for r in references if r not in by_reference]
    if unknown:
        raise UsageError(f"{unknown[0]} is not a record past retention")
    return [by_reference[r] for r in dict.fromkeys(references)]


def _delete(args: argparse.Namespace) -> int:
    from supnotes.services import retention
    from supnotes.vault.repositories.retention import NothingToDelete

    with open_vault(args) as vault:
        rule = retention.rule_of(vault)
        chosen = _chosen(retention.review(vault), list(args.references))
        waiting = [d for d in chosen if not d.deletable]
        if waiting:
            raise UsageError(
                f"{waiting[0].facts.reference} waits for {', '.join(waiting[0].waits_for)}, "
                "which reviews its actions and is not past retention; leave it out"
            )
        if not chosen:
            raise UsageError("no record is past retention; nothing to delete")
        if args.confirm != len(chosen):
            raise UsageError(
                f"{len(chosen)} record(s) past retention ({rule.describe()}) would be deleted, "
                f"not {args.confirm}: nothing deleted"
            )
        try:
            report = retention.delete(vault, chosen)
        except NothingToDelete as exc:
            raise UsageError(f"{exc}: nothing deleted") from exc
    print(
        f"Deleted {len(report.deleted.references)} record(s) under the rule "
        f"'{rule.describe()}': {', '.join(report.deleted.references)}"
    )
    print(report.backup_sentence())
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from supnotes.services import retention

    with open_vault(args) as vault:
        text = audit_csv(retention.audit(vault))
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise_for_os_error(exc, args.out)
        raise
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    action = {"list": _list, "delete": _delete, "audit": _audit}.get(args.action or "")
    if action is None:
        raise UsageError(
            "say what to do: retention list, retention delete --confirm N, retention audit"
        )
    return action(args)
