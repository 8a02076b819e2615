"""``supnotes report``: the compliance report for a period and a team, as PDF or CSV.

The figures follow docs/compliance.md. The file is written atomically,
readable by its owner only. Errors are one line (exit 2); the report holds
no child's details and no record text, and neither do error lines.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from supnotes.cli.errors import EXIT_OK, UsageError


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} needs a date as YYYY-MM-DD, not {text!r}") from None


def _check_out(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"{path} is a folder; --out needs a file name")
    if not path.parent.is_dir():
        raise UsageError(f"the folder {path.parent} does not exist")


def cmd_report(args: argparse.Namespace) -> int:
    from supnotes.cli.vault_commands import open_vault
    from supnotes.domain.compliance import Period
    from supnotes.services.compliance_output import write_report
    from supnotes.services.compliance_report import NoSuchTeam, build_report

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if end < start:
        raise UsageError("--to is before --from")
    out: Path = args.out
    _check_out(out)
    with open_vault(args) as vault:
        try:
            report = build_report(vault, Period(start, end), args.team)
        except NoSuchTeam as exc:
            raise UsageError(str(exc)) from None
        try:
            write_report(vault, report, args.format, out)
        except OSError as exc:  # what write_atomic does not turn into a VaultError itself
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"Wrote the compliance report for {len(report.rows)} workers to {out}")
    return EXIT_OK


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument("--team", metavar="T", help="only this team (default: every team)")
    parser.add_argument("--format", choices=["pdf", "csv"], required=True)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
