"""``supnotes trail [--from DATE] [--to DATE] --format csv|text [--out FILE]``.

Lists the vault's access trail: every act that took content out of it (an
export, a print, a copy, a backup, a restore …), when, and where to as a bare
file name. The trail holds no note content, so neither does this output.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from supnotes.cli.errors import EXIT_OK, UsageError


def add_trail_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="from this day (default: the first)"
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="to this day, included (default: today)"
    )
    parser.add_argument("--format", choices=["csv", "text"], default="text")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} needs a date as YYYY-MM-DD, not {text!r}") from None


def cmd_trail(args: argparse.Namespace) -> int:
    from supnotes.cli.vault_commands import open_for_reading
    from supnotes.domain.trail import trail_csv, trail_text
    from supnotes.services import trail
    from supnotes.vault.atomic import write_atomic

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if start is not None and end is not None and end < start:
        raise UsageError("--to is before --from")
    out: Path | None = args.out
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        raise UsageError(f"--out {out}: give a file name in a folder that exists")
    with open_for_reading(args) as vault:
        found = trail.entries(vault, start, end)
    text = trail_csv(found) if args.format == "csv" else trail_text(found)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, text.encode("utf-8"))
        print(f"Wrote {len(found)} trail entries to {out}")
    return EXIT_OK
