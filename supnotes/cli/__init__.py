"""The ``supnotes`` command: the app with no subcommand, tools for IT otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

from supnotes.cli.parser import parse_arguments
from supnotes.cli.runner import run
from supnotes.pdf.offline import refuse_network_clients


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``supnotes``; returns the process exit code."""
    # The app's start-up time (``--smoke``) is counted from here.
    started_at = time.perf_counter()
    # Before pyHanko is imported: its network clients (and aiohttp) never are.
    refuse_network_clients()
    args = parse_arguments(sys.argv[1:] if argv is None else argv)
    args.started_at = started_at
    return run(args)
