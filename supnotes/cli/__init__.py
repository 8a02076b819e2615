"""The ``supnotes`` command: the app with no subcommand, tools for IT otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from supnotes.cli.parser import build_parser
from supnotes.cli.runner import run


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``supnotes``; returns the process exit code."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return run(args)
