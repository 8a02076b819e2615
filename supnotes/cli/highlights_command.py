"""``supnotes highlights --from --to --format csv|pdf --out FILE``."""

from __future__ import annotations

import argparse
from datetime import date

from supnotes.cli.errors import EXIT_OK, UsageError
from supnotes.cli.vault_commands import open_vault


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} must be a date like 2026-03-31") from None


def cmd_highlights(args: argparse.Namespace) -> int:
    from supnotes.domain.highlights import HighlightsError
    from supnotes.services.highlights import export
    from supnotes.services.templates import app_library

    start, end = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    with open_vault(args) as vault:
        try:
            count = export(vault, start, end, fmt=args.format, out=args.out, library=app_library())
        except HighlightsError as exc:
            raise UsageError(str(exc)) from None
    print(f"Wrote {count} highlight(s) to {args.out}")
    return EXIT_OK
